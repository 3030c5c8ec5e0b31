#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "data/query/cql2.hpp"
#include "geo/error.hpp"

namespace bando::data::query {
namespace {

enum class TokenKind { identifier, quoted_identifier, string, number, symbol, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;     // identifiers upper-cased in `upper`, strings unescaped
  std::string upper;
  std::size_t position = 1;  // 1-based character offset
};

[[noreturn]] void throw_syntax(std::size_t position, const std::string& en, const std::string& vi) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("filter is invalid at character {}: {}", position, en),
               fmt::format("bộ lọc không hợp lệ tại ký tự {}: {}", position, vi)});
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> tokens() {
    std::vector<Token> result;
    while (true) {
      skip_spaces();
      if (at_ >= text_.size()) break;
      result.push_back(next());
    }
    Token end;
    end.position = text_.size() + 1;
    result.push_back(end);
    return result;
  }

 private:
  void skip_spaces() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }

  bool starts_number() const {
    const char c = text_[at_];
    const auto digit_at = [&](std::size_t i) {
      return i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i]));
    };
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
    if (c == '.') return digit_at(at_ + 1);
    if (c == '-' || c == '+') return digit_at(at_ + 1) || (at_ + 2 < text_.size() && text_[at_ + 1] == '.' && digit_at(at_ + 2));
    return false;
  }

  Token next() {
    Token token;
    token.position = at_ + 1;
    const char c = text_[at_];
    if (c == '\'' || c == '"') return quoted(token, c);

    if (starts_number()) {
      token.kind = TokenKind::number;
      const std::size_t start = at_++;
      while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.' ||
                                    ((text_[at_] == '-' || text_[at_] == '+') &&
                                     (text_[at_ - 1] == 'e' || text_[at_ - 1] == 'E')))) {
        ++at_;
      }
      token.text = std::string(text_.substr(start, at_ - start));
      return token;
    }

    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      token.kind = TokenKind::identifier;
      const std::size_t start = at_;
      while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_' ||
                                    text_[at_] == ':' || text_[at_] == '.' ||
                                    static_cast<unsigned char>(text_[at_]) >= 0x80)) {
        ++at_;
      }
      token.text = std::string(text_.substr(start, at_ - start));
      for (char letter : token.text) token.upper += static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
      return token;
    }

    token.kind = TokenKind::symbol;
    for (const char* two : {"<>", "<=", ">="}) {
      if (text_.substr(at_, 2) == two) {
        token.text = two;
        at_ += 2;
        return token;
      }
    }
    if (std::string_view("(),=<>").find(c) == std::string_view::npos) {
      throw_syntax(token.position, fmt::format("unexpected character '{}'", c),
                   fmt::format("ký tự không mong đợi '{}'", c));
    }
    token.text = std::string(1, c);
    ++at_;
    return token;
  }

  // A 'string' or "identifier"; a doubled quote inside stands for one quote.
  Token quoted(Token token, char quote) {
    token.kind = quote == '\'' ? TokenKind::string : TokenKind::quoted_identifier;
    ++at_;
    while (true) {
      if (at_ >= text_.size()) {
        throw_syntax(token.position, "the quoted text has no closing quote", "chuỗi trong dấu nháy không có dấu đóng");
      }
      if (text_[at_] == quote) {
        if (at_ + 1 < text_.size() && text_[at_ + 1] == quote) {
          token.text += quote;
          at_ += 2;
          continue;
        }
        ++at_;
        return token;
      }
      token.text += text_[at_++];
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, const geo::Crs& crs) : tokens_(std::move(tokens)), crs_(crs) {}

  Filter parse() {
    Filter result = or_expression();
    if (peek().kind != TokenKind::end) unexpected("AND, OR or the end of the filter", "AND, OR hoặc hết bộ lọc");
    return result;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  bool is_keyword(const char* word) const {
    return peek().kind == TokenKind::identifier && peek().upper == word;
  }
  bool is_symbol(const char* symbol) const { return peek().kind == TokenKind::symbol && peek().text == symbol; }

  [[noreturn]] void unexpected(const std::string& expected_en, const std::string& expected_vi) const {
    const Token& token = peek();
    const std::string found = token.kind == TokenKind::end ? "the end of the filter" : "'" + token.text + "'";
    const std::string found_vi = token.kind == TokenKind::end ? "hết bộ lọc" : "'" + token.text + "'";
    throw_syntax(token.position, fmt::format("expected {}, found {}", expected_en, found),
                 fmt::format("cần {}, gặp {}", expected_vi, found_vi));
  }

  void expect_symbol(const char* symbol) {
    if (!is_symbol(symbol)) unexpected(fmt::format("'{}'", symbol), fmt::format("'{}'", symbol));
    take();
  }

  Filter combine(Operator op, Filter left, Filter right) {
    Filter node;
    node.op = op;
    node.position = left.position;
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
  }

  Filter or_expression() {
    Filter left = and_expression();
    while (is_keyword("OR")) {
      take();
      left = combine(Operator::logical_or, std::move(left), and_expression());
    }
    return left;
  }

  Filter and_expression() {
    Filter left = not_expression();
    while (is_keyword("AND")) {
      take();
      left = combine(Operator::logical_and, std::move(left), not_expression());
    }
    return left;
  }

  Filter negate(Filter inner, std::size_t position) {
    Filter node;
    node.op = Operator::logical_not;
    node.position = position;
    node.children.push_back(std::move(inner));
    return node;
  }

  Filter not_expression() {
    if (is_keyword("NOT")) {
      const std::size_t position = take().position;
      return negate(not_expression(), position);
    }
    if (is_symbol("(")) {
      take();
      Filter inner = or_expression();
      expect_symbol(")");
      return inner;
    }
    return predicate();
  }

  static std::optional<Operator> spatial_operator(const std::string& upper) {
    if (upper == "S_INTERSECTS") return Operator::s_intersects;
    if (upper == "S_WITHIN") return Operator::s_within;
    if (upper == "S_CONTAINS") return Operator::s_contains;
    if (upper == "S_DISJOINT") return Operator::s_disjoint;
    if (upper == "S_CROSSES") return Operator::s_crosses;
    if (upper == "S_TOUCHES") return Operator::s_touches;
    if (upper == "S_OVERLAPS") return Operator::s_overlaps;
    if (upper == "S_EQUALS") return Operator::s_equals;
    return std::nullopt;
  }

  bool is_literal() const {
    return peek().kind == TokenKind::string || peek().kind == TokenKind::number ||
           is_keyword("TRUE") || is_keyword("FALSE");
  }

  Literal literal() {
    const Token& token = take();
    if (token.kind == TokenKind::string) return token.text;
    if (token.kind == TokenKind::identifier) return token.upper == "TRUE";
    std::int64_t integer = 0;
    const char* begin = token.text.data();
    const char* end = begin + token.text.size();
    if (*begin == '+') ++begin;
    if (auto [ptr, ec] = std::from_chars(begin, end, integer); ec == std::errc{} && ptr == end) return integer;
    double real = 0;
    if (auto [ptr, ec] = std::from_chars(begin, end, real); ec == std::errc{} && ptr == end) return real;
    throw_syntax(token.position, fmt::format("'{}' is not a number", token.text),
                 fmt::format("'{}' không phải là số", token.text));
  }

  bool is_reserved() const {
    for (const char* word : {"AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE"}) {
      if (is_keyword(word)) return true;
    }
    return false;
  }

  // A bare or "double-quoted" property name; a bare name may not be a keyword.
  std::string property_name() {
    if (peek().kind == TokenKind::quoted_identifier || (peek().kind == TokenKind::identifier && !is_reserved())) {
      return take().text;
    }
    unexpected("a property name", "tên thuộc tính");
  }

  static Operator flip(Operator op) {
    switch (op) {
      case Operator::less: return Operator::greater;
      case Operator::less_or_equal: return Operator::greater_or_equal;
      case Operator::greater: return Operator::less;
      case Operator::greater_or_equal: return Operator::less_or_equal;
      default: return op;
    }
  }

  std::optional<Operator> comparison() {
    if (peek().kind != TokenKind::symbol) return std::nullopt;
    const std::string& symbol = peek().text;
    std::optional<Operator> op;
    if (symbol == "=") op = Operator::equal;
    if (symbol == "<>") op = Operator::not_equal;
    if (symbol == "<") op = Operator::less;
    if (symbol == "<=") op = Operator::less_or_equal;
    if (symbol == ">") op = Operator::greater;
    if (symbol == ">=") op = Operator::greater_or_equal;
    if (op) take();
    return op;
  }

  Filter predicate() {
    const std::size_t position = peek().position;
    if (peek().kind == TokenKind::identifier) {
      if (auto op = spatial_operator(peek().upper)) return spatial(*op);
    }
    if (is_literal()) {
      // literal op property, as in 5 < population.
      Literal value = literal();
      auto op = comparison();
      if (!op) unexpected("a comparison operator", "toán tử so sánh");
      Filter node;
      node.op = flip(*op);
      node.position = position;
      node.property = property_name();
      node.values.push_back(std::move(value));
      return node;
    }
    Filter node;
    node.position = position;
    node.property = property_name();
    if (auto op = comparison()) {
      node.op = *op;
      if (!is_literal()) unexpected("a string, number or boolean", "chuỗi, số hoặc giá trị logic");
      node.values.push_back(literal());
      return node;
    }
    return keyword_predicate(std::move(node));
  }

  Filter keyword_predicate(Filter node) {
    if (is_keyword("IS")) {
      take();
      const bool negated = is_keyword("NOT");
      if (negated) take();
      if (!is_keyword("NULL")) unexpected("NULL", "NULL");
      take();
      node.op = Operator::is_null;
      const std::size_t position = node.position;
      return negated ? negate(std::move(node), position) : node;
    }
    bool negated = false;
    if (is_keyword("NOT")) {
      take();
      negated = true;
    }
    if (is_keyword("LIKE")) {
      take();
      if (peek().kind != TokenKind::string) unexpected("a quoted pattern", "mẫu trong dấu nháy đơn");
      node.op = Operator::like;
      node.values.push_back(take().text);
    } else if (is_keyword("IN")) {
      take();
      expect_symbol("(");
      node.op = Operator::in;
      do {
        if (!is_literal()) unexpected("a string, number or boolean", "chuỗi, số hoặc giá trị logic");
        node.values.push_back(literal());
      } while (is_symbol(",") && (take(), true));
      expect_symbol(")");
    } else if (is_keyword("BETWEEN")) {
      take();
      node.op = Operator::between;
      if (!is_literal()) unexpected("a number", "số");
      node.values.push_back(literal());
      if (!is_keyword("AND")) unexpected("AND", "AND");
      take();
      if (!is_literal()) unexpected("a number", "số");
      node.values.push_back(literal());
    } else {
      unexpected("a comparison operator, LIKE, IN, BETWEEN or IS NULL",
                 "toán tử so sánh, LIKE, IN, BETWEEN hoặc IS NULL");
    }
    const std::size_t position = node.position;
    return negated ? negate(std::move(node), position) : node;
  }

  // S_xxx(a, b) where one argument is a property (the feature geometry) and the
  // other a geometry literal. With the literal first, WITHIN and CONTAINS swap.
  Filter spatial(Operator op) {
    Filter node;
    node.position = take().position;
    expect_symbol("(");
    const bool literal_first = is_geometry_start();
    if (literal_first) {
      node.geometry = geometry();
      expect_symbol(",");
      property_name();
    } else {
      property_name();
      expect_symbol(",");
      node.geometry = geometry();
    }
    expect_symbol(")");
    if (literal_first && op == Operator::s_within) op = Operator::s_contains;
    else if (literal_first && op == Operator::s_contains) op = Operator::s_within;
    node.op = op;
    geometry_to_storage(node.geometry, crs_);
    return node;
  }

  bool is_geometry_start() const {
    if (peek().kind != TokenKind::identifier) return false;
    for (const char* word : {"POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
                             "GEOMETRYCOLLECTION", "BBOX", "ENVELOPE"}) {
      if (peek().upper == word) return true;
    }
    return false;
  }

  double number() {
    const Token& token = peek();
    if (token.kind != TokenKind::number) unexpected("a coordinate", "tọa độ");
    const Literal value = literal();
    if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
    return std::get<double>(value);
  }

  geo::Point position_value() {
    geo::Point point{number(), number()};
    if (peek().kind == TokenKind::number) number();  // a height, which 2D filters ignore
    return point;
  }

  geo::Path path() {
    expect_symbol("(");
    geo::Path points;
    do {
      points.push_back(position_value());
    } while (is_symbol(",") && (take(), true));
    expect_symbol(")");
    return points;
  }

  geo::PolygonRings rings() {
    expect_symbol("(");
    geo::PolygonRings result;
    do {
      result.push_back(path());
    } while (is_symbol(",") && (take(), true));
    expect_symbol(")");
    return result;
  }

  // MULTIPOINT accepts both (1 2, 3 4) and ((1 2), (3 4)).
  geo::Path multi_point() {
    expect_symbol("(");
    geo::Path points;
    do {
      if (is_symbol("(")) {
        take();
        points.push_back(position_value());
        expect_symbol(")");
      } else {
        points.push_back(position_value());
      }
    } while (is_symbol(",") && (take(), true));
    expect_symbol(")");
    return points;
  }

  geo::Geometry bbox() {
    expect_symbol("(");
    std::vector<double> numbers{number()};
    while (is_symbol(",")) {
      take();
      numbers.push_back(number());
    }
    expect_symbol(")");
    if (numbers.size() != 4 && numbers.size() != 6) unexpected("4 or 6 BBOX numbers", "4 hoặc 6 số BBOX");
    const bool with_height = numbers.size() == 6;
    const double x0 = numbers[0], y0 = numbers[1];
    const double x1 = numbers[with_height ? 3 : 2], y1 = numbers[with_height ? 4 : 3];
    geo::Geometry g;
    g.type = geo::GeometryType::polygon;
    g.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}});
    return g;
  }

  geo::Geometry geometry() {
    if (!is_geometry_start()) unexpected("a WKT geometry or BBOX(...)", "hình học WKT hoặc BBOX(...)");
    const std::string kind = take().upper;
    geo::Geometry g;
    if (kind == "BBOX" || kind == "ENVELOPE") return bbox();
    if (kind == "POINT") {
      g.type = geo::GeometryType::point;
      g.points = path();
      if (g.points.size() != 1) unexpected("one POINT coordinate", "một tọa độ POINT");
    } else if (kind == "LINESTRING") {
      g.type = geo::GeometryType::line_string;
      g.lines.push_back(path());
    } else if (kind == "POLYGON") {
      g.type = geo::GeometryType::polygon;
      g.polygons.push_back(rings());
    } else if (kind == "MULTIPOINT") {
      g.type = geo::GeometryType::multi_point;
      g.points = multi_point();
    } else if (kind == "MULTILINESTRING") {
      g.type = geo::GeometryType::multi_line_string;
      g.lines = rings();
    } else if (kind == "MULTIPOLYGON") {
      g.type = geo::GeometryType::multi_polygon;
      expect_symbol("(");
      do {
        g.polygons.push_back(rings());
      } while (is_symbol(",") && (take(), true));
      expect_symbol(")");
    } else {
      g.type = geo::GeometryType::geometry_collection;
      expect_symbol("(");
      do {
        g.members.push_back(geometry());
      } while (is_symbol(",") && (take(), true));
      expect_symbol(")");
    }
    return g;
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  const geo::Crs& crs_;
};

}  // namespace

Filter parse_cql2_text(std::string_view text, const geo::Crs& filter_crs) {
  return Parser(Lexer(text).tokens(), filter_crs).parse();
}

}  // namespace bando::data::query

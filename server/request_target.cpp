#include "server/request_target.hpp"

#include <uriparser/Uri.h>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {
namespace {

[[noreturn]] void throw_bad_target(std::string_view target) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("malformed request target '{}'", target),
               fmt::format("đường dẫn yêu cầu không hợp lệ '{}'", target)});
}

std::string decode_component(std::string text) {
  text.push_back('\0');
  uriUnescapeInPlaceExA(text.data(), URI_FALSE, URI_BR_DONT_TOUCH);
  text.resize(std::char_traits<char>::length(text.c_str()));
  return text;
}

std::vector<std::pair<std::string, std::string>> dissect_query(std::string_view query,
                                                               std::string_view target) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (query.empty()) return pairs;
  UriQueryListA* list = nullptr;
  int count = 0;
  if (uriDissectQueryMallocExA(&list, &count, query.data(), query.data() + query.size(), URI_TRUE,
                               URI_BR_DONT_TOUCH) != URI_SUCCESS) {
    throw_bad_target(target);
  }
  for (UriQueryListA* item = list; item != nullptr; item = item->next) {
    pairs.emplace_back(item->key ? item->key : "", item->value ? item->value : "");
  }
  uriFreeQueryListA(list);
  return pairs;
}

// A decoded slash would split one path segment in two, so "/collections/a%2Fb"
// would reach the handler of "/collections/a/b". No resource name contains a slash.
bool has_encoded_slash(std::string_view raw_path) {
  for (std::size_t at = raw_path.find('%'); at != std::string_view::npos; at = raw_path.find('%', at + 1)) {
    const std::string_view escape = raw_path.substr(at, 3);
    if (escape == "%2F" || escape == "%2f") return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> QueryParams::get(std::string_view name) const {
  for (const auto& [key, value] : pairs_)
    if (key == name) return value;
  return std::nullopt;
}

RequestTarget parse_request_target(std::string_view target) {
  if (target.empty() || target.front() != '/') throw_bad_target(target);
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  const std::string_view raw_query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

  // Reject bytes a URI path may not hold rather than guessing what was meant.
  for (char c : raw_path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == '#' || c == '\\') throw_bad_target(target);
  }
  // A decoded NUL would cut a path or a query value short ("limit=5%00x" would read as 5).
  if (target.find("%00") != std::string_view::npos) throw_bad_target(target);
  if (has_encoded_slash(raw_path)) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("request path '{}' contains an encoded slash (%2F), which no resource name has",
                             raw_path),
                 fmt::format("đường dẫn '{}' chứa dấu gạch chéo mã hóa (%2F), không tên tài nguyên nào có ký tự này",
                             raw_path)});
  }
  RequestTarget result;
  result.path = decode_component(std::string(raw_path));
  result.query = QueryParams(dissect_query(raw_query, target));
  return result;
}

}  // namespace bando::server

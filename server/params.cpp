#include "server/params.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {
namespace {

[[noreturn]] void throw_invalid(std::string en, std::string vi) {
  throw Error(ErrorKind::invalid_argument, {std::move(en), std::move(vi)});
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto comma = text.find(',');
    parts.push_back(text.substr(0, comma));
    if (comma == std::string_view::npos) return parts;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace

std::int64_t parse_integer(std::string_view name, std::string_view value, std::int64_t min, std::int64_t max) {
  std::int64_t result = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) {
    throw_invalid(fmt::format("{} must be an integer, got '{}'", name, value),
                  fmt::format("{} phải là số nguyên, nhận được '{}'", name, value));
  }
  if (result < min && max == std::numeric_limits<std::int64_t>::max()) {
    throw_invalid(fmt::format("{} must be at least {}, got '{}'", name, min, value),
                  fmt::format("{} phải lớn hơn hoặc bằng {}, nhận được '{}'", name, min, value));
  }
  if (result < min || result > max) {
    throw_invalid(fmt::format("{} must be between {} and {}, got '{}'", name, min, max, value),
                  fmt::format("{} phải nằm trong khoảng {} đến {}, nhận được '{}'", name, min, max, value));
  }
  return result;
}

double parse_number(std::string_view name, std::string_view value) {
  double result = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size() || !std::isfinite(result)) {
    throw_invalid(fmt::format("{} must be a number, got '{}'", name, value),
                  fmt::format("{} phải là một số, nhận được '{}'", name, value));
  }
  return result;
}

geo::Box parse_bbox(std::string_view value) {
  const std::vector<std::string_view> parts = split_commas(value);
  if (parts.size() != 4 && parts.size() != 6) {
    throw_invalid(fmt::format("bbox must have 4 or 6 comma-separated numbers, got '{}'", value),
                  fmt::format("bbox phải có 4 hoặc 6 số cách nhau bởi dấu phẩy, nhận được '{}'", value));
  }
  std::vector<double> numbers;
  for (std::string_view part : parts) numbers.push_back(parse_number("bbox", part));
  // With 6 numbers the order is minLon, minLat, minHeight, maxLon, maxLat, maxHeight.
  const bool with_height = numbers.size() == 6;
  const geo::Box box{numbers[0], numbers[1], numbers[with_height ? 3 : 2], numbers[with_height ? 4 : 3]};

  if (box.min_x < -180 || box.max_x > 180 || box.min_y < -90 || box.max_y > 90) {
    throw_invalid(fmt::format("bbox '{}' is outside longitude -180..180 or latitude -90..90", value),
                  fmt::format("bbox '{}' nằm ngoài kinh độ -180..180 hoặc vĩ độ -90..90", value));
  }
  if (box.min_y > box.max_y) {
    throw_invalid(fmt::format("bbox '{}' has its minimum latitude above its maximum", value),
                  fmt::format("bbox '{}' có vĩ độ nhỏ nhất lớn hơn vĩ độ lớn nhất", value));
  }
  if (box.min_x > box.max_x) {
    throw_invalid(fmt::format("bbox '{}' crosses the antimeridian, which is not supported; split it in two", value),
                  fmt::format("bbox '{}' cắt qua kinh tuyến 180, chưa được hỗ trợ; hãy tách thành hai hộp", value));
  }
  return box;
}

void reject_unknown_params(const QueryParams& query, std::initializer_list<std::string_view> allowed) {
  const auto& pairs = query.pairs();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string& key = pairs[i].first;
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (!known && allowed.size() == 0) {
      throw_invalid(fmt::format("unknown query parameter '{}'; this endpoint accepts no query parameters", key),
                    fmt::format("tham số truy vấn không xác định '{}'; điểm cuối này không nhận tham số truy vấn nào",
                                key));
    }
    if (!known) {
      std::string list;
      for (std::string_view name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
      throw_invalid(fmt::format("unknown query parameter '{}'; this endpoint accepts: {}", key, list),
                    fmt::format("tham số truy vấn không xác định '{}'; điểm cuối này nhận: {}", key, list));
    }
    // A repeated parameter is ambiguous: "lon=1&lon=2" could mean either value.
    for (std::size_t j = 0; j < i; ++j) {
      if (pairs[j].first != key) continue;
      throw_invalid(fmt::format("query parameter '{}' is given more than once; give it once", key),
                    fmt::format("tham số truy vấn '{}' xuất hiện nhiều lần; chỉ được dùng một lần", key));
    }
  }
}

}  // namespace bando::server

#include "data/gazetteer/open_location_code.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data::olc {
namespace {

constexpr std::string_view kAlphabet = "23456789CFGHJMPQRVWX";
constexpr char kSeparator = '+';
constexpr std::size_t kSeparatorPosition = 8;
constexpr int kGridRows = 5;     // latitude divisions of one grid step
constexpr int kGridColumns = 4;  // longitude divisions of one grid step
// Degrees of the first pair. Each later pair divides it by 20.
constexpr double kFirstPairResolution = 20.0;
// Cells of the finest pair (1/8000 degree) per degree.
constexpr std::int64_t kPairCellsPerDegree = 8000;

[[noreturn]] void throw_invalid(std::string_view code, std::string_view reason) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("invalid Open Location Code '{}': {}", code, reason),
               fmt::format("mã Open Location Code '{}' không hợp lệ: {}", code, reason)});
}

int digit_value(char c) {
  const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  const std::size_t position = kAlphabet.find(upper);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

double pair_resolution(int pair_index) { return kFirstPairResolution / std::pow(20.0, pair_index); }

// Returns the digits of `code` without the separator after checking its shape.
// A short code has fewer than 8 digits before the separator, an even number.
std::string checked_digits(std::string_view code, bool allow_short) {
  const std::size_t separator = code.find(kSeparator);
  if (separator == std::string_view::npos || code.find(kSeparator, separator + 1) != std::string_view::npos) {
    throw_invalid(code, "it needs exactly one '+'");
  }
  if (separator > kSeparatorPosition || separator % 2 != 0 || (!allow_short && separator != kSeparatorPosition)) {
    throw_invalid(code, "the '+' must follow 8 digits, or an even number below 8 in a short code");
  }
  const std::size_t after = code.size() - separator - 1;
  if (after == 1 || after > 7) throw_invalid(code, "it needs 0 or 2 to 7 digits after the '+'");
  std::string digits;
  for (char c : code) {
    if (c == kSeparator) continue;
    if (digit_value(c) < 0) throw_invalid(code, fmt::format("'{}' is not an Open Location Code digit", c));
    digits.push_back(static_cast<char>(kAlphabet[static_cast<std::size_t>(digit_value(c))]));
  }
  if (separator == kSeparatorPosition && digit_value(digits[0]) > 8) throw_invalid(code, "latitude is above 90");
  if (separator == kSeparatorPosition && digit_value(digits[1]) > 17) throw_invalid(code, "longitude is above 180");
  return digits;
}

std::string with_separator(const std::string& digits) {
  std::string code = digits.substr(0, std::min(digits.size(), kSeparatorPosition));
  code.resize(kSeparatorPosition, '0');
  code.push_back(kSeparator);
  if (digits.size() > kSeparatorPosition) code += digits.substr(kSeparatorPosition);
  return code;
}

}  // namespace

std::string encode(double lat, double lon, int length) {
  if (!std::isfinite(lat) || !std::isfinite(lon)) {
    throw Error(ErrorKind::invalid_argument, {fmt::format("coordinates must be finite, got lat={} lon={}", lat, lon),
                                              fmt::format("tọa độ phải hữu hạn, nhận được lat={} lon={}", lat, lon)});
  }
  if (length != kGridCodeLength && (length < 2 || length > kPairCodeLength || length % 2 != 0)) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("Open Location Code length must be 2, 4, 6, 8, 10 or 11, got {}", length),
                 fmt::format("độ dài mã Open Location Code phải là 2, 4, 6, 8, 10 hoặc 11, nhận được {}", length)});
  }
  lat = std::clamp(lat, -90.0, 90.0);
  lon = std::fmod(lon + 180.0, 360.0);
  if (lon < 0) lon += 360.0;

  // Integer cell indices at the grid resolution avoid repeated floating division.
  const std::int64_t lat_cells_per_degree = kPairCellsPerDegree * kGridRows;
  const std::int64_t lon_cells_per_degree = kPairCellsPerDegree * kGridColumns;
  std::int64_t lat_index = static_cast<std::int64_t>(std::floor((lat + 90.0) * lat_cells_per_degree));
  std::int64_t lon_index = static_cast<std::int64_t>(std::floor(lon * lon_cells_per_degree));
  // Latitude 90 belongs to the cell below it, since north edges are exclusive.
  lat_index = std::min(lat_index, 180 * lat_cells_per_degree - 1);
  lon_index = std::min(lon_index, 360 * lon_cells_per_degree - 1);

  const int grid_digit = static_cast<int>((lat_index % kGridRows) * kGridColumns + lon_index % kGridColumns);
  lat_index /= kGridRows;
  lon_index /= kGridColumns;
  std::string digits(kPairCodeLength, '2');
  for (int pair = 4; pair >= 0; --pair) {
    digits[static_cast<std::size_t>(pair * 2)] = kAlphabet[static_cast<std::size_t>(lat_index % 20)];
    digits[static_cast<std::size_t>(pair * 2 + 1)] = kAlphabet[static_cast<std::size_t>(lon_index % 20)];
    lat_index /= 20;
    lon_index /= 20;
  }
  if (length == kGridCodeLength) digits.push_back(kAlphabet[static_cast<std::size_t>(grid_digit)]);
  digits.resize(static_cast<std::size_t>(length));
  return with_separator(digits);
}

CodeArea decode(std::string_view code) {
  const std::string digits = checked_digits(code, false);
  if (digits.size() < kSeparatorPosition) throw_invalid(code, "padded codes are not accepted");
  if (digits.size() > static_cast<std::size_t>(kGridCodeLength)) {
    throw_invalid(code, "bando decodes at most one grid digit after the pairs");
  }

  CodeArea area;
  area.south = -90.0;
  area.west = -180.0;
  double lat_size = 0;
  double lon_size = 0;
  const std::size_t pair_digits = std::min(digits.size(), static_cast<std::size_t>(kPairCodeLength));
  for (std::size_t i = 0; i < pair_digits; i += 2) {
    const double resolution = pair_resolution(static_cast<int>(i / 2));
    area.south += digit_value(digits[i]) * resolution;
    area.west += digit_value(digits[i + 1]) * resolution;
    lat_size = resolution;
    lon_size = resolution;
  }
  if (digits.size() == static_cast<std::size_t>(kGridCodeLength)) {
    const int value = digit_value(digits.back());
    lat_size /= kGridRows;
    lon_size /= kGridColumns;
    area.south += (value / kGridColumns) * lat_size;
    area.west += (value % kGridColumns) * lon_size;
  }
  area.north = area.south + lat_size;
  area.east = area.west + lon_size;
  area.length = static_cast<int>(digits.size());
  return area;
}

std::string shorten(std::string_view code, double reference_lat, double reference_lon) {
  const CodeArea area = decode(code);
  const std::string full = encode(area.center_lat(), area.center_lon(), area.length);
  const double range = std::max(std::abs(area.center_lat() - reference_lat), std::abs(area.center_lon() - reference_lon));
  // Pairs 3, 2 and 1 (0-based) remove 8, 6 and 4 digits.
  for (int pair = 3; pair >= 1; --pair) {
    const std::size_t removed = static_cast<std::size_t>((pair + 1) * 2);
    if (range < pair_resolution(pair) * 0.3 && static_cast<int>(removed) < area.length) return full.substr(removed);
  }
  return full;
}

std::string recover_nearest(std::string_view code, double reference_lat, double reference_lon) {
  const std::string digits = checked_digits(code, true);
  const std::size_t separator = code.find(kSeparator);
  if (separator == kSeparatorPosition) return encode(decode(code).center_lat(), decode(code).center_lon(), decode(code).length);

  const std::size_t missing = kSeparatorPosition - separator;
  const double resolution = pair_resolution(static_cast<int>(missing / 2) - 1);
  const std::string reference = encode(reference_lat, reference_lon, kPairCodeLength);
  const std::string full = reference.substr(0, missing) + std::string(code);
  const CodeArea area = decode(full);

  // The reference's prefix may name a neighbour of the right cell. A centre more
  // than half a cell from the reference therefore moves one cell toward it.
  double lat = area.center_lat();
  double lon = area.center_lon();
  const double half = resolution / 2;
  if (reference_lat + half < lat && lat - resolution >= -90) {
    lat -= resolution;
  } else if (reference_lat - half > lat && lat + resolution <= 90) {
    lat += resolution;
  }
  if (reference_lon + half < lon) {
    lon -= resolution;
  } else if (reference_lon - half > lon) {
    lon += resolution;
  }
  return encode(lat, lon, area.length);
}

}  // namespace bando::data::olc

#include "server/handlers/date_param.hpp"

#include <chrono>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {

std::string parse_date(std::string_view name, std::string_view value) {
  bool shaped = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (std::size_t i = 0; shaped && i < value.size(); ++i) {
    shaped = i == 4 || i == 7 || (value[i] >= '0' && value[i] <= '9');
  }
  if (shaped) {
    const auto number = [&](std::size_t start, std::size_t length) {
      int result = 0;
      for (std::size_t i = start; i < start + length; ++i) result = result * 10 + (value[i] - '0');
      return result;
    };
    const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                           std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                           std::chrono::day(static_cast<unsigned>(number(8, 2)))};
    if (date.ok() && number(0, 4) >= 1900 && number(0, 4) <= 2999) return std::string(value);
  }
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("{} must be a date YYYY-MM-DD such as 2025-07-01, got '{}'", name, value),
               fmt::format("{} phải là ngày dạng YYYY-MM-DD, ví dụ 2025-07-01, nhận được '{}'", name, value)});
}

std::string today_utc() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{today};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

}  // namespace bando::server

#include "data/temporal.hpp"

#include <chrono>
#include <regex>

#include <fmt/format.h>

namespace bando::data {
namespace {

constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;

// full-date, optionally followed by "T" time-of-day and a time offset (RFC 3339 section 5.6).
const std::regex& rfc3339_pattern() {
  static const std::regex pattern(
      R"((\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2})))?)");
  return pattern;
}

int number(const std::ssub_match& match) { return std::stoi(match.str()); }

// Milliseconds of a fraction's digits: ".5" is 500 and ".123456" is 123.
int fraction_ms(const std::string& digits) {
  std::string padded = digits.substr(0, 3);
  padded.resize(3, '0');
  return std::stoi(padded);
}

}  // namespace

std::optional<TimeInterval> parse_rfc3339(std::string_view text) {
  std::smatch match;
  const std::string value(text);
  if (!std::regex_match(value, match, rfc3339_pattern())) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year{number(match[1])},
                                         std::chrono::month{static_cast<unsigned>(number(match[2]))},
                                         std::chrono::day{static_cast<unsigned>(number(match[3]))}};
  if (!date.ok()) return std::nullopt;
  const std::int64_t day_start =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::sys_days{date}.time_since_epoch()).count();
  if (!match[4].matched) return TimeInterval{day_start, day_start + kDayMs - 1};

  const int hour = number(match[4]);
  const int minute = number(match[5]);
  // RFC 3339 allows second 60 for a leap second; it is read as the last millisecond of the minute.
  const int second = number(match[6]);
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::int64_t offset_minutes = 0;
  if (match[9].matched) {
    const int offset_hour = number(match[10]);
    const int offset_minute = number(match[11]);
    if (offset_hour > 23 || offset_minute > 59) return std::nullopt;
    offset_minutes = (offset_hour * 60 + offset_minute) * (match[9].str() == "-" ? -1 : 1);
  }
  const std::int64_t seconds_ms = second == 60 ? 59'999 : second * 1000 + (match[7].matched ? fraction_ms(match[7]) : 0);
  const std::int64_t instant = day_start + (hour * 60 + minute - offset_minutes) * 60'000 + seconds_ms;
  return TimeInterval{instant, instant};
}

std::string format_rfc3339(std::int64_t ms) {
  const std::chrono::sys_time<std::chrono::milliseconds> time{std::chrono::milliseconds{ms}};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  std::string text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(date.year()),
                                 static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                                 clock.hours().count(), clock.minutes().count(), clock.seconds().count());
  const auto millis = clock.subseconds().count();
  if (millis != 0) text += fmt::format(".{:03}", millis);
  return text + "Z";
}

}  // namespace bando::data

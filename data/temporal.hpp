#pragma once
// RFC 3339 dates and date-times as closed time intervals, for a dataset's temporal property.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bando::data {

// A closed interval in milliseconds since 1970-01-01T00:00:00Z. An instant
// has start == end; a date covers its whole UTC day.
struct TimeInterval {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  friend bool operator==(const TimeInterval&, const TimeInterval&) = default;
};

// Parses an RFC 3339 full-date ("2024-03-05"), as its whole UTC day, or a
// date-time with "Z" or a numeric offset ("2024-03-05T10:00:00.5+07:00"), as
// an instant. Fractions of a second below 1 ms are dropped. Returns nullopt for
// any other text, including a date-time without an offset and invalid dates
// such as 2023-02-29.
std::optional<TimeInterval> parse_rfc3339(std::string_view text);

// "2024-03-05T03:00:00Z", with ".250" milliseconds when they are not zero.
std::string format_rfc3339(std::int64_t ms);

}  // namespace bando::data

// RFC 3339 parsing and formatting of temporal property values.

#include <gtest/gtest.h>

#include "data/temporal.hpp"

namespace bando::data {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
// 2024-01-15T00:00:00Z in milliseconds since the epoch.
constexpr std::int64_t kJan15 = 1'705'276'800'000;

TEST(Rfc3339, DateIsWholeUtcDay) {
  const auto interval = parse_rfc3339("2024-01-15");
  ASSERT_TRUE(interval.has_value());
  EXPECT_EQ(interval->start_ms, kJan15);
  EXPECT_EQ(interval->end_ms, kJan15 + kDayMs - 1);
}

TEST(Rfc3339, DateTimeOffsetsAndFractions) {
  EXPECT_EQ(parse_rfc3339("2024-01-15T00:00:00Z"), (TimeInterval{kJan15, kJan15}));
  EXPECT_EQ(parse_rfc3339("2024-01-15t07:00:00+07:00"), (TimeInterval{kJan15, kJan15}));
  EXPECT_EQ(parse_rfc3339("2024-01-14T22:30:00-01:30"), (TimeInterval{kJan15, kJan15}));
  EXPECT_EQ(parse_rfc3339("2024-01-15T00:00:00.5z"), (TimeInterval{kJan15 + 500, kJan15 + 500}));
  EXPECT_EQ(parse_rfc3339("2024-01-15T00:00:00.123456Z"), (TimeInterval{kJan15 + 123, kJan15 + 123}));
  EXPECT_EQ(parse_rfc3339("2024-01-15T00:00:60Z"), (TimeInterval{kJan15 + 59'999, kJan15 + 59'999}));
}

TEST(Rfc3339, InvalidTextIsRejected) {
  for (const char* text : {"", "2024-1-15", "2023-02-29", "2024-13-01", "2024-01-32", "2024-01-15T10:00:00",
                           "2024-01-15T24:00:00Z", "2024-01-15T10:60:00Z", "2024-01-15T10:00:61Z",
                           "2024-01-15T10:00:00+24:00", "2024-01-15 10:00:00Z", "15/01/2024", "2024-01-15Z"}) {
    EXPECT_FALSE(parse_rfc3339(text).has_value()) << text;
  }
}

TEST(Rfc3339, LeapDayIsValid) { EXPECT_TRUE(parse_rfc3339("2024-02-29").has_value()); }

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(kJan15), "2024-01-15T00:00:00Z");
  EXPECT_EQ(format_rfc3339(kJan15 + kDayMs - 1), "2024-01-15T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace bando::data

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "geo/error.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

using ::testing::HasSubstr;

// Runs `action` and returns the bando::Error it throws. Records a failure and
// returns an internal error when it throws nothing.
Error error_from(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected a bando::Error";
  return Error(ErrorKind::internal, {"no error thrown", ""});
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

TEST(ParseInteger, AcceptsValueInRange) {
  EXPECT_EQ(parse_integer("limit", "10", 1, 100), 10);
  EXPECT_EQ(parse_integer("limit", "1", 1, 100), 1);
  EXPECT_EQ(parse_integer("limit", "100", 1, 100), 100);
  EXPECT_EQ(parse_integer("offset", "0", 0, kMax), 0);
  EXPECT_EQ(parse_integer("offset", "9223372036854775807", 0, kMax), kMax);
}

TEST(ParseInteger, AcceptsNegativeWhenAllowed) {
  EXPECT_EQ(parse_integer("n", "-5", -10, 10), -5);
}

TEST(ParseInteger, RejectsNonDigits) {
  const Error error = error_from([] { parse_integer("limit", "abc", 1, 100); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("limit"));
  EXPECT_THAT(error.detail().en, HasSubstr("'abc'"));
  EXPECT_THAT(error.detail().vi, HasSubstr("'abc'"));
}

TEST(ParseInteger, OpenRangeNamesOnlyMinimum) {
  const Error error = error_from([] { parse_integer("limit", "0", 1, kMax); });
  EXPECT_EQ(error.detail().en, "limit must be at least 1, got '0'");
  EXPECT_THAT(error.detail().vi, HasSubstr("'0'"));
}

TEST(ParseInteger, RejectsEmpty) {
  EXPECT_EQ(error_from([] { parse_integer("limit", "", 1, 100); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseInteger, RejectsTrailingText) {
  EXPECT_THAT(error_from([] { parse_integer("limit", "10x", 1, 100); }).detail().en, HasSubstr("'10x'"));
  EXPECT_EQ(error_from([] { parse_integer("limit", "10 ", 1, 100); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_integer("limit", "1.5", 1, 100); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseInteger, RejectsLeadingSignOrSpace) {
  EXPECT_EQ(error_from([] { parse_integer("limit", "+5", 1, 100); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_integer("limit", " 5", 1, 100); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseInteger, RejectsBelowMinimum) {
  const Error error = error_from([] { parse_integer("offset", "-1", 0, kMax); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("'-1'"));
  EXPECT_THAT(error.detail().en, HasSubstr("at least 0"));
}

TEST(ParseInteger, RejectsAboveMaximum) {
  const Error error = error_from([] { parse_integer("x", "40", 0, 31); });
  EXPECT_THAT(error.detail().en, HasSubstr("between 0 and 31"));
  EXPECT_THAT(error.detail().en, HasSubstr("'40'"));
}

TEST(ParseInteger, RejectsOverflow) {
  const Error error = error_from([] { parse_integer("offset", "99999999999999999999", 0, kMax); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("99999999999999999999"));
}

TEST(ParseNumber, AcceptsDecimals) {
  EXPECT_DOUBLE_EQ(parse_number("lon", "105.8347"), 105.8347);
  EXPECT_DOUBLE_EQ(parse_number("lat", "-21.5"), -21.5);
  EXPECT_DOUBLE_EQ(parse_number("lat", "0"), 0.0);
  EXPECT_DOUBLE_EQ(parse_number("lat", "1e2"), 100.0);
}

TEST(ParseNumber, RejectsText) {
  const Error error = error_from([] { parse_number("lat", "north"); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("lat"));
  EXPECT_THAT(error.detail().en, HasSubstr("'north'"));
}

TEST(ParseNumber, RejectsEmptyAndTrailingText) {
  EXPECT_EQ(error_from([] { parse_number("lat", ""); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "1.5.2"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "21,5"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "0x10"); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseNumber, RejectsNonFinite) {
  EXPECT_EQ(error_from([] { parse_number("lat", "nan"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "inf"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "-infinity"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_number("lat", "1e999"); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseBbox, FourNumbers) {
  const geo::Box box = parse_bbox("105.8,21.0,105.9,21.1");
  EXPECT_DOUBLE_EQ(box.min_x, 105.8);
  EXPECT_DOUBLE_EQ(box.min_y, 21.0);
  EXPECT_DOUBLE_EQ(box.max_x, 105.9);
  EXPECT_DOUBLE_EQ(box.max_y, 21.1);
}

TEST(ParseBbox, SixNumbersDropHeights) {
  const geo::Box box = parse_bbox("105.8,21.0,-50,105.9,21.1,3000");
  EXPECT_DOUBLE_EQ(box.min_x, 105.8);
  EXPECT_DOUBLE_EQ(box.min_y, 21.0);
  EXPECT_DOUBLE_EQ(box.max_x, 105.9);
  EXPECT_DOUBLE_EQ(box.max_y, 21.1);
}

TEST(ParseBbox, WholeWorldIsAccepted) {
  const geo::Box box = parse_bbox("-180,-90,180,90");
  EXPECT_DOUBLE_EQ(box.min_x, -180.0);
  EXPECT_DOUBLE_EQ(box.max_y, 90.0);
}

TEST(ParseBbox, PointBoxIsAccepted) {
  const geo::Box box = parse_bbox("105.8,21,105.8,21");
  EXPECT_DOUBLE_EQ(box.min_x, box.max_x);
  EXPECT_DOUBLE_EQ(box.min_y, box.max_y);
}

TEST(ParseBbox, RejectsWrongCount) {
  const Error three = error_from([] { parse_bbox("1,2,3"); });
  EXPECT_EQ(three.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(three.detail().en, HasSubstr("'1,2,3'"));
  EXPECT_THAT(error_from([] { parse_bbox("1,2,3,4,5"); }).detail().en, HasSubstr("'1,2,3,4,5'"));
  EXPECT_EQ(error_from([] { parse_bbox("1,2,3,4,5,6,7"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_bbox(""); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseBbox, RejectsEmptyOrTextItem) {
  EXPECT_EQ(error_from([] { parse_bbox("1,,3,4"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error_from([] { parse_bbox("1,2,east,4"); }).detail().en, HasSubstr("'east'"));
  EXPECT_EQ(error_from([] { parse_bbox("1, 2,3,4"); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseBbox, RejectsAntimeridianCrossing) {
  const Error error = error_from([] { parse_bbox("170,-10,-170,10"); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("antimeridian"));
  EXPECT_THAT(error.detail().en, HasSubstr("'170,-10,-170,10'"));
}

TEST(ParseBbox, RejectsLongitudeOutOfRange) {
  const Error error = error_from([] { parse_bbox("-181,0,10,10"); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("'-181,0,10,10'"));
  EXPECT_EQ(error_from([] { parse_bbox("0,0,180.5,10"); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseBbox, RejectsLatitudeOutOfRange) {
  EXPECT_EQ(error_from([] { parse_bbox("0,-91,10,10"); }).kind(), ErrorKind::invalid_argument);
  EXPECT_EQ(error_from([] { parse_bbox("0,0,10,90.001"); }).kind(), ErrorKind::invalid_argument);
}

TEST(ParseBbox, RejectsMinLatitudeAboveMax) {
  const Error error = error_from([] { parse_bbox("105,22,106,21"); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("'105,22,106,21'"));
}

TEST(ParseBbox, SixNumbersCheckTheRightSlots) {
  // minLon 170 and maxLon -170 sit in slots 0 and 3 of a 6-number box.
  EXPECT_THAT(error_from([] { parse_bbox("170,-10,0,-170,10,0"); }).detail().en, HasSubstr("antimeridian"));
}

TEST(RejectUnknownParams, AllowedParamsPass) {
  const QueryParams query(Pairs{{"limit", "5"}, {"bbox", "1,2,3,4"}});
  EXPECT_NO_THROW(reject_unknown_params(query, {"bbox", "limit", "offset"}));
}

TEST(RejectUnknownParams, EmptyQueryPasses) {
  EXPECT_NO_THROW(reject_unknown_params(QueryParams{}, {}));
}

TEST(RejectUnknownParams, UnknownParamNamesItAndTheAllowedOnes) {
  const QueryParams query(Pairs{{"limit", "5"}, {"colour", "red"}});
  const Error error = error_from([&] { reject_unknown_params(query, {"bbox", "limit"}); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("'colour'"));
  EXPECT_THAT(error.detail().en, HasSubstr("bbox, limit"));
  EXPECT_THAT(error.detail().vi, HasSubstr("'colour'"));
}

TEST(RejectUnknownParams, NoParamsAllowed) {
  const QueryParams query(Pairs{{"f", "json"}});
  EXPECT_EQ(error_from([&] { reject_unknown_params(query, {}); }).kind(), ErrorKind::invalid_argument);
}

TEST(RejectUnknownParams, RepeatedParamIsRejected) {
  const QueryParams query(Pairs{{"lon", "105.8"}, {"lat", "21"}, {"lon", "106.7"}});
  const Error error = error_from([&] { reject_unknown_params(query, {"lon", "lat"}); });
  EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
  EXPECT_THAT(error.detail().en, HasSubstr("'lon' is given more than once"));
}

TEST(RejectUnknownParams, NoParamsAllowedSaysSo) {
  const QueryParams query(Pairs{{"foo", "bar"}});
  const Error error = error_from([&] { reject_unknown_params(query, {}); });
  EXPECT_THAT(error.detail().en, HasSubstr("accepts no query parameters"));
}

TEST(RejectUnknownParams, NamesCompareCaseSensitively) {
  const QueryParams query(Pairs{{"LIMIT", "5"}});
  EXPECT_EQ(error_from([&] { reject_unknown_params(query, {"limit"}); }).kind(), ErrorKind::invalid_argument);
}

}  // namespace
}  // namespace bando::server

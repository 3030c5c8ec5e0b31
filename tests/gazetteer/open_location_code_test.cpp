#include <random>
#include <string>

#include <gtest/gtest.h>

#include "data/gazetteer/open_location_code.hpp"
#include "geo/error.hpp"

namespace bando::data::olc {
namespace {

// Derived by hand from the specification. Latitude 0 is 90 after the offset,
// which gives pair digits 4 ('6') and 10 ('G'). Longitude 0 is 180, digit 9 ('F').
TEST(OpenLocationCode, EncodesOrigin) {
  EXPECT_EQ(encode(0, 0, kPairCodeLength), "6FG22222+22");
  EXPECT_EQ(encode(0, 0), "6FG22222+222");
}

TEST(OpenLocationCode, GridCellIsAboutThreeMetres) {
  const CodeArea area = decode(encode(21.0368, 105.8347));
  EXPECT_NEAR(area.north - area.south, 1.0 / 40000, 1e-12);
  EXPECT_NEAR(area.east - area.west, 1.0 / 32000, 1e-12);
  EXPECT_EQ(area.length, kGridCodeLength);
}

TEST(OpenLocationCode, DecodesLowerCase) {
  const std::string code = encode(10.772, 106.698);
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_DOUBLE_EQ(decode(lower).south, decode(code).south);
}

TEST(OpenLocationCode, RejectsMalformedCodes) {
  for (const char* code : {"", "6FG22222", "6FG2222+22", "6FG22222+2", "6FG22222+22A", "6FG2222I+22", "X2222222+22",
                           "6FG22222++2"}) {
    EXPECT_THROW(decode(code), Error) << code;
  }
}

TEST(OpenLocationCode, RejectsBadLength) {
  EXPECT_THROW(encode(0, 0, 9), Error);
  EXPECT_THROW(encode(0, 0, 12), Error);
}

TEST(OpenLocationCode, ClipsNorthPole) {
  const CodeArea area = decode(encode(90, 0));
  EXPECT_LE(area.north, 90.0);
  EXPECT_GT(area.north, 89.999);
}

// Property: over random points of Viet Nam's bounding box, including both
// archipelagos, decoding a code gives a cell that contains the point, and
// encoding the cell's centre gives the same code.
TEST(OpenLocationCodeProperty, EncodeDecodeRoundTrip) {
  std::mt19937 random(20250701);
  std::uniform_real_distribution<double> lat(8.0, 23.5);
  std::uniform_real_distribution<double> lon(102.0, 117.5);
  for (int i = 0; i < 10000; ++i) {
    const double y = lat(random);
    const double x = lon(random);
    const std::string code = encode(y, x);
    const CodeArea area = decode(code);
    ASSERT_LE(area.south, y) << code;
    ASSERT_LT(y, area.north) << code;
    ASSERT_LE(area.west, x) << code;
    ASSERT_LT(x, area.east) << code;
    ASSERT_EQ(encode(area.center_lat(), area.center_lon()), code) << y << "," << x;
  }
}

// Property: a code shortened against a reference within 0.1 degree loses its
// first 4 digits, or 6 within 0.015 degree, or 8 within 0.00075 degree, and
// recovering it against the same reference restores it.
TEST(OpenLocationCodeProperty, ShortenRecoverRoundTrip) {
  std::mt19937 random(34);
  std::uniform_real_distribution<double> lat(8.0, 23.5);
  std::uniform_real_distribution<double> lon(102.0, 117.5);
  std::uniform_real_distribution<double> offset(-0.1, 0.1);
  for (int i = 0; i < 10000; ++i) {
    const double y = lat(random);
    const double x = lon(random);
    const double reference_lat = y + offset(random);
    const double reference_lon = x + offset(random);
    const std::string code = encode(y, x);
    const std::string short_code = shorten(code, reference_lat, reference_lon);
    const std::size_t removed = code.size() - short_code.size();
    ASSERT_TRUE(removed == 4 || removed == 6 || removed == 8) << code << " " << short_code;
    ASSERT_EQ(short_code, code.substr(removed)) << code;
    ASSERT_EQ(recover_nearest(short_code, reference_lat, reference_lon), code) << short_code;
  }
}

TEST(OpenLocationCode, RecoverCrossesCellEdge) {
  // A point just south of a 1-degree line, referenced from just north of it:
  // the reference's own prefix names the wrong cell, so recovery must move one cell.
  const std::string code = encode(20.99999, 105.5);
  const std::string short_code = shorten(code, 21.05, 105.5);
  EXPECT_EQ(recover_nearest(short_code, 21.05, 105.5), code);
}

}  // namespace
}  // namespace bando::data::olc

// /postcodes/{code} (lookup) and /postcodes?lon=&lat= (reverse geocoding) on the bundled gazetteer.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(HttpApi, PostcodeFindsBaDinh) {
  const Response response = get("/postcodes/11120");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/postcode"), "11120");
  EXPECT_EQ(json_string(document, "/units/0/code"), "00004");
  EXPECT_EQ(json_string(document, "/units/0/fullName"), "Phường Ba Đình");
  EXPECT_EQ(json_string(document, "/units/0/level"), "commune");
  EXPECT_EQ(json_string(document, "/units/0/province/code"), "01");
  EXPECT_EQ(json_string(document, "/units/0/postcodes/0"), "11120");
  EXPECT_EQ(json_at(document, "/units/1"), nullptr);
}

TEST_F(HttpApi, PostcodeKeepsLeadingZero) {
  const Response response = get("/postcodes/01139");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/postcode"), "01139");
  EXPECT_EQ(json_string(document, "/units/0/fullName"), "Phường Hạ Long");
  EXPECT_EQ(json_string(document, "/units/0/province/code"), "22");
  EXPECT_THAT(json_string(document, "/units/0/province/name").value_or(""), HasSubstr("Quảng Ninh"));
}

TEST_F(HttpApi, PostcodeUnknownIs404) {
  const Response response = get("/postcodes/99999");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("'99999'"));
}

TEST_F(HttpApi, PostcodeFourDigitsIs400) {
  const Response response = get("/postcodes/1234");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'1234'"));
}

TEST_F(HttpApi, PostcodeLettersIs400) {
  const Response response = get("/postcodes/abcde");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'abcde'"));
}

TEST_F(HttpApi, PostcodeSixDigitsIs400) {
  EXPECT_EQ(get("/postcodes/100000").result(), http::status::bad_request);
}

TEST_F(HttpApi, ReverseFindsBaDinh) {
  const Response response = get("/postcodes?lon=105.8347&lat=21.0368");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/commune/code"), "00004");
  EXPECT_EQ(json_string(document, "/postcode"), "11120");
  EXPECT_EQ(json_string(document, "/province/code"), "01");
  EXPECT_EQ(json_string(document, "/province/level"), "province");
}

TEST_F(HttpApi, ReverseFindsHoChiMinhCityWard) {
  // Bến Thành market, District 1 before 2025.
  const auto document = parse_json(get("/postcodes?lon=106.698&lat=10.772").body());
  EXPECT_EQ(json_string(document, "/commune/fullName"), "Phường Bến Thành");
  EXPECT_EQ(json_string(document, "/commune/code"), "26743");
  EXPECT_EQ(json_string(document, "/province/code"), "79");
}

TEST_F(HttpApi, ReverseFindsHoangSaInDaNang) {
  // Phú Lâm (Woody) Island in the Hoàng Sa archipelago, part of Đà Nẵng.
  const Response response = get("/postcodes?lon=112.31&lat=16.84");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/province/code"), "48");
  const rapidjson::Value* commune = json_at(document, "/commune");
  ASSERT_NE(commune, nullptr);
  EXPECT_TRUE(commune->IsNull());
}

TEST_F(HttpApi, ReverseOpenSeaIs404) {
  const Response response = get("/postcodes?lon=113.5&lat=14.0");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("113.5"));
}

TEST_F(HttpApi, ReverseMissingLatIs400) {
  const Response response = get("/postcodes?lon=105.8");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'lat'"));
}

TEST_F(HttpApi, ReverseLatitudeOutOfRangeIs400) {
  const Response response = get("/postcodes?lon=105.8&lat=95");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'95'"));
}

TEST_F(HttpApi, ReverseTextCoordinateIs400) {
  const Response response = get("/postcodes?lon=east&lat=21");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'east'"));
}

}  // namespace
}  // namespace bando::server::testing

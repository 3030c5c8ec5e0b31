// The address lookup endpoints over HTTP: postcodes, validation, bulk lookup,
// neighbours, reverse geocoding at sea, place search and admin units by date.

#include <cstdio>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

class AddressApi : public HttpApi {
 protected:
  static Response post_json(const std::string& target, const std::string& body,
                            const std::vector<std::pair<http::field, std::string>>& fields = {}) {
    Request request(http::verb::post, target, 11);
    request.set(http::field::content_type, "application/json");
    for (const auto& [field, value] : fields) request.set(field, value);
    request.body() = body;
    return client().exchange(std::move(request)).response;
  }
};

// Percent-encodes every byte outside the URI unreserved set.
std::string encode(const std::string& text) {
  std::string encoded;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      encoded += buffer;
    }
  }
  return encoded;
}

// True when the array at `pointer` has an object whose `key` string is `value`.
bool array_has(const rapidjson::Value& document, const char* pointer, const char* key, const std::string& value) {
  const rapidjson::Value* array = json_at(document, pointer);
  if (array == nullptr || !array->IsArray()) return false;
  for (const rapidjson::Value& item : array->GetArray()) {
    const auto found = json_string(item, key);
    if (found == value) return true;
  }
  return false;
}

TEST_F(AddressApi, PostcodeWithLeadingZero) {
  const auto document = parse_json(get("/postcodes/01139").body());
  EXPECT_EQ(json_string(document, "/postcode"), "01139");
  EXPECT_EQ(json_string(document, "/units/0/fullName"), "Phường Hạ Long");
}

TEST_F(AddressApi, FormerPostcodeReturnsFormerWard) {
  const Response response = get("/postcodes/11117");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_at(document, "/units/0"), nullptr);
  EXPECT_EQ(json_string(document, "/formerUnits/0/fullName"), "Phường Trúc Bạch");
  EXPECT_EQ(json_string(document, "/formerUnits/0/validTo"), "2025-06-30");
  EXPECT_EQ(json_string(document, "/formerUnits/0/replacedBy/0/unit/fullName"), "Phường Ba Đình");
  EXPECT_EQ(json_string(document, "/formerUnits/0/replacedBy/0/mergeType"), "whole_unit");
}

TEST_F(AddressApi, UnknownPostcodeListsCloseMatches) {
  const Response response = get("/postcodes/11121", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::not_found);
  const std::string detail = problem_detail(response);
  EXPECT_THAT(detail, HasSubstr("'11121'"));
  EXPECT_THAT(detail, HasSubstr("11120"));
}

TEST_F(AddressApi, SixDigitPostcodeIsLegacy) {
  const Response response = get("/postcodes/100000", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("before 2018"));
}

TEST_F(AddressApi, ValidateReportsStatus) {
  const struct {
    const char* code;
    bool valid;
    const char* status;
  } cases[] = {{"11120", true, "in_use"},
               {"01139", true, "in_use"},
               {"11116", false, "former_2018"},
               {"100000", false, "legacy_6_digit"},
               {"99999", false, "unassigned"},
               {"12ab", false, "malformed"}};
  for (const auto& expected : cases) {
    const Response response = get(std::string("/postcodes/") + expected.code + "/validate");
    ASSERT_EQ(response.result(), http::status::ok) << expected.code;
    const auto document = parse_json(response.body());
    EXPECT_EQ(json_string(document, "/postcode"), expected.code);
    const rapidjson::Value* valid = json_at(document, "/valid");
    ASSERT_NE(valid, nullptr) << expected.code;
    EXPECT_EQ(valid->GetBool(), expected.valid) << expected.code;
    EXPECT_EQ(json_string(document, "/status"), expected.status) << expected.code;
  }
}

TEST_F(AddressApi, BulkPostcodesKeepOrder) {
  const Response response = post_json("/postcodes", R"({"postcodes": ["11120", "abc", "01139", "99999"]})");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/results/0/query"), "11120");
  EXPECT_EQ(json_string(document, "/results/0/result/units/0/code"), "00004");
  EXPECT_EQ(json_string(document, "/results/1/query"), "abc");
  EXPECT_EQ(json_int(document, "/results/1/error/status"), 400);
  EXPECT_EQ(json_string(document, "/results/2/result/units/0/fullName"), "Phường Hạ Long");
  EXPECT_EQ(json_int(document, "/results/3/error/status"), 404);
  EXPECT_EQ(json_at(document, "/results/4"), nullptr);
}

TEST_F(AddressApi, BulkPointsKeepOrder) {
  const Response response =
      post_json("/postcodes", R"({"geolocations": [{"lon": 106.698, "lat": 10.772}, {"lon": 113.5, "lat": 14.0},
                                                   {"lon": 105.8347, "lat": 21.0368}]})");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/results/0/result/commune/code"), "26743");
  EXPECT_EQ(json_int(document, "/results/1/error/status"), 404);
  EXPECT_EQ(json_string(document, "/results/2/result/commune/code"), "00004");
}

TEST_F(AddressApi, BulkRejectsMoreThanHundred) {
  std::string body = R"({"postcodes": [)";
  for (int i = 0; i < 101; ++i) body += i == 0 ? "\"11120\"" : ", \"11120\"";
  body += "]}";
  const Response response = post_json("/postcodes", body, {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("101 entries"));
}

TEST_F(AddressApi, BulkRejectsNonJsonBody) {
  const Response response = post_json("/postcodes", "11120,01139");
  EXPECT_EQ(response.result(), http::status::bad_request);
}

TEST_F(AddressApi, NearestListsNeighbours) {
  const Response response = get("/postcodes/11120/nearest?limit=3");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/unit/code"), "00004");
  EXPECT_NE(json_at(document, "/nearest/2"), nullptr);
  EXPECT_EQ(json_at(document, "/nearest/3"), nullptr);
  const rapidjson::Value* distance = json_at(document, "/nearest/0/distanceMetres");
  ASSERT_NE(distance, nullptr);
  EXPECT_GT(distance->GetDouble(), 0.0);
  EXPECT_LT(distance->GetDouble(), 5000.0);
}

TEST_F(AddressApi, NearestPutsAdjacentWardsFirst) {
  // Hồng Hà borders Hoàn Kiếm, while Văn Miếu - Quốc Tử Giám, whose centroid
  // is nearer, does not: the bordering wards come first.
  const auto document = parse_json(get("/postcodes/11024/nearest").body());
  EXPECT_TRUE(array_has(document, "/nearest", "/unit/fullName", "Phường Hồng Hà"));
  const rapidjson::Value* nearest = json_at(document, "/nearest");
  ASSERT_NE(nearest, nullptr);
  bool seen_other = false;
  int hong_ha = -1, van_mieu = -1;
  for (rapidjson::SizeType i = 0; i < nearest->Size(); ++i) {
    const rapidjson::Value& item = (*nearest)[i];
    const bool adjacent = item["adjacent"].GetBool();
    EXPECT_FALSE(adjacent && seen_other) << "an adjacent ward after a non-adjacent one at " << i;
    seen_other = seen_other || !adjacent;
    const std::string name = item["unit"]["fullName"].GetString();
    if (name == "Phường Hồng Hà") hong_ha = static_cast<int>(i);
    if (name == "Phường Văn Miếu - Quốc Tử Giám") van_mieu = static_cast<int>(i);
  }
  ASSERT_GE(hong_ha, 0);
  ASSERT_GE(van_mieu, 0);
  EXPECT_LT(hong_ha, van_mieu);
}

TEST_F(AddressApi, NearestStaysInTheProvince) {
  // Bạch Long Vĩ is placed by its former district. Its only known neighbour
  // in Hải Phòng is the other special zone, Cát Hải, and no ward of Hà Nội.
  const auto document = parse_json(get("/postcodes/05506/nearest").body());
  const rapidjson::Value* nearest = json_at(document, "/nearest");
  ASSERT_NE(nearest, nullptr);
  ASSERT_GT(nearest->Size(), 0u);
  for (const rapidjson::Value& item : nearest->GetArray()) {
    EXPECT_STREQ(item["unit"]["province"]["code"].GetString(), "31") << item["unit"]["fullName"].GetString();
  }
}

TEST_F(AddressApi, NearestRejectsZeroLimit) {
  const Response response = get("/postcodes/11120/nearest?limit=0");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'0'"));
}

TEST_F(AddressApi, ReverseFindsWardsOfBothCities) {
  const auto ha_noi = parse_json(get("/postcodes?lon=105.8347&lat=21.0368").body());
  EXPECT_EQ(json_string(ha_noi, "/commune/fullName"), "Phường Ba Đình");
  EXPECT_EQ(json_string(ha_noi, "/postcode"), "11120");
  const auto ho_chi_minh = parse_json(get("/postcodes?lon=106.698&lat=10.772").body());
  EXPECT_EQ(json_string(ho_chi_minh, "/commune/fullName"), "Phường Bến Thành");
  EXPECT_EQ(json_string(ho_chi_minh, "/province/code"), "79");
}

TEST_F(AddressApi, ReverseFindsBothArchipelagos) {
  const auto hoang_sa = parse_json(get("/postcodes?lon=112.31&lat=16.84").body());
  EXPECT_EQ(json_string(hoang_sa, "/province/fullName"), "Thành phố Đà Nẵng");
  const auto truong_sa = parse_json(get("/postcodes?lon=111.9206&lat=8.6455").body());
  EXPECT_EQ(json_string(truong_sa, "/province/code"), "56");
  EXPECT_EQ(json_string(truong_sa, "/commune/fullName"), "Đặc khu Trường Sa");
  EXPECT_EQ(json_string(truong_sa, "/postcode"), "57906");
  EXPECT_EQ(json_string(truong_sa, "/formerDistrict/fullName"), "Huyện Trường Sa");
}

TEST_F(AddressApi, ReverseListsFormerDistrictSuccessors) {
  // Hội An old town: no commune boundary is bundled there, so the former
  // district's successors are the communes the point can be in.
  const auto document = parse_json(get("/postcodes?lon=108.3280&lat=15.8770").body());
  const rapidjson::Value* commune = json_at(document, "/commune");
  ASSERT_NE(commune, nullptr);
  EXPECT_TRUE(commune->IsNull());
  EXPECT_EQ(json_string(document, "/formerDistrict/fullName"), "Thành phố Hội An");
  EXPECT_EQ(json_string(document, "/formerDistrict/validTo"), "2025-06-30");
  const rapidjson::Value* successors = json_at(document, "/formerDistrict/replacedBy");
  ASSERT_NE(successors, nullptr);
  ASSERT_TRUE(successors->IsArray());
  EXPECT_GT(successors->Size(), 1u);
  EXPECT_TRUE(array_has(document, "/formerDistrict/replacedBy", "/unit/fullName", "Phường Hội An"));
  const std::optional<std::string> postcode = json_string(document, "/formerDistrict/replacedBy/0/unit/postcodes/0");
  ASSERT_TRUE(postcode.has_value());
  EXPECT_EQ(postcode->size(), 5u);
}

TEST_F(AddressApi, SeaNearIslandResolvesToNearestUnit) {
  // About 20 km of sea from the nearest Hoàng Sa island in the bundled polygons.
  const Response response = get("/postcodes?lon=112.3&lat=16.5");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/province/code"), "48");
  const rapidjson::Value* distance = json_at(document, "/distanceMetres");
  ASSERT_NE(distance, nullptr);
  EXPECT_GT(distance->GetDouble(), 0.0);
  EXPECT_LE(distance->GetDouble(), 22224.0);
}

TEST_F(AddressApi, OpenSeaIsNotFound) {
  const Response response = get("/postcodes?lon=110.0&lat=12.0");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("110"));
}

TEST_F(AddressApi, PlacesFoldCaseAndDiacritics) {
  for (const char* text : {"ha noi", "HÀ NỘI", "Hà Nội"}) {
    const auto document = parse_json(get("/places?q=" + encode(text)).body());
    EXPECT_EQ(json_string(document, "/places/0/unit/code"), "01") << text;
    EXPECT_EQ(json_string(document, "/places/0/unit/level"), "province") << text;
    EXPECT_EQ(json_string(document, "/places/0/unit/validFrom"), "2025-07-01") << text;
  }
  const auto exact = parse_json(get("/places?q=" + encode("Hà Nội")).body());
  EXPECT_EQ(json_string(exact, "/places/0/match"), "exact_with_diacritics");
}

TEST_F(AddressApi, PlacesExpandTpHcm) {
  const auto document = parse_json(get("/places?q=" + encode("tp hcm")).body());
  EXPECT_EQ(json_string(document, "/places/0/unit/fullName"), "Thành phố Hồ Chí Minh");
  EXPECT_EQ(json_string(document, "/places/0/unit/code"), "79");
}

TEST_F(AddressApi, OldDistrictResolvesToNewCommunes) {
  const Response response = get("/places?q=" + encode("Quận Hoàn Kiếm") + "&level=district");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/places/0/unit/code"), "002");
  EXPECT_EQ(json_string(document, "/places/0/unit/validTo"), "2025-06-30");
  EXPECT_TRUE(array_has(document, "/places/0/unit/replacedBy", "/unit/fullName", "Phường Hoàn Kiếm"));
  EXPECT_TRUE(array_has(document, "/places/0/unit/replacedBy", "/unit/fullName", "Phường Cửa Nam"));
}

TEST_F(AddressApi, PlacesUnderstandNumberedWard) {
  const auto document = parse_json(get("/places?q=P.13&level=commune&limit=100").body());
  const rapidjson::Value* places = json_at(document, "/places");
  ASSERT_NE(places, nullptr);
  ASSERT_GT(places->Size(), 0u);
  for (const rapidjson::Value& place : places->GetArray()) {
    EXPECT_EQ(json_string(place, "/unit/fullName"), "Phường 13");
  }
}

TEST_F(AddressApi, PlacesDateSelectsNewUnits) {
  const auto document = parse_json(get("/places?q=" + encode("Ba Đình") + "&date=2025-07-01").body());
  const rapidjson::Value* places = json_at(document, "/places");
  ASSERT_NE(places, nullptr);
  ASSERT_GT(places->Size(), 0u);
  for (const rapidjson::Value& place : places->GetArray()) {
    EXPECT_EQ(json_at(place, "/unit/validTo")->IsNull(), true);
  }
}

TEST_F(AddressApi, PlacesRejectBadParameters) {
  const Response limit = get("/places?q=hue&limit=101");
  EXPECT_EQ(limit.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(limit), HasSubstr("'101'"));
  const Response level = get("/places?q=hue&level=village");
  EXPECT_EQ(level.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(level), HasSubstr("'village'"));
  const Response missing = get("/places");
  EXPECT_EQ(missing.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(missing), HasSubstr("'q'"));
}

TEST_F(AddressApi, AdminUnitFollowsDate) {
  const auto before = parse_json(get("/admin-units/00004?date=2025-06-30").body());
  EXPECT_EQ(json_string(before, "/unit/fullName"), "Phường Trúc Bạch");
  EXPECT_EQ(json_string(before, "/unit/replacedBy/0/unit/fullName"), "Phường Ba Đình");
  const auto after = parse_json(get("/admin-units/00004?date=2025-07-01").body());
  EXPECT_EQ(json_string(after, "/unit/fullName"), "Phường Ba Đình");
  EXPECT_TRUE(array_has(after, "/unit/formedFrom", "/unit/fullName", "Phường Trúc Bạch"));
}

TEST_F(AddressApi, AdminUnitDistrictEndedInReform) {
  const Response response = get("/admin-units/001?date=2025-07-01", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::not_found);
  const std::string detail = problem_detail(response);
  EXPECT_THAT(detail, HasSubstr("'001'"));
  EXPECT_THAT(detail, HasSubstr("Quận Ba Đình until 2025-06-30"));
}

TEST_F(AddressApi, AdminUnitRejectsBadDate) {
  const Response response = get("/admin-units/01?date=2025-02-30");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'2025-02-30'"));
}

TEST_F(AddressApi, AdminUnitRejectsBadCode) {
  const Response response = get("/admin-units/0004");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'0004'"));
}

TEST_F(AddressApi, AddressCodeRoundTrips) {
  // Chosen off the 1/40000-degree grid lines, where a cell edge equals the point.
  const Response encoded = get("/address-codes/encode?lon=105.83471&lat=21.03681");
  ASSERT_EQ(encoded.result(), http::status::ok);
  const auto document = parse_json(encoded.body());
  const std::string code = json_string(document, "/addressCode").value_or("");
  ASSERT_EQ(code.size(), 12u);
  EXPECT_EQ(code.substr(0, 5), "11120");
  EXPECT_EQ(json_string(document, "/commune/code"), "00004");

  const Response decoded = get("/address-codes/" + code);
  ASSERT_EQ(decoded.result(), http::status::ok);
  const auto cell = parse_json(decoded.body());
  EXPECT_EQ(json_string(cell, "/addressCode"), code);
  EXPECT_EQ(json_string(cell, "/plusCode"), json_string(document, "/plusCode"));
  const rapidjson::Value* south = json_at(cell, "/cell/south");
  const rapidjson::Value* north = json_at(cell, "/cell/north");
  ASSERT_NE(south, nullptr);
  ASSERT_NE(north, nullptr);
  EXPECT_LE(south->GetDouble(), 21.03681);
  EXPECT_GT(north->GetDouble(), 21.03681);
}

// Property: for random points in the communes of Hà Nội and Hồ Chí Minh City,
// decoding the address code of a point returns the same code and a cell that
// contains the point. Points outside every commune boundary get 404 and are skipped.
TEST_F(AddressApi, AddressCodeRoundTripProperty) {
  struct Box {
    double west, south, east, north;
  };
  const Box boxes[] = {{105.28, 20.56, 106.02, 21.39}, {106.35, 10.34, 107.58, 11.50}};
  std::mt19937 random(20250824);
  int round_trips = 0;
  for (const Box& box : boxes) {
    std::uniform_real_distribution<double> lon(box.west, box.east);
    std::uniform_real_distribution<double> lat(box.south, box.north);
    for (int i = 0; i < 150; ++i) {
      // The server parses the printed coordinates, so the checks use those values.
      const std::string x_text = fmt::format("{:.7f}", lon(random));
      const std::string y_text = fmt::format("{:.7f}", lat(random));
      const double x = std::stod(x_text);
      const double y = std::stod(y_text);
      const std::string point = "lon=" + x_text + "&lat=" + y_text;
      const Response encoded = get("/address-codes/encode?" + point);
      if (encoded.result() == http::status::not_found) continue;
      ASSERT_EQ(encoded.result(), http::status::ok) << point;
      const auto document = parse_json(encoded.body());
      const std::string code = json_string(document, "/addressCode").value_or("");
      ASSERT_EQ(code.size(), 12u) << point;

      const Response decoded = get("/address-codes/" + code);
      ASSERT_EQ(decoded.result(), http::status::ok) << point << " " << code;
      const auto cell = parse_json(decoded.body());
      EXPECT_EQ(json_string(cell, "/addressCode"), code) << point;
      EXPECT_EQ(json_string(cell, "/plusCode"), json_string(document, "/plusCode")) << point;
      const rapidjson::Value* south = json_at(cell, "/cell/south");
      const rapidjson::Value* west = json_at(cell, "/cell/west");
      const rapidjson::Value* north = json_at(cell, "/cell/north");
      const rapidjson::Value* east = json_at(cell, "/cell/east");
      ASSERT_NE(south, nullptr) << code;
      ASSERT_NE(west, nullptr) << code;
      ASSERT_NE(north, nullptr) << code;
      ASSERT_NE(east, nullptr) << code;
      EXPECT_LE(south->GetDouble(), y) << point << " " << code;
      EXPECT_GT(north->GetDouble(), y) << point << " " << code;
      EXPECT_LE(west->GetDouble(), x) << point << " " << code;
      EXPECT_GT(east->GetDouble(), x) << point << " " << code;
      ++round_trips;
    }
  }
  // Points outside the communes of the two cities are skipped, so fewer than 300 are checked.
  EXPECT_GT(round_trips, 100);
}

TEST_F(AddressApi, AddressCodeOutsideCommuneBoundaries) {
  // Huế: no commune boundaries are bundled there.
  const Response response = get("/address-codes/encode?lon=107.58&lat=16.46");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("107.58"));
}

TEST_F(AddressApi, AddressCodeOfAnotherCommuneIsNotFound) {
  // Sài Gòn's postcode with the location part of a point in Hoàn Kiếm: recovered
  // near Sài Gòn, the cell lies in Đồng Nai, outside the postcode's commune.
  const Response response = get("/address-codes/710162VH2FVP", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("not in a commune with postcode '71016'"));
}

TEST_F(AddressApi, AddressCodeOnSpecialZoneRoundTrips) {
  const auto encoded = parse_json(get("/address-codes/encode?lon=114.356112&lat=11.454092").body());
  EXPECT_EQ(json_string(encoded, "/postcode"), "57906");
  EXPECT_EQ(json_string(encoded, "/commune/fullName"), "Đặc khu Trường Sa");
  const std::optional<std::string> code = json_string(encoded, "/addressCode");
  ASSERT_TRUE(code.has_value());
  const auto decoded = parse_json(get("/address-codes/" + *code).body());
  EXPECT_EQ(json_string(decoded, "/addressCode"), *code);
  EXPECT_EQ(json_string(decoded, "/commune/fullName"), "Đặc khu Trường Sa");
}

TEST_F(AddressApi, NearestOfFormerPostcodeNamesCurrentOne) {
  // 11006 is a 2018 code of a former ward of Hoàn Kiếm, now in Phường Hoàn Kiếm (11024).
  const Response response = get("/postcodes/11006/nearest", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("2018 postcode"));
  EXPECT_THAT(problem_detail(response), HasSubstr("11024"));
}

TEST_F(AddressApi, FourDigitPostcodeSuggestsLeadingZero) {
  const Response response = get("/postcodes/5506", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("did you mean '05506'"));
}

TEST_F(AddressApi, WrongMethodListsAllowedOnes) {
  Request request(http::verb::delete_, "/postcodes/11024", 11);
  const Response response = client().exchange(std::move(request)).response;
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::allow], "GET");
}

TEST_F(AddressApi, ParameterOnEndpointWithoutParameters) {
  const Response response = get("/postcodes/11024?foo=bar", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("accepts no query parameters"));
}

TEST_F(AddressApi, BulkEchoesInputThatIsNotAString) {
  const Response response = post_json("/postcodes", R"({"postcodes":[11024,{"lon":1}]})");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  const rapidjson::Value* number = json_at(document, "/results/0/query");
  ASSERT_NE(number, nullptr);
  EXPECT_TRUE(number->IsInt());
  EXPECT_THAT(json_string(document, "/results/0/error/detail").value_or(""), HasSubstr("nhận được 11024"));
  const rapidjson::Value* object = json_at(document, "/results/1/query/lon");
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(object->GetInt(), 1);
}

TEST_F(AddressApi, AddressCodeRejectsMalformedCode) {
  const Response response = get("/address-codes/11120QPG4");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'11120QPG4'"));
}

}  // namespace
}  // namespace bando::server::testing

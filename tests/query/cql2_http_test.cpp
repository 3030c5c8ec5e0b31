// CQL2 filters over HTTP on the bundled hydropower plants, each with the exact expected feature ids.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http_fixture.hpp"
#include "query_http_support.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;
using Ids = std::vector<std::int64_t>;

class Cql2Filter : public HttpApi {
 protected:
  // The ids of every feature that `filter` selects (at most 200).
  static Ids ids_for(const std::string& filter, const std::string& extra = "") {
    const Response response = get("/collections/vn_hydropower_plants/items?limit=200&filter=" + url_encode(filter) +
                                  extra);
    EXPECT_EQ(response.result_int(), 200) << filter << ": " << response.body();
    return feature_ids(parse_json(response.body()));
  }

  // The response to `filter`, with English problem details.
  static Response bad(const std::string& filter, const std::string& extra = "") {
    return get("/collections/vn_hydropower_plants/items?filter=" + url_encode(filter) + extra,
               {{http::field::accept_language, "en"}});
  }
};

TEST_F(Cql2Filter, Comparison) { EXPECT_EQ(ids_for("CSuat_MW > 500"), (Ids{10, 15, 59, 102, 145})); }

TEST_F(Cql2Filter, AndOfEqualities) {
  EXPECT_EQ(ids_for("Tinh = 'Sơn La' AND Quy_Mo = 'Lớn'"), (Ids{59, 61}));
}

TEST_F(Cql2Filter, Like) {
  EXPECT_EQ(ids_for("Name LIKE 'Nậm%'"),
            (Ids{8, 11, 12, 13, 16, 20, 21, 22, 38, 43, 57, 60, 61, 63, 68, 86, 88, 97, 103}));
}

TEST_F(Cql2Filter, LikeIsCaseSensitive) { EXPECT_EQ(ids_for("Name LIKE 'nậm%'"), Ids{}); }

TEST_F(Cql2Filter, In) {
  EXPECT_EQ(ids_for("Tinh IN ('Lai Châu', 'Điện Biên')"), (Ids{11, 12, 13, 14, 16, 85, 86, 98, 99, 102, 103}));
}

TEST_F(Cql2Filter, Between) {
  EXPECT_EQ(ids_for("CSuat_MW BETWEEN 100 AND 200"),
            (Ids{7, 35, 47, 50, 54, 61, 74, 83, 94, 104, 132, 143, 150, 174, 175, 176, 189, 192}));
}

TEST_F(Cql2Filter, IsNull) {
  EXPECT_EQ(ids_for("Loai_hinh IS NULL"), (Ids{18, 27, 33, 56, 101, 126, 127, 136, 138, 139, 149, 164}));
}

TEST_F(Cql2Filter, NotAndOr) {
  EXPECT_EQ(ids_for("NOT (Vung = 'Đông Bắc') AND CSuat_MW >= 1000"), (Ids{10, 59, 102}));
  EXPECT_EQ(ids_for("Tinh = 'Sơn La' AND Quy_Mo = 'Lớn' OR CSuat_MW > 1500"), (Ids{10, 59, 61}));
}

TEST_F(Cql2Filter, SpatialWithinBbox) {
  EXPECT_EQ(ids_for("S_WITHIN(geometry, BBOX(103, 21, 104, 22))"),
            (Ids{14, 15, 16, 59, 63, 80, 81, 85, 86, 97, 98, 99}));
}

TEST_F(Cql2Filter, SpatialIntersectsWktPolygon) {
  EXPECT_EQ(ids_for("S_INTERSECTS(geometry, POLYGON((104 20, 106 20, 105 23, 104 20)))"),
            (Ids{8, 10, 58, 64, 65, 66, 73, 74, 75, 77, 83}));
}

TEST_F(Cql2Filter, SpatialContainsLiteralFirst) {
  EXPECT_EQ(ids_for("S_CONTAINS(POLYGON((104 20, 106 20, 105 23, 104 20)), geometry)"),
            (Ids{8, 10, 58, 64, 65, 66, 73, 74, 75, 77, 83}));
}

TEST_F(Cql2Filter, SpatialDisjointCountsTheRest) {
  const Response response = get("/collections/vn_hydropower_plants/items?limit=1&filter=" +
                                url_encode("S_DISJOINT(geometry, BBOX(103, 21, 104, 22))"));
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(json_int(parse_json(response.body()), "/numberMatched"), 185);
}

TEST_F(Cql2Filter, FilterCrsEpsg4326IsLatitudeFirst) {
  EXPECT_EQ(ids_for("S_WITHIN(geometry, BBOX(21, 103, 22, 104))",
                    "&filter-crs=" + url_encode("http://www.opengis.net/def/crs/EPSG/0/4326")),
            (Ids{14, 15, 16, 59, 63, 80, 81, 85, 86, 97, 98, 99}));
}

TEST_F(Cql2Filter, JsonEncoding) {
  const std::string filter =
      R"({"op":"and","args":[{"op":"=","args":[{"property":"Tinh"},"Sơn La"]},)"
      R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[103,21],[104,21],[104,22],[103,22],[103,21]]]}]}]})";
  EXPECT_EQ(ids_for(filter, "&filter-lang=cql2-json"), (Ids{59, 63, 97}));
}

TEST_F(Cql2Filter, CombinesWithBboxAndEquality) {
  EXPECT_EQ(ids_for("CSuat_MW > 100", "&bbox=103,21,104,22&Tinh=" + url_encode("Sơn La")), (Ids{59}));
}

TEST_F(Cql2Filter, SyntaxErrorGivesPosition) {
  const Response response = bad("CSuat_MW > 100 AND AND");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("character 20"));
}

TEST_F(Cql2Filter, SyntaxErrorIsLocalized) {
  const Response response = get("/collections/vn_hydropower_plants/items?filter=" + url_encode("CSuat_MW >"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("ký tự 11"));
}

TEST_F(Cql2Filter, UnknownPropertyIsRejected) {
  const Response response = bad("colour = 'red'");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'colour'"));
}

TEST_F(Cql2Filter, UnknownFilterLangIsRejected) {
  const Response response = bad("CSuat_MW > 1", "&filter-lang=sql");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'sql'"));
}

}  // namespace
}  // namespace bando::server::testing

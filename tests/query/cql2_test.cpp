// CQL2 text and JSON parsing, and their translation to parameterised SQL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "data/query/cql2.hpp"
#include "data/query/sql.hpp"
#include "geo/error.hpp"

namespace bando::data::query {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const geo::Crs& crs84() { return geo::supported_crs().front(); }

const std::vector<Field> kFields = {
    {"name", FieldType::string}, {"power", FieldType::real}, {"homes", FieldType::integer},
    {"open", FieldType::boolean}};

std::string text_error(const std::string& filter) {
  try {
    parse_cql2_text(filter, crs84());
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
    return error.detail().en;
  }
  ADD_FAILURE() << "no error for " << filter;
  return "";
}

SqlFragment to_sql(const Filter& filter) {
  SqlFragment fragment;
  append_filter_sql(fragment, filter, kFields, "idx_t_geom");
  return fragment;
}

TEST(Cql2Text, ParsesComparison) {
  const Filter filter = parse_cql2_text("power >= 100", crs84());
  EXPECT_EQ(filter.op, Operator::greater_or_equal);
  EXPECT_EQ(filter.property, "power");
  ASSERT_EQ(filter.values.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(filter.values[0]), 100);
}

TEST(Cql2Text, AndBindsTighterThanOr) {
  const Filter filter = parse_cql2_text("name = 'a' OR name = 'b' AND power < 5", crs84());
  ASSERT_EQ(filter.op, Operator::logical_or);
  ASSERT_EQ(filter.children.size(), 2u);
  EXPECT_EQ(filter.children[1].op, Operator::logical_and);
}

TEST(Cql2Text, FlipsLiteralOnTheLeft) {
  const Filter filter = parse_cql2_text("5 < power", crs84());
  EXPECT_EQ(filter.op, Operator::greater);
  EXPECT_EQ(filter.property, "power");
}

TEST(Cql2Text, ParsesNotLikeInBetweenIsNull) {
  EXPECT_EQ(parse_cql2_text("name NOT LIKE 'Nậm%'", crs84()).op, Operator::logical_not);
  EXPECT_EQ(parse_cql2_text("name IN ('a', 'b''c')", crs84()).values.size(), 2u);
  EXPECT_EQ(std::get<std::string>(parse_cql2_text("name IN ('a', 'b''c')", crs84()).values[1]), "b'c");
  EXPECT_EQ(parse_cql2_text("power BETWEEN 1 AND 2.5", crs84()).op, Operator::between);
  EXPECT_EQ(parse_cql2_text("name IS NOT NULL", crs84()).op, Operator::logical_not);
  EXPECT_EQ(parse_cql2_text("\"name\" is null", crs84()).op, Operator::is_null);
}

TEST(Cql2Text, ParsesSpatialPredicateIntoMercator) {
  const Filter filter = parse_cql2_text("S_INTERSECTS(geometry, POINT(105 21))", crs84());
  EXPECT_EQ(filter.op, Operator::s_intersects);
  ASSERT_EQ(filter.geometry.points.size(), 1u);
  EXPECT_NEAR(filter.geometry.points[0].x, 11688546.533293726, 1e-3);
}

TEST(Cql2Text, ReadsEpsg4326LatitudeFirst) {
  const Filter lat_first = parse_cql2_text("S_WITHIN(geometry, POINT(21 105))", *geo::find_crs("EPSG:4326"));
  const Filter lon_first = parse_cql2_text("S_WITHIN(geometry, POINT(105 21))", crs84());
  EXPECT_NEAR(lat_first.geometry.points[0].x, lon_first.geometry.points[0].x, 1e-6);
  EXPECT_NEAR(lat_first.geometry.points[0].y, lon_first.geometry.points[0].y, 1e-6);
}

TEST(Cql2Text, SwapsWithinWhenLiteralComesFirst) {
  EXPECT_EQ(parse_cql2_text("S_WITHIN(BBOX(1,2,3,4), geometry)", crs84()).op, Operator::s_contains);
}

TEST(Cql2Text, ReportsPositionOfUnexpectedToken) {
  EXPECT_THAT(text_error("name = 'a' AND AND"), HasSubstr("character 16"));
  EXPECT_THAT(text_error("power >"), HasSubstr("character 8"));
  EXPECT_THAT(text_error("name = 'open"), HasSubstr("character 8"));
  EXPECT_THAT(text_error("name ; 1"), HasSubstr("character 6"));
}

TEST(Cql2Json, ParsesNestedLogic) {
  const Filter filter = parse_cql2_json(
      R"({"op":"and","args":[{"op":"=","args":[{"property":"name"},"a"]},{"op":"not","args":[{"op":"isNull","args":[{"property":"power"}]}]}]})",
      crs84());
  ASSERT_EQ(filter.op, Operator::logical_and);
  EXPECT_EQ(filter.children[1].op, Operator::logical_not);
}

TEST(Cql2Json, ParsesGeoJsonGeometry) {
  const Filter filter = parse_cql2_json(
      R"({"op":"s_within","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[103,21],[104,21],[104,22],[103,21]]]}]})",
      crs84());
  EXPECT_EQ(filter.op, Operator::s_within);
  EXPECT_EQ(filter.geometry.polygons.at(0).at(0).size(), 4u);
}

TEST(Cql2Json, ReportsSyntaxErrorPosition) {
  try {
    parse_cql2_json(R"({"op": "=", "args": [}})", crs84());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.detail().en, HasSubstr("character 22"));
  }
}

TEST(Cql2Json, NamesPointerOfBadArgument) {
  try {
    parse_cql2_json(R"({"op":"and","args":[{"op":"=","args":[{"property":"name"},"a"]},{"op":"=","args":[3,4]}]})",
                    crs84());
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.detail().en, HasSubstr("'/args/1/args/0'"));
  }
}

TEST(FilterSql, BindsEveryLiteral) {
  const SqlFragment sql = to_sql(parse_cql2_text("name = 'x''); DROP TABLE t; --' OR homes IN (1, 2)", crs84()));
  EXPECT_THAT(sql.sql, Not(HasSubstr("DROP")));
  EXPECT_THAT(sql.sql, Not(HasSubstr("name")));
  ASSERT_EQ(sql.values.size(), 5u);
  EXPECT_EQ(std::get<std::string>(sql.values[1]), "x'); DROP TABLE t; --");
}

TEST(FilterSql, TranslatesLikeToCaseSensitiveGlob) {
  const SqlFragment sql = to_sql(parse_cql2_text("name LIKE 'Nậm_%[x*'", crs84()));
  EXPECT_THAT(sql.sql, HasSubstr("GLOB"));
  EXPECT_EQ(std::get<std::string>(sql.values[1]), "Nậm?*[[]x[*]");
}

TEST(FilterSql, MapsBooleanToInteger) {
  const SqlFragment sql = to_sql(parse_cql2_text("open = TRUE", crs84()));
  EXPECT_EQ(std::get<std::int64_t>(sql.values[1]), 1);
}

TEST(FilterSql, RejectsUnknownProperty) {
  try {
    to_sql(parse_cql2_text("name = 'a' AND colour = 'red'", crs84()));
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.detail().en, HasSubstr("'colour'"));
    EXPECT_THAT(error.detail().en, HasSubstr("character 16"));
  }
}

TEST(FilterSql, RejectsTypeMismatch) {
  EXPECT_THROW(to_sql(parse_cql2_text("power = 'high'", crs84())), Error);
  EXPECT_THROW(to_sql(parse_cql2_text("name > 3", crs84())), Error);
}

TEST(FilterSql, UsesRtreeForIntersects) {
  const SqlFragment sql = to_sql(parse_cql2_text("S_INTERSECTS(geometry, BBOX(103, 21, 104, 22))", crs84()));
  EXPECT_THAT(sql.sql, HasSubstr("idx_t_geom"));
  EXPECT_THAT(sql.sql, HasSubstr("Intersects(geom, GeomFromText(?1, 3857))"));
  EXPECT_THAT(std::get<std::string>(sql.values[0]), HasSubstr("POLYGON(("));
}

}  // namespace
}  // namespace bando::data::query

#include <gtest/gtest.h>

#include <vector>

#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/wkb.hpp"

namespace bando::geo {
namespace {

Geometry decode_wkt(const std::string& wkt) {
  auto geometry = geos_from_wkt(wkt);
  return decode_wkb(geos_to_wkb(*geometry));
}

TEST(Wkb, PolygonWithHoleKeepsRingOrder) {
  const Geometry g = decode_wkt("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,2 2))");
  ASSERT_EQ(g.type, GeometryType::polygon);
  ASSERT_EQ(g.polygons.size(), 1u);
  ASSERT_EQ(g.polygons[0].size(), 2u);
  EXPECT_EQ(g.polygons[0][0].size(), 5u);
  EXPECT_EQ(g.polygons[0][1][1], (Point{2, 4}));
}

TEST(Wkb, MultiPolygonFlattensIntoPolygons) {
  const Geometry g = decode_wkt("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))");
  EXPECT_EQ(g.type, GeometryType::multi_polygon);
  EXPECT_EQ(g.polygons.size(), 2u);
  const Box box = g.bounds();
  EXPECT_EQ(box.max_x, 6);
}

TEST(Wkb, ZOrdinatesAreDropped) {
  const Geometry g = decode_wkt("LINESTRING Z (1 2 3, 4 5 6)");
  ASSERT_EQ(g.lines.size(), 1u);
  EXPECT_EQ(g.lines[0][1], (Point{4, 5}));
}

TEST(Wkb, CollectionKeepsMembers) {
  const Geometry g = decode_wkt("GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))");
  ASSERT_EQ(g.members.size(), 2u);
  EXPECT_EQ(g.members[0].points[0], (Point{1, 2}));
}

TEST(Wkb, TruncatedInputThrows) {
  auto bytes = geos_to_wkb(*geos_from_wkt("LINESTRING(0 0,1 1,2 2)"));
  bytes.resize(bytes.size() - 4);
  EXPECT_THROW(decode_wkb(bytes), Error);
}

TEST(Wkb, HugeCountIsRejectedBeforeAllocating) {
  // Little-endian LineString claiming 2^31 points with no coordinates.
  const std::vector<std::uint8_t> bytes = {1, 2, 0, 0, 0, 0, 0, 0, 0x80};
  EXPECT_THROW(decode_wkb(bytes), Error);
}

}  // namespace
}  // namespace bando::geo

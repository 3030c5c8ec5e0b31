#include <string>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/gazetteer_store.hpp"

namespace bando::data {
namespace {

using testing::bundled_gazetteer;

// Property: the representative point of every commune with a boundary lies in
// that commune, so reverse geocoding it must return that commune and its province.
TEST(ReverseProperty, CentroidReturnsItsCommune) {
  int checked = 0;
  for (const AdminUnit& unit : testing::bundled_data().units) {
    if (unit.level != kCommuneLevel || !unit.centroid) continue;
    const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(unit.centroid->x, unit.centroid->y);
    ASSERT_NE(match.commune, nullptr) << unit.code;
    EXPECT_EQ(match.commune->code, unit.code) << unit.full_name;
    ASSERT_NE(match.province, nullptr) << unit.code;
    EXPECT_EQ(match.province->code, unit.province_code) << unit.full_name;
    EXPECT_EQ(match.distance_metres, 0.0) << unit.code;
    ++checked;
  }
  // Hà Nội has 126 communes and Hồ Chí Minh City 168 after the reform.
  EXPECT_GT(checked, 250);
}

TEST(ReverseProperty, ProvinceCentroidReturnsItsProvince) {
  for (const AdminUnit& unit : testing::bundled_data().units) {
    if (unit.level != kProvinceLevel || !unit.centroid) continue;
    const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(unit.centroid->x, unit.centroid->y);
    ASSERT_NE(match.province, nullptr) << unit.code;
    EXPECT_EQ(match.province->code, unit.code) << unit.full_name;
  }
}

// Property: the representative point of every former district with a
// boundary returns that district, and a commune found through it lies in the
// same province as the answer's province.
TEST(ReverseProperty, DistrictCentroidReturnsItsDistrict) {
  int checked = 0;
  for (const AdminUnit& unit : testing::bundled_data().former_units) {
    if (unit.level != kDistrictLevel || !unit.centroid) continue;
    const Gazetteer::ReverseMatch match = bundled_gazetteer().reverse(unit.centroid->x, unit.centroid->y);
    ASSERT_NE(match.province, nullptr) << unit.code;
    ASSERT_NE(match.former_district, nullptr) << unit.code;
    EXPECT_EQ(match.former_district->code, unit.code) << unit.full_name;
    if (match.commune != nullptr) {
      EXPECT_EQ(match.commune->province_code, match.province->code) << unit.code;
    }
    ++checked;
  }
  // The bundled file has 692 districts before the reform.
  EXPECT_GT(checked, 650);
}

}  // namespace
}  // namespace bando::data

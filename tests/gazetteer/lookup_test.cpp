#include <string>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"

namespace bando::data {
namespace {

using testing::bundled_gazetteer;

TEST(PostcodeLookup, FindsHaNoiWard) {
  const auto units = bundled_gazetteer().find_by_postcode("11120");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]->code, "00004");
  EXPECT_EQ(units[0]->full_name, "Phường Ba Đình");
  EXPECT_EQ(units[0]->province_code, "01");
}

TEST(PostcodeLookup, KeepsLeadingZeroInQuangNinh) {
  const auto units = bundled_gazetteer().find_by_postcode("01139");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]->code, "06688");
  EXPECT_EQ(units[0]->full_name, "Phường Hạ Long");
  EXPECT_EQ(units[0]->province_code, "22");
  ASSERT_EQ(units[0]->postcodes.size(), 1u);
  EXPECT_EQ(units[0]->postcodes[0], "01139");
}

TEST(PostcodeLookup, KeepsLeadingZeroInHaiPhong) {
  const auto units = bundled_gazetteer().find_by_postcode("05115");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]->code, "11728");
  EXPECT_EQ(units[0]->full_name, "Xã Kiến Hưng");
  EXPECT_EQ(units[0]->province_code, "31");
}

TEST(PostcodeLookup, FindsHoChiMinhWard) {
  const auto units = bundled_gazetteer().find_by_postcode("71009");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]->code, "26743");
  EXPECT_EQ(units[0]->full_name, "Phường Bến Thành");
}

TEST(PostcodeLookup, FindsSpecialZones) {
  const auto hoang_sa = bundled_gazetteer().find_by_postcode("50906");
  ASSERT_EQ(hoang_sa.size(), 1u);
  EXPECT_EQ(hoang_sa[0]->code, "20333");
  const auto truong_sa = bundled_gazetteer().find_by_postcode("57906");
  ASSERT_EQ(truong_sa.size(), 1u);
  EXPECT_EQ(truong_sa[0]->code, "22736");
}

TEST(PostcodeLookup, NumericFormDoesNotMatch) {
  // "1139" is 01139 read as a number; codes compare as strings.
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("1139").empty());
}

TEST(PostcodeLookup, RejectsMalformedCodes) {
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("").empty());
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("011390").empty());
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("0113a").empty());
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode(" 1120").empty());
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("10").empty());
}

TEST(PostcodeLookup, UnknownCodeFindsNothing) {
  EXPECT_TRUE(bundled_gazetteer().find_by_postcode("99999").empty());
}

TEST(Gazetteer, CountsUnitsAndIssues) {
  EXPECT_EQ(bundled_gazetteer().unit_count(), 34u + 3321u);
  EXPECT_EQ(bundled_gazetteer().issues().size(), testing::bundled_data().issues.size());
}

}  // namespace
}  // namespace bando::data

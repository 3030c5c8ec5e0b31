#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/former_import.hpp"

namespace bando::data {
namespace {

using testing::bundled_data;
using testing::bundled_gazetteer;

const AdminUnit* find_former(int level, const std::string& code) {
  for (const AdminUnit& unit : bundled_data().former_units) {
    if (unit.level == level && unit.code == code) return &unit;
  }
  return nullptr;
}

// The Gazetteer's own copy of a former unit, because crosswalk lookups use the Gazetteer's pointers.
const AdminUnit* indexed_former(int level, const std::string& code) {
  for (const AdminUnit* unit : bundled_gazetteer().units_with_code(code)) {
    if (unit->level == level && !unit->valid_to.empty()) return unit;
  }
  return nullptr;
}

std::size_t count_former(int level) {
  return static_cast<std::size_t>(std::count_if(bundled_data().former_units.begin(), bundled_data().former_units.end(),
                                                [&](const AdminUnit& unit) { return unit.level == level; }));
}

const Gazetteer::Link* find_link(const std::vector<Gazetteer::Link>& links, const std::string& code) {
  for (const Gazetteer::Link& link : links) {
    if (link.unit->code == code) return &link;
  }
  return nullptr;
}

TEST(FormerImport, HasSixtyThreeProvinces) { EXPECT_EQ(count_former(kProvinceLevel), 63u); }

TEST(FormerImport, CountsDistrictsAndCommunes) {
  EXPECT_EQ(count_former(kDistrictLevel), 696u);
  EXPECT_EQ(count_former(kCommuneLevel), 10047u);
}

TEST(FormerImport, FormerUnitsEndBeforeReform) {
  for (const AdminUnit& unit : bundled_data().former_units) {
    ASSERT_EQ(unit.valid_to, "2025-06-30") << unit.code;
    ASSERT_EQ(unit.valid_from, "") << unit.code;
  }
}

TEST(FormerImport, FillsCommuneParentAndPostcode) {
  const AdminUnit* truc_bach = find_former(kCommuneLevel, "00004");
  ASSERT_NE(truc_bach, nullptr);
  EXPECT_EQ(truc_bach->full_name, "Phường Trúc Bạch");
  EXPECT_EQ(truc_bach->name, "Trúc Bạch");
  EXPECT_EQ(truc_bach->parent_code, "001");
  EXPECT_EQ(truc_bach->province_code, "01");
  ASSERT_EQ(truc_bach->postcodes.size(), 1u);
  EXPECT_EQ(truc_bach->postcodes.front(), "11117");
}

TEST(FormerImport, NormalizesCentralCityType) {
  const AdminUnit* ha_noi = find_former(kProvinceLevel, "01");
  ASSERT_NE(ha_noi, nullptr);
  EXPECT_EQ(ha_noi->type, "Thành phố");
  EXPECT_EQ(ha_noi->name, "Hà Nội");
}

TEST(FormerImport, AttachesDistrictBoundary) {
  const AdminUnit* ba_dinh = find_former(kDistrictLevel, "001");
  ASSERT_NE(ba_dinh, nullptr);
  EXPECT_FALSE(ba_dinh->boundary_wkb.empty());
  EXPECT_TRUE(ba_dinh->centroid.has_value());
}

TEST(FormerImport, ReusedCodeKeepsBothUnits) {
  const auto units = bundled_gazetteer().units_with_code("00004");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0]->full_name, "Phường Trúc Bạch");
  EXPECT_EQ(units[1]->full_name, "Phường Ba Đình");
}

TEST(FormerImport, FindsUnitInForceOnDate) {
  const AdminUnit* before = bundled_gazetteer().find_in_force("00004", "2025-06-30");
  const AdminUnit* after = bundled_gazetteer().find_in_force("00004", "2025-07-01");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->full_name, "Phường Trúc Bạch");
  EXPECT_EQ(after->full_name, "Phường Ba Đình");
  EXPECT_EQ(bundled_gazetteer().find_in_force("001", "2025-07-01"), nullptr);
}

TEST(Crosswalk, ParsesMergeNotes) {
  EXPECT_EQ(parse_merge_type("Nhập toàn bộ"), MergeType::whole_unit);
  EXPECT_EQ(parse_merge_type("Giữ nguyên"), MergeType::whole_unit);
  EXPECT_EQ(parse_merge_type("Nhập một phần"), MergeType::part_of_unit);
  EXPECT_EQ(parse_merge_type("Nhập một phần diện tích"), MergeType::part_of_area);
  EXPECT_EQ(parse_merge_type("Nhâp một phần diện tích"), MergeType::part_of_area);
  EXPECT_EQ(parse_merge_type("Nhập một phần diện tích, toàn bộ dân số"), MergeType::part_of_area);
  EXPECT_EQ(parse_merge_type("Phần còn lại sau khi tách một phần vào xã Canh Vinh"), MergeType::part_of_unit);
  EXPECT_EQ(parse_merge_type("không rõ"), std::nullopt);
}

TEST(Crosswalk, WholeWardGoesToOneNewWard) {
  const AdminUnit* ben_nghe = indexed_former(kCommuneLevel, "26740");
  ASSERT_NE(ben_nghe, nullptr);
  const auto& successors = bundled_gazetteer().successors(*ben_nghe);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0].unit->full_name, "Phường Sài Gòn");
  EXPECT_EQ(successors[0].merge_type, MergeType::whole_unit);
}

TEST(Crosswalk, PartOfAreaLinkIsKept) {
  const AdminUnit* phuc_loi = indexed_former(kCommuneLevel, "00136");
  ASSERT_NE(phuc_loi, nullptr);
  const Gazetteer::Link* link = find_link(bundled_gazetteer().successors(*phuc_loi), "00127");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->merge_type, MergeType::part_of_area);
}

TEST(Crosswalk, NewWardListsItsFormerWards) {
  const AdminUnit* sai_gon = bundled_gazetteer().find_by_code(kCommuneLevel, "26740");
  ASSERT_NE(sai_gon, nullptr);
  const auto& predecessors = bundled_gazetteer().predecessors(*sai_gon);
  EXPECT_NE(find_link(predecessors, "26740"), nullptr);
  EXPECT_NE(find_link(predecessors, "26737"), nullptr);
  EXPECT_NE(find_link(predecessors, "26746"), nullptr);
}

TEST(Crosswalk, OldDistrictResolvesToNewCommunes) {
  const AdminUnit* district_1 = indexed_former(kDistrictLevel, "760");
  ASSERT_NE(district_1, nullptr);
  EXPECT_EQ(district_1->full_name, "Quận 1");
  const auto& successors = bundled_gazetteer().successors(*district_1);
  EXPECT_NE(find_link(successors, "26740"), nullptr);  // Phường Sài Gòn
  EXPECT_NE(find_link(successors, "26737"), nullptr);  // Phường Tân Định
  for (const Gazetteer::Link& link : successors) EXPECT_EQ(link.unit->province_code, "79") << link.unit->code;
}

TEST(Crosswalk, IslandDistrictBecomesSpecialZone) {
  const AdminUnit* hoang_sa = indexed_former(kDistrictLevel, "498");
  ASSERT_NE(hoang_sa, nullptr);
  const auto& successors = bundled_gazetteer().successors(*hoang_sa);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0].unit->full_name, "Đặc khu Hoàng Sa");
  EXPECT_EQ(successors[0].merge_type, MergeType::whole_unit);
}

TEST(Crosswalk, MergedProvincesAreWholeUnits) {
  // Bình Dương (74), Hồ Chí Minh City (79) and Bà Rịa–Vũng Tàu (77) merged
  // whole into the new Hồ Chí Minh City, although some of their communes were
  // split between several new wards of it.
  for (const std::string code : {"74", "77", "79"}) {
    const AdminUnit* former = indexed_former(kProvinceLevel, code);
    ASSERT_NE(former, nullptr) << code;
    const auto& successors = bundled_gazetteer().successors(*former);
    ASSERT_EQ(successors.size(), 1u) << code;
    EXPECT_EQ(successors[0].unit->code, "79") << code;
    EXPECT_EQ(successors[0].merge_type, MergeType::whole_unit) << code;
  }
  const AdminUnit* city = bundled_gazetteer().find_by_code(kProvinceLevel, "79");
  ASSERT_NE(city, nullptr);
  for (const Gazetteer::Link& link : bundled_gazetteer().predecessors(*city)) {
    EXPECT_EQ(link.merge_type, MergeType::whole_unit) << link.unit->code;
  }
}

TEST(Crosswalk, FormerProvinceResolvesToNewProvince) {
  const AdminUnit* nam_dinh = indexed_former(kProvinceLevel, "36");
  ASSERT_NE(nam_dinh, nullptr);
  const auto& successors = bundled_gazetteer().successors(*nam_dinh);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0].unit->full_name, "Tỉnh Ninh Bình");
}

TEST(Crosswalk, ReportsRowWithoutOldCode) {
  const auto& issues = bundled_data().issues;
  const auto found = std::find_if(issues.begin(), issues.end(), [](const ImportIssue& issue) {
    return issue.file == "postcodes/2025/nso-old-to-new.tsv" && issue.line == 4732;
  });
  ASSERT_NE(found, issues.end());
  EXPECT_NE(found->value.find("Khu vực bãi bồi"), std::string::npos) << found->value;
}

TEST(Crosswalk, EveryLinkNamesKnownUnits) {
  for (const CrosswalkLink& link : bundled_data().crosswalk) {
    ASSERT_NE(bundled_gazetteer().find_by_code(kCommuneLevel, link.new_code), nullptr) << link.new_code;
    ASSERT_NE(find_former(link.old_level, link.old_code), nullptr) << link.old_code;
  }
}

}  // namespace
}  // namespace bando::data

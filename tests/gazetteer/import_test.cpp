#include <algorithm>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

using testing::bundled_data;

constexpr const char* kPrintedCommunes = "postcodes/2025/qd2334-communes.tsv";

const ImportIssue* find_issue(const std::string& file, int line) {
  for (const ImportIssue& issue : bundled_data().issues) {
    if (issue.file == file && issue.line == line) return &issue;
  }
  return nullptr;
}

const AdminUnit* find_unit(int level, const std::string& code) {
  for (const AdminUnit& unit : bundled_data().units) {
    if (unit.level == level && unit.code == code) return &unit;
  }
  return nullptr;
}

TEST(PostcodeImport, ReportsValueCellRow) {
  const ImportIssue* issue = find_issue(kPrintedCommunes, 1227);
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->value, "#VALUE!");
  EXPECT_NE(issue->reason.find("not a commune name"), std::string::npos) << issue->reason;
}

TEST(PostcodeImport, DoesNotGuessValueCellCommune) {
  // Xã Nghi Dương is the one Hải Phòng commune left without a row, but the
  // #VALUE! row's code 05127 must not be attached to it by elimination.
  const AdminUnit* nghi_duong = find_unit(2, "11713");
  ASSERT_NE(nghi_duong, nullptr);
  EXPECT_EQ(nghi_duong->full_name, "Xã Nghi Dương");
  EXPECT_TRUE(nghi_duong->postcodes.empty());
  EXPECT_TRUE(testing::bundled_gazetteer().find_by_postcode("05127").empty());
}

TEST(PostcodeImport, ReportsSixDigitCodeRow) {
  const ImportIssue* issue = find_issue(kPrintedCommunes, 2352);
  ASSERT_NE(issue, nullptr);
  EXPECT_EQ(issue->value, "152213");
  EXPECT_NE(issue->reason.find("Tam Dương Bắc"), std::string::npos) << issue->reason;
}

TEST(PostcodeImport, DoesNotTruncateSixDigitCode) {
  const AdminUnit* tam_duong_bac = find_unit(2, "08872");
  ASSERT_NE(tam_duong_bac, nullptr);
  EXPECT_TRUE(tam_duong_bac->postcodes.empty());
  EXPECT_TRUE(testing::bundled_gazetteer().find_by_postcode("15221").empty());
  EXPECT_TRUE(testing::bundled_gazetteer().find_by_postcode("52213").empty());
}

TEST(PostcodeImport, ReportsCommunesWithoutPostcode) {
  int reported = 0;
  for (const ImportIssue& issue : bundled_data().issues) {
    if (issue.file == "postcodes/2025/nso-communes.tsv" && issue.reason.find("no valid postcode") != std::string::npos) {
      ++reported;
    }
  }
  EXPECT_EQ(reported, 2);
}

TEST(PostcodeImport, CountsUnitsAndPostcodes) {
  int provinces = 0;
  int communes = 0;
  int communes_with_postcode = 0;
  for (const AdminUnit& unit : bundled_data().units) {
    if (unit.level == 1) ++provinces;
    if (unit.level != 2) continue;
    ++communes;
    if (!unit.postcodes.empty()) ++communes_with_postcode;
  }
  EXPECT_EQ(provinces, 34);
  EXPECT_EQ(communes, 3321);
  // 3,321 annex rows minus the #VALUE! row and the 6-digit row.
  EXPECT_EQ(communes_with_postcode, 3319);
}

TEST(PostcodeImport, PostcodesHaveFiveCharacters) {
  for (const AdminUnit& unit : bundled_data().units) {
    if (unit.level != 2) continue;
    EXPECT_LE(unit.postcodes.size(), 1u) << unit.code;
    for (const std::string& postcode : unit.postcodes) {
      EXPECT_EQ(postcode.size(), 5u) << unit.code << " " << postcode;
    }
  }
}

TEST(PostcodeImport, ProvincesHaveTwoDigitPrefixes) {
  const AdminUnit* ho_chi_minh = find_unit(1, "79");
  ASSERT_NE(ho_chi_minh, nullptr);
  EXPECT_EQ(ho_chi_minh->postcodes, (std::vector<std::string>{"70", "71", "72", "73", "74", "75", "78"}));
  const AdminUnit* quang_ninh = find_unit(1, "22");
  ASSERT_NE(quang_ninh, nullptr);
  EXPECT_EQ(quang_ninh->postcodes, (std::vector<std::string>{"01", "02"}));
}

TEST(PostcodeImport, MatchesReclassifiedCommune) {
  // The annex prints "X. Bố Hạ"; the statistics office now lists a phường.
  const AdminUnit* bo_ha = find_unit(2, "07294");
  ASSERT_NE(bo_ha, nullptr);
  EXPECT_EQ(bo_ha->full_name, "Phường Bố Hạ");
  EXPECT_EQ(bo_ha->postcodes, std::vector<std::string>{"26723"});
}

TEST(PostcodeImport, MatchesSpellingVariants) {
  // Printed "P. B' Lao", listed "Phường B’Lao".
  const AdminUnit* b_lao = find_unit(2, "24829");
  ASSERT_NE(b_lao, nullptr);
  EXPECT_EQ(b_lao->postcodes, std::vector<std::string>{"66459"});
  const ImportIssue* issue = find_issue(kPrintedCommunes, 1935);
  ASSERT_NE(issue, nullptr);
  EXPECT_NE(issue->reason.find("24829"), std::string::npos) << issue->reason;
}

TEST(PostcodeImport, ReportsCrossCheckDisagreement) {
  // The admin table lists Xã Ba Chẽ as 06978; the statistics office as 06970.
  bool found = false;
  for (const ImportIssue& issue : bundled_data().issues) {
    if (issue.file == "admin/tables/vn_admin_units_2025.csv" && issue.value.starts_with("06978")) found = true;
  }
  EXPECT_TRUE(found);
}

TEST(AdminImport, StoresTextInNfc) {
  for (const AdminUnit& unit : bundled_data().units) {
    EXPECT_EQ(unit.name, to_nfc(unit.name)) << unit.code;
    EXPECT_EQ(unit.full_name, to_nfc(unit.full_name)) << unit.code;
    EXPECT_EQ(unit.province_name, to_nfc(unit.province_name)) << unit.code;
  }
}

TEST(AdminImport, FillsNamesAndTypes) {
  const AdminUnit* ba_dinh = find_unit(2, "00004");
  ASSERT_NE(ba_dinh, nullptr);
  EXPECT_EQ(ba_dinh->name, "Ba Đình");
  EXPECT_EQ(ba_dinh->full_name, "Phường Ba Đình");
  EXPECT_EQ(ba_dinh->type, "Phường");
  EXPECT_EQ(ba_dinh->province_code, "01");
  EXPECT_EQ(ba_dinh->province_name, "Thành phố Hà Nội");
  EXPECT_EQ(ba_dinh->valid_from, "2025-07-01");
  EXPECT_EQ(ba_dinh->valid_to, "");

  const AdminUnit* ha_noi = find_unit(1, "01");
  ASSERT_NE(ha_noi, nullptr);
  EXPECT_EQ(ha_noi->name, "Hà Nội");
  EXPECT_EQ(ha_noi->type, "Thành phố");
  EXPECT_EQ(ha_noi->province_code, "01");
}

TEST(AdminImport, NormalizesTypeWordCase) {
  // The statistics office lists 06325 as "xã Bắc Sơn".
  const AdminUnit* bac_son = find_unit(2, "06325");
  ASSERT_NE(bac_son, nullptr);
  EXPECT_EQ(bac_son->full_name, "Xã Bắc Sơn");
  EXPECT_EQ(bac_son->name, "Bắc Sơn");
}

TEST(BoundaryImport, AttachesBundledBoundaries) {
  int provinces = 0;
  int communes = 0;
  for (const AdminUnit& unit : bundled_data().units) {
    if (unit.boundary_wkb.empty()) {
      EXPECT_FALSE(unit.centroid.has_value()) << unit.code;
      continue;
    }
    EXPECT_TRUE(unit.centroid.has_value()) << unit.code;
    (unit.level == 1 ? provinces : communes) += 1;
  }
  EXPECT_EQ(provinces, 34);
  EXPECT_EQ(communes, 126 + 168);
}

TEST(BoundaryImport, CentroidLiesInItsUnit) {
  const Gazetteer& gazetteer = testing::bundled_gazetteer();
  for (const AdminUnit& unit : bundled_data().units) {
    if (!unit.centroid || unit.level != 2) continue;
    const Gazetteer::ReverseMatch match = gazetteer.reverse(unit.centroid->x, unit.centroid->y);
    ASSERT_NE(match.commune, nullptr) << unit.code;
    EXPECT_EQ(match.commune->code, unit.code);
  }
}

}  // namespace
}  // namespace bando::data

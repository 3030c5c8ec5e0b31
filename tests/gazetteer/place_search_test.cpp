#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/place_search.hpp"

namespace bando::data {
namespace {

using testing::bundled_gazetteer;

std::vector<PlaceMatch> search(const std::string& text, int level = 0, const std::string& date = "",
                               std::size_t limit = 10) {
  return bundled_gazetteer().search_places({text, level, date, limit});
}

TEST(SearchTokens, SplitsAbbreviationFromNumber) {
  EXPECT_EQ(search_tokens("p.13"), "p 13");
  EXPECT_EQ(search_tokens("p13"), "p 13");
  EXPECT_EQ(search_tokens("q.1"), "q 1");
}

TEST(SearchTokens, DropsLeadingZeros) {
  EXPECT_EQ(search_tokens("phuong 013"), "phuong 13");
  EXPECT_EQ(search_tokens("phuong 0"), "phuong 0");
}

TEST(SearchTokens, KeepsWordsWithDigits) { EXPECT_EQ(search_tokens("ab12"), "ab12"); }

TEST(PlaceSearch, HaNoiSpellingsFindSameProvince) {
  for (const char* text : {"ha noi", "HÀ NỘI", "Hà Nội", "  hà   nội "}) {
    const auto matches = search(text);
    ASSERT_FALSE(matches.empty()) << text;
    EXPECT_EQ(matches[0].unit->code, "01") << text;
    EXPECT_EQ(matches[0].unit->level, kProvinceLevel) << text;
    EXPECT_EQ(matches[0].unit->valid_to, "") << text;
  }
}

TEST(PlaceSearch, DiacriticQueryRanksExactFirst) {
  EXPECT_EQ(search("Hà Nội")[0].kind, MatchKind::exact_with_diacritics);
  EXPECT_EQ(search("ha noi")[0].kind, MatchKind::exact);
}

TEST(PlaceSearch, ExactDiacriticsBeatSameFoldedName) {
  const auto tri = search("Thạnh Trị", kCommuneLevel, "2025-07-01");
  ASSERT_GE(tri.size(), 2u);
  EXPECT_EQ(tri[0].unit->full_name, "Xã Thạnh Trị");
  const auto tri_2 = search("Thanh Trì", kCommuneLevel, "2025-07-01");
  ASSERT_GE(tri_2.size(), 2u);
  EXPECT_EQ(tri_2[0].unit->full_name, "Xã Thanh Trì");
}

TEST(PlaceSearch, TonePlacementVariantsMatchEqually) {
  const auto old_style = search("Hoà Bình", kCommuneLevel, "2025-07-01", 50);
  const auto new_style = search("Hòa Bình", kCommuneLevel, "2025-07-01", 50);
  ASSERT_FALSE(old_style.empty());
  ASSERT_EQ(old_style.size(), new_style.size());
  for (std::size_t i = 0; i < old_style.size(); ++i) {
    EXPECT_EQ(old_style[i].unit, new_style[i].unit) << i;
    EXPECT_EQ(old_style[i].kind, new_style[i].kind) << i;
  }
  EXPECT_EQ(old_style[0].kind, MatchKind::exact_with_diacritics);
}

TEST(PlaceSearch, MapsDToPlainD) {
  const auto matches = search("da nang", kProvinceLevel, "2025-07-01");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->full_name, "Thành phố Đà Nẵng");
}

TEST(PlaceSearch, TpHcmFindsHoChiMinhCity) {
  for (const char* text : {"tp hcm", "TP. HCM", "TPHCM", "Thành phố Hồ Chí Minh", "tp ho chi minh"}) {
    const auto matches = search(text);
    ASSERT_FALSE(matches.empty()) << text;
    EXPECT_EQ(matches[0].unit->full_name, "Thành phố Hồ Chí Minh") << text;
    EXPECT_EQ(matches[0].unit->valid_to, "") << text;
  }
}

TEST(PlaceSearch, AbbreviatedDistrictFindsQuan1) {
  const auto matches = search("Q.1", kDistrictLevel);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->full_name, "Quận 1");
  EXPECT_EQ(matches[0].unit->province_code, "79");
}

TEST(PlaceSearch, NumberedWardForms) {
  for (const char* text : {"P.13", "p13", "Phường 13", "phuong 013"}) {
    const auto matches = search(text, kCommuneLevel, "", 100);
    ASSERT_FALSE(matches.empty()) << text;
    for (const PlaceMatch& match : matches) {
      EXPECT_EQ(match.unit->full_name, "Phường 13") << text << " " << match.unit->code;
    }
  }
}

TEST(PlaceSearch, WardAbbreviationFindsFormerWard) {
  const auto matches = search("P. Bến Nghé");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->code, "26740");
  EXPECT_EQ(matches[0].unit->valid_to, "2025-06-30");
  const auto& successors = bundled_gazetteer().successors(*matches[0].unit);
  ASSERT_EQ(successors.size(), 1u);
  EXPECT_EQ(successors[0].unit->full_name, "Phường Sài Gòn");
}

TEST(PlaceSearch, TypeWordStillMatchesNamesStartingWithIt) {
  // Folded "quan" is both the type Quận and the start of Phường Quan Hoa.
  const auto matches = search("quan hoa", kCommuneLevel);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->name, "Quan Hoa");
}

TEST(PlaceSearch, PrefixAutocompletes) {
  const auto matches = search("ha no", kProvinceLevel, "2025-07-01");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->code, "01");
  EXPECT_EQ(matches[0].kind, MatchKind::prefix);
}

TEST(PlaceSearch, DateSelectsUnitSet) {
  const auto before = search("Hà Giang", kProvinceLevel, "2025-06-30");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].unit->valid_to, "2025-06-30");
  EXPECT_TRUE(search("Hà Giang", kProvinceLevel, "2025-07-01").empty());
}

TEST(PlaceSearch, LimitCapsResults) {
  EXPECT_EQ(search("phuong", 0, "", 3).size(), 3u);
}

TEST(PlaceSearch, BlankQueryFindsNothing) {
  EXPECT_TRUE(search("   ").empty());
  EXPECT_TRUE(search(".,").empty());
}

}  // namespace
}  // namespace bando::data

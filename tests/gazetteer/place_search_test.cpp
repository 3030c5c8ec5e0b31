#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/place_search.hpp"
#include "data/gazetteer/text.hpp"

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

TEST(PlaceSearch, NumberedNameHasNoDiacriticMatch) {
  // "q1" names Quận 1 exactly, but its name word "1" carries no diacritics.
  const auto matches = search("q1", kDistrictLevel);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].unit->full_name, "Quận 1");
  EXPECT_EQ(matches[0].kind, MatchKind::exact);
}

TEST(PlaceSearch, NamePrefixBeatsTypeWordPrefix) {
  // "x" starts the type word of every "Xã ..." but should find names starting with X.
  const auto matches = search("x", kCommuneLevel, "2025-07-01");
  ASSERT_FALSE(matches.empty());
  for (const PlaceMatch& match : matches) {
    EXPECT_EQ(match.unit->name.front(), 'X') << match.unit->full_name;
    EXPECT_EQ(match.kind, MatchKind::prefix) << match.unit->full_name;
  }
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

// True when `unit` is among `matches` with a kind at least as good as `worst`.
// Also true when `matches` is full and its last result is that good, because
// the limit may then have left the unit out. Units compare by code and
// valid_from, since the gazetteer stores its own copy of them.
bool found_or_crowded_out(const std::vector<PlaceMatch>& matches, const AdminUnit& unit, MatchKind worst,
                          std::size_t limit) {
  for (const PlaceMatch& match : matches) {
    if (match.unit->code == unit.code && match.unit->valid_from == unit.valid_from) return match.kind <= worst;
  }
  return matches.size() == limit && matches.back().kind <= worst;
}

// Date on which `unit` is in force, for restricting a search to its unit set.
std::string date_in_force(const AdminUnit& unit) { return unit.valid_to.empty() ? unit.valid_from : unit.valid_to; }

// Property: every unit, current or former, is found by its own name as an
// exact match, and by the last two words of a name of three or more words.
// This guards the word index that selects the units a query can match.
TEST(PlaceSearchProperty, EveryUnitFoundByItsName) {
  constexpr std::size_t kLimit = 100;
  const GazetteerData& data = testing::bundled_data();
  std::size_t exact_checked = 0;
  std::size_t word_checked = 0;
  for (const auto* units : {&data.units, &data.former_units}) {
    for (const AdminUnit& unit : *units) {
      const auto exact = search(unit.name, unit.level, date_in_force(unit), kLimit);
      ASSERT_TRUE(found_or_crowded_out(exact, unit, MatchKind::exact, kLimit)) << unit.code << " " << unit.name;
      ++exact_checked;

      const std::vector<std::string> words = [&] {
        std::vector<std::string> split;
        std::string word;
        for (char c : search_tokens(fold_for_search(unit.name)) + " ") {
          if (c != ' ') {
            word.push_back(c);
          } else if (!word.empty()) {
            split.push_back(std::move(word));
            word.clear();
          }
        }
        return split;
      }();
      if (words.size() < 3) continue;
      const std::string tail = words[words.size() - 2] + " " + words.back();
      const auto later = search(tail, unit.level, date_in_force(unit), kLimit);
      ASSERT_TRUE(found_or_crowded_out(later, unit, MatchKind::word_prefix, kLimit)) << unit.code << " " << tail;
      ++word_checked;
    }
  }
  // The bundled data has 3 355 current and 10 806 former units. Few names have three words.
  EXPECT_GT(exact_checked, 14000u);
  EXPECT_GT(word_checked, 100u);
}

TEST(PlaceSearch, BlankQueryFindsNothing) {
  EXPECT_TRUE(search("   ").empty());
  EXPECT_TRUE(search(".,").empty());
}

}  // namespace
}  // namespace bando::data

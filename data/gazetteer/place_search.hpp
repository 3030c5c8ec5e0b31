#pragma once
// Place-name search over current and former units: folding, type abbreviations, numbered units and ranking.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"

namespace bando::data {

struct PlaceQuery {
  std::string text;          // what the user typed, any case, with or without diacritics
  int level = 0;             // kProvinceLevel, kDistrictLevel, kCommuneLevel, or 0 for all
  std::string date;          // "YYYY-MM-DD": only units in force that day; "" for all units
  std::size_t limit = 10;
};

// How well a unit's name matched, best first.
enum class MatchKind {
  exact_with_diacritics,  // same letters and tones, tone placement and case aside
  exact,                  // same letters once diacritics are removed
  prefix,                 // the name starts with the query
  word_prefix,            // a later word of the name starts with the query
};

struct PlaceMatch {
  const AdminUnit* unit = nullptr;
  MatchKind kind = MatchKind::word_prefix;
};

// Returns `folded` (the output of fold_for_search) as search tokens joined by
// single spaces. Dots, commas and hyphens separate tokens, leading zeros of a
// number are dropped ("phuong 013" → "phuong 13"), and a type abbreviation
// glued to a number is split ("p13" → "p 13"). Thread-safe.
std::string search_tokens(std::string_view folded);

// An in-memory index of unit names. Matching ignores case, diacritics, đ/d and
// tone-mark placement. The query may start with a unit type or its
// abbreviation (Thành phố/TP, Tỉnh, Quận/Q, Huyện/H, Thị xã/TX, Thị trấn/TT,
// Phường/P, Xã/X, Đặc khu), which then restricts the unit type; because folded
// "quan" is also the start of names such as Quan Hoa, the query is also
// matched whole against names. "HCM" and "TPHCM" stand for Hồ Chí Minh.
// Results are ranked by MatchKind, then units in force before former units,
// then provinces, districts, communes, then shorter names, then code.
//
// Thread safety: search() may run on any number of threads at once.
class PlaceSearch {
 public:
  // Indexes `units`, which must outlive the index. Throws bando::Error
  // (invalid_argument) when a name is not valid UTF-8.
  explicit PlaceSearch(const std::vector<const AdminUnit*>& units);
  // The word index points into the entries' strings, so the object stays in place.
  PlaceSearch(const PlaceSearch&) = delete;
  PlaceSearch& operator=(const PlaceSearch&) = delete;

  // Returns at most `query.limit` matches, best first; an empty or blank query
  // returns none. Throws bando::Error (invalid_argument) when the text is not
  // valid UTF-8.
  std::vector<PlaceMatch> search(const PlaceQuery& query) const;

 private:
  struct Entry {
    const AdminUnit* unit;
    std::string name_key;   // search_tokens(fold(name))
    std::string full_key;   // search_tokens(fold(full_name))
    std::string type_key;   // fold(type)
    std::string name_tone;  // tone-placement key of the name, tokenised like name_key
    std::string full_tone;
  };

  // The rest of an entry's name_key or full_key from the start of one of its words on.
  struct WordStart {
    std::string_view rest;
    std::uint32_t entry;  // position in entries_
  };

  // Appends the positions of the entries with a word start that begins with `name`.
  void collect_candidates(std::string_view name, std::vector<std::uint32_t>& positions) const;

  std::vector<Entry> entries_;
  std::vector<WordStart> word_starts_;  // sorted by `rest`
};

}  // namespace bando::data

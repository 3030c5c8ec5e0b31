#include "data/gazetteer/place_search.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <tuple>
#include <utility>

#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

// Unit types and the ways users write them, folded. Two-word forms come first
// so that "thi xa" is not read as the abbreviation "thi" followed by "xa".
struct TypeForm {
  std::string_view written;
  std::string_view type_key;
};
constexpr std::array<TypeForm, 16> kTypeForms{{
    {"thanh pho", "thanh pho"}, {"thi xa", "thi xa"}, {"thi tran", "thi tran"}, {"dac khu", "dac khu"},
    {"tp", "thanh pho"},        {"tinh", "tinh"},     {"quan", "quan"},         {"q", "quan"},
    {"huyen", "huyen"},         {"h", "huyen"},       {"tx", "thi xa"},         {"tt", "thi tran"},
    {"phuong", "phuong"},       {"p", "phuong"},      {"xa", "xa"},             {"x", "xa"},
}};

// Abbreviations that may be glued to a number, as in "p13" or "q1".
bool is_number_prefix(std::string_view letters) {
  return letters == "p" || letters == "q" || letters == "x" || letters == "h";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t first) {
  std::string joined;
  for (std::size_t i = first; i < words.size(); ++i) {
    if (!joined.empty()) joined.push_back(' ');
    joined += words[i];
  }
  return joined;
}

// Returns the number of leading words that name a unit type, and that type's key.
std::pair<std::size_t, std::string_view> leading_type(const std::vector<std::string>& words) {
  for (const TypeForm& form : kTypeForms) {
    const std::vector<std::string> written = split_words(form.written);
    if (written.size() >= words.size()) continue;  // a type alone is not a place name
    if (std::equal(written.begin(), written.end(), words.begin())) return {written.size(), form.type_key};
  }
  return {0, {}};
}

// Expands the short forms of Hồ Chí Minh City.
std::string expand_alias(const std::string& words) {
  if (words == "hcm" || words == "tphcm") return "ho chi minh";
  return words;
}

// One reading of a query: an optional unit type and the name words.
struct Reading {
  std::string_view type_key;  // empty for any type
  std::string name;           // folded name words
  std::string name_tone;      // the same words with diacritics, or "" when they do not line up
};

std::vector<Reading> readings_of(std::string_view text) {
  std::vector<std::string> words = split_words(search_tokens(fold_for_search(text)));
  std::vector<std::string> tone_words = split_words(search_tokens(tone_placement_key(text)));
  if (words.size() == 1 && words.front() == "tphcm") {
    words = {"tp", "hcm"};
    tone_words = words;
  }
  const bool aligned = tone_words.size() == words.size();

  std::vector<Reading> readings;
  readings.push_back({{}, expand_alias(join_words(words, 0)), aligned ? join_words(tone_words, 0) : ""});
  const auto [type_words, type_key] = leading_type(words);
  if (type_words > 0) {
    readings.push_back({type_key, expand_alias(join_words(words, type_words)),
                        aligned ? join_words(tone_words, type_words) : ""});
  }
  return readings;
}

std::optional<MatchKind> match_key(std::string_view key, std::string_view name) {
  if (key == name) return MatchKind::exact;
  if (key.starts_with(name)) return MatchKind::prefix;
  for (std::size_t space = key.find(' '); space != std::string_view::npos; space = key.find(' ', space + 1)) {
    if (key.substr(space + 1).starts_with(name)) return MatchKind::word_prefix;
  }
  return std::nullopt;
}

// Returns the best match of any reading against one PlaceSearch entry, or
// nullopt. A template because the entry type is private to PlaceSearch.
template <typename Entry>
std::optional<MatchKind> best_match(const Entry& entry, const std::vector<Reading>& readings) {
  std::optional<MatchKind> best;
  for (const Reading& reading : readings) {
    std::optional<MatchKind> kind;
    if (reading.type_key.empty()) {
      // A reading without a type may name the unit with or without its type word.
      kind = match_key(entry.name_key, reading.name);
      std::optional<MatchKind> full = match_key(entry.full_key, reading.name);
      // "x" starts "xa hra" only through the type word, which does not describe
      // the name, so names that start with the query rank above it.
      if (full == MatchKind::prefix && reading.name.size() <= entry.type_key.size()) full = MatchKind::word_prefix;
      if (full && (!kind || *full < *kind)) kind = full;
    } else if (reading.type_key == entry.type_key) {
      kind = match_key(entry.name_key, reading.name);
    }
    // Only a query whose name words carry diacritics can match them: "q1" is
    // an exact match of "Quận 1", not one with diacritics.
    const bool has_diacritics = !reading.name_tone.empty() && reading.name_tone != reading.name;
    if (kind == MatchKind::exact && has_diacritics &&
        (reading.name_tone == entry.name_tone || reading.name_tone == entry.full_tone)) {
      kind = MatchKind::exact_with_diacritics;
    }
    if (kind && (!best || *kind < *best)) best = kind;
  }
  return best;
}

bool in_force_on(const AdminUnit& unit, const std::string& date) {
  if (date.empty()) return true;
  return (unit.valid_from.empty() || unit.valid_from <= date) && (unit.valid_to.empty() || date <= unit.valid_to);
}

int level_order(int level) {
  if (level == kProvinceLevel) return 0;
  return level == kDistrictLevel ? 1 : 2;
}

}  // namespace

std::string search_tokens(std::string_view folded) {
  std::string spaced;
  spaced.reserve(folded.size() + 4);
  for (char c : folded) spaced.push_back(c == '.' || c == ',' || c == '-' || c == '/' ? ' ' : c);

  std::vector<std::string> tokens;
  for (std::string& word : split_words(spaced)) {
    const auto digits = std::find_if(word.begin(), word.end(), is_digit);
    const bool glued = digits != word.begin() && digits != word.end() && std::all_of(digits, word.end(), is_digit) &&
                       is_number_prefix(std::string_view(word.data(), static_cast<std::size_t>(digits - word.begin())));
    if (glued) {
      tokens.emplace_back(word.begin(), digits);
      word.erase(word.begin(), digits);
    }
    if (!word.empty() && std::all_of(word.begin(), word.end(), is_digit)) {
      const std::size_t nonzero = word.find_first_not_of('0');
      word = nonzero == std::string::npos ? "0" : word.substr(nonzero);
    }
    tokens.push_back(std::move(word));
  }
  return join_words(tokens, 0);
}

PlaceSearch::PlaceSearch(const std::vector<const AdminUnit*>& units) {
  entries_.reserve(units.size());
  for (const AdminUnit* unit : units) {
    entries_.push_back({unit, search_tokens(fold_for_search(unit->name)), search_tokens(fold_for_search(unit->full_name)),
                        fold_for_search(unit->type), search_tokens(tone_placement_key(unit->name)),
                        search_tokens(tone_placement_key(unit->full_name))});
  }

  // Every match of match_key() begins at a word start of name_key or full_key,
  // so this sorted list finds all entries that can match a query.
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    for (const std::string* key : {&entries_[i].name_key, &entries_[i].full_key}) {
      const std::string_view text(*key);
      for (std::size_t start = 0; start < text.size(); start = text.find(' ', start) + 1) {
        word_starts_.push_back({text.substr(start), static_cast<std::uint32_t>(i)});
        if (text.find(' ', start) == std::string_view::npos) break;
      }
    }
  }
  std::sort(word_starts_.begin(), word_starts_.end(),
            [](const WordStart& a, const WordStart& b) { return a.rest < b.rest; });
}

void PlaceSearch::collect_candidates(std::string_view name, std::vector<std::uint32_t>& positions) const {
  auto start = std::lower_bound(word_starts_.begin(), word_starts_.end(), name,
                                [](const WordStart& word, std::string_view text) { return word.rest < text; });
  for (; start != word_starts_.end() && start->rest.starts_with(name); ++start) positions.push_back(start->entry);
}

std::vector<PlaceMatch> PlaceSearch::search(const PlaceQuery& query) const {
  const std::vector<Reading> readings = readings_of(query.text);
  if (readings.front().name.empty() || query.limit == 0) return {};

  std::vector<std::uint32_t> candidates;
  for (const Reading& reading : readings) collect_candidates(reading.name, candidates);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<PlaceMatch> matches;
  for (const std::uint32_t position : candidates) {
    const Entry& entry = entries_[position];
    const AdminUnit& unit = *entry.unit;
    if (query.level != 0 && unit.level != query.level) continue;
    if (!in_force_on(unit, query.date)) continue;
    if (const auto kind = best_match(entry, readings)) matches.push_back({entry.unit, *kind});
  }

  const auto rank = [](const PlaceMatch& match) {
    const AdminUnit& unit = *match.unit;
    return std::make_tuple(match.kind, !unit.valid_to.empty(), level_order(unit.level), unit.full_name.size(),
                           std::string_view(unit.code), std::string_view(unit.valid_from));
  };
  const std::size_t count = std::min(query.limit, matches.size());
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(count), matches.end(),
                    [&](const PlaceMatch& a, const PlaceMatch& b) { return rank(a) < rank(b); });
  matches.resize(count);
  return matches;
}

}  // namespace bando::data

#pragma once
// Vietnamese text normalization: NFC for storage, folded keys for search and matching.

#include <string>
#include <string_view>

namespace bando::data {

// Returns `utf8` in Unicode normalization form C, the form bando stores.
// Thread-safe. Throws bando::Error (invalid_argument) when `utf8` is not valid UTF-8.
std::string to_nfc(std::string_view utf8);

// Returns the search key of `utf8`: NFD, combining marks removed, đ/Đ mapped to
// "d" (they have no decomposition), case-folded, typographic quotes and spaces
// mapped to ASCII (utf8proc LUMP), and whitespace runs squeezed to one space
// with none at either end. "Thành phố Hồ Chí Minh" folds to "thanh pho ho chi minh".
// Thread-safe. Throws bando::Error (invalid_argument) on invalid UTF-8.
std::string fold_for_search(std::string_view utf8);

// Returns a key that keeps every diacritic but ignores where a word's tone mark
// sits, so the old and new spellings "hòa"/"hoà", "thủy"/"thuỷ" and
// "khỏe"/"khoẻ" get the same key while "hòa" and "hóa" stay different. The key
// is case-folded, lumped like fold_for_search and squeezed, and it is not meant
// for display. Thread-safe. Throws bando::Error (invalid_argument) on invalid UTF-8.
std::string tone_placement_key(std::string_view utf8);

}  // namespace bando::data

#include "data/gazetteer/text.hpp"

#include <cstdlib>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <utf8proc.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* bytes) const noexcept { std::free(bytes); }
};

[[noreturn]] void throw_invalid_utf8(std::string_view utf8, utf8proc_ssize_t code) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("invalid UTF-8 text ({}): '{}'", utf8proc_errmsg(code), utf8),
               fmt::format("văn bản UTF-8 không hợp lệ ({}): '{}'", utf8proc_errmsg(code), utf8)});
}

// Runs utf8proc_map with `options` and returns the result as a string.
std::string map_utf8(std::string_view utf8, int options) {
  if (utf8.empty()) return {};
  utf8proc_uint8_t* output = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &output,
                   static_cast<utf8proc_option_t>(options));
  if (length < 0) throw_invalid_utf8(utf8, length);
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(output);
  return std::string(reinterpret_cast<const char*>(output), static_cast<std::size_t>(length));
}

// Decomposes `utf8` into code points with `options` (which must include a
// decomposition or composition flag).
std::vector<utf8proc_int32_t> decompose(std::string_view utf8, int options) {
  if (utf8.empty()) return {};
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto size = static_cast<utf8proc_ssize_t>(utf8.size());
  const auto flags = static_cast<utf8proc_option_t>(options);

  // The first call measures; the second fills the buffer.
  utf8proc_ssize_t count = utf8proc_decompose(bytes, size, nullptr, 0, flags);
  if (count < 0) throw_invalid_utf8(utf8, count);
  std::vector<utf8proc_int32_t> code_points(static_cast<std::size_t>(count));
  count = utf8proc_decompose(bytes, size, code_points.data(), count, flags);
  if (count < 0) throw_invalid_utf8(utf8, count);
  code_points.resize(static_cast<std::size_t>(count));
  return code_points;
}

bool is_space(utf8proc_int32_t code_point) {
  return code_point == ' ' || code_point == '\t' || code_point == '\n' || code_point == '\r' ||
         code_point == '\v' || code_point == '\f';
}

// The five Vietnamese tone marks as combining characters: grave (huyền),
// acute (sắc), tilde (ngã), hook above (hỏi) and dot below (nặng).
bool is_tone_mark(utf8proc_int32_t code_point) {
  return code_point == 0x0300 || code_point == 0x0301 || code_point == 0x0303 ||
         code_point == 0x0309 || code_point == 0x0323;
}

void append_code_point(std::string& output, utf8proc_int32_t code_point) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t length = utf8proc_encode_char(code_point, buffer);
  output.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// Squeezes runs of ASCII whitespace to one space and trims both ends.
std::string squeeze_spaces(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      pending_space = !result.empty();
      continue;
    }
    if (pending_space) result.push_back(' ');
    pending_space = false;
    result.push_back(c);
  }
  return result;
}

}  // namespace

std::string to_nfc(std::string_view utf8) {
  return map_utf8(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string fold_for_search(std::string_view utf8) {
  const std::string stripped = map_utf8(
      utf8, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_LUMP);

  // Case folding has already turned Đ (U+0110) into đ (U+0111), encoded C4 91.
  std::string ascii_d;
  ascii_d.reserve(stripped.size());
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    if (stripped[i] == '\xC4' && i + 1 < stripped.size() && stripped[i + 1] == '\x91') {
      ascii_d.push_back('d');
      ++i;
    } else {
      ascii_d.push_back(stripped[i]);
    }
  }
  return squeeze_spaces(ascii_d);
}

std::string tone_placement_key(std::string_view utf8) {
  const std::vector<utf8proc_int32_t> code_points =
      decompose(utf8, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_LUMP);

  // Each word's tone marks move to the end of the word, so their position
  // among the vowels no longer matters. Other marks (circumflex, breve, horn)
  // stay on their letters because they change the vowel itself.
  std::string key;
  std::vector<utf8proc_int32_t> tones;
  auto end_word = [&] {
    for (utf8proc_int32_t tone : tones) append_code_point(key, tone);
    tones.clear();
  };
  for (utf8proc_int32_t code_point : code_points) {
    if (is_space(code_point)) {
      end_word();
      key.push_back(' ');
    } else if (is_tone_mark(code_point)) {
      tones.push_back(code_point);
    } else {
      append_code_point(key, code_point);
    }
  }
  end_word();
  return squeeze_spaces(key);
}

}  // namespace bando::data

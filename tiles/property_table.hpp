#pragma once
// The key and value tables of one MVT layer, filled from features' JSON properties.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bando::tiles {

// Deduplicated keys and values of one layer. Values are stored as encoded
// Tile.Value messages, so equal bytes mean an equal value of the same type.
class PropertyTable {
 public:
  // Parses `properties_json`, a JSON object, and appends one (key index, value
  // index) pair per member to `tags`, adding new keys and values to the tables.
  // Value types map as follows:
  // - string -> string_value;
  // - integer in [0, 2^63) -> int_value, negative integer -> sint_value (zigzag,
  //   so small negatives stay short), integer in [2^63, 2^64) -> uint_value;
  // - any other number (with a fraction, an exponent or beyond 2^64) -> double_value;
  // - true/false -> bool_value;
  // - null -> no tag;
  // - array or object -> string_value holding its compact JSON text.
  // A key repeated within the object keeps its first value. An empty string adds no tags.
  // Throws bando::Error (internal) when the text is not a JSON object, because
  // the store writes only objects; tags appended before the error stay in `tags`.
  void append_tags(std::string_view properties_json, std::vector<std::uint32_t>& tags);

  const std::vector<std::string>& keys() const noexcept { return keys_; }
  // Each distinct value as the bytes of an encoded Tile.Value message.
  const std::vector<std::string>& values() const noexcept { return values_; }

  // Index of `key`, added to the table when new.
  std::uint32_t key_index(std::string_view key);
  // Index of the encoded Tile.Value `value`, added to the table when new.
  std::uint32_t value_index(std::string_view encoded_value);

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  using IndexMap = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

  std::vector<std::string> keys_;
  std::vector<std::string> values_;
  IndexMap key_indexes_;
  IndexMap value_indexes_;

  // Scratch buffers reused across features: the current key, the encoded value
  // and the JSON text of a nested array or object.
  std::string key_scratch_;
  std::string value_scratch_;
  std::string json_scratch_;

  friend class PropertyJsonHandler;
};

}  // namespace bando::tiles

#pragma once
// A minimal MVT 2.1 decoder for tests, written against the specification rather than the encoder.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tiles/tile_geometry.hpp"

namespace bando::tiles::testing {

struct DecodedValue {
  enum class Type { string, float_value, double_value, int_value, uint_value, sint_value, bool_value };
  Type type = Type::string;
  std::string string_value;
  double double_value = 0;
  std::int64_t int_value = 0;  // int_value and sint_value
  std::uint64_t uint_value = 0;
  bool bool_value = false;
};

struct DecodedFeature {
  std::optional<std::uint64_t> id;
  std::vector<std::uint32_t> tags;
  std::uint32_t type = 0;
  std::vector<std::uint32_t> geometry;
};

struct DecodedLayer {
  std::uint32_t version = 1;  // the schema default when the field is absent
  std::string name;
  std::uint32_t extent = 4096;
  std::vector<std::string> keys;
  std::vector<DecodedValue> values;
  std::vector<DecodedFeature> features;
};

// Decodes every layer of an uncompressed tile. Throws protozero exceptions on malformed bytes.
std::vector<DecodedLayer> decode_tile(const std::string& tile);

// One MoveTo and what follows it, in absolute tile coordinates.
struct DecodedPart {
  std::vector<TilePoint> points;
  bool closed = false;  // a ClosePath ended the part
};

// Decodes a command stream. Each MoveTo starts a new part, and a MoveTo with a
// count above 1 (multipoints) puts all its points in one part. Throws std::runtime_error
// on an unknown command or a truncated parameter list.
std::vector<DecodedPart> decode_commands(const std::vector<std::uint32_t>& commands);

// Twice the signed area by the surveyor's formula. Positive means clockwise in y-down coordinates.
std::int64_t twice_signed_area(const std::vector<TilePoint>& ring);

}  // namespace bando::tiles::testing

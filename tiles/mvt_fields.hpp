#pragma once
// Protocol Buffers field numbers of the MVT 2.1 schema (vector_tile.proto).

#include <protozero/types.hpp>

namespace bando::tiles::mvt {

// message Tile
inline constexpr protozero::pbf_tag_type kTileLayers = 3;

// message Tile.Layer
inline constexpr protozero::pbf_tag_type kLayerName = 1;
inline constexpr protozero::pbf_tag_type kLayerFeatures = 2;
inline constexpr protozero::pbf_tag_type kLayerKeys = 3;
inline constexpr protozero::pbf_tag_type kLayerValues = 4;
inline constexpr protozero::pbf_tag_type kLayerExtent = 5;
inline constexpr protozero::pbf_tag_type kLayerVersion = 15;

// message Tile.Feature
inline constexpr protozero::pbf_tag_type kFeatureId = 1;
inline constexpr protozero::pbf_tag_type kFeatureTags = 2;
inline constexpr protozero::pbf_tag_type kFeatureType = 3;
inline constexpr protozero::pbf_tag_type kFeatureGeometry = 4;

// message Tile.Value
inline constexpr protozero::pbf_tag_type kValueString = 1;
inline constexpr protozero::pbf_tag_type kValueFloat = 2;
inline constexpr protozero::pbf_tag_type kValueDouble = 3;
inline constexpr protozero::pbf_tag_type kValueInt = 4;
inline constexpr protozero::pbf_tag_type kValueUint = 5;
inline constexpr protozero::pbf_tag_type kValueSint = 6;
inline constexpr protozero::pbf_tag_type kValueBool = 7;

// Geometry command ids (MVT 2.1 section 4.3.3).
inline constexpr std::uint32_t kCommandMoveTo = 1;
inline constexpr std::uint32_t kCommandLineTo = 2;
inline constexpr std::uint32_t kCommandClosePath = 7;

// The specification version this encoder writes.
inline constexpr std::uint32_t kVersion = 2;

}  // namespace bando::tiles::mvt

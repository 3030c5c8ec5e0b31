#pragma once
// Encoding of 2D WKB as a SpatiaLite geometry BLOB, so ingest can write the
// stored form directly instead of calling GeomFromWKB() once per row.

#include <cstdint>
#include <span>
#include <vector>

#include "geo/box.hpp"

namespace bando::data {

// Appends the SpatiaLite BLOB of `wkb` to `out` and returns its MBR. The layout
// follows SpatiaLite's "BLOB-Geometry" format: a header with the SRID and MBR,
// the class type, the WKB body with 0x69 before each collection member, and
// 0xFE at the end, all little-endian. SpatiaLite cannot nest collections, so a
// GeometryCollection member that is itself a collection is stored as its parts.
// Accepts either WKB byte order. Throws bando::Error (invalid_argument) on
// truncated WKB, a Z or M type, a coordinate that is not finite, or an empty
// geometry, and then leaves `out` as it was.
geo::Box append_spatialite_blob(std::span<const std::uint8_t> wkb, std::int32_t srid, std::vector<std::uint8_t>& out);

}  // namespace bando::data

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

namespace bando::data {

// Converts a SpatiaLite geometry BLOB of a 2D, uncompressed, little-endian
// geometry (what bando's ingest and GeomFromWKB() store) into little-endian
// WKB in `wkb`, replacing its contents. Returns false for any other BLOB:
// malformed, big-endian, compressed, or with Z or M coordinates.
bool spatialite_blob_to_wkb(std::span<const std::uint8_t> blob, std::vector<std::uint8_t>& wkb);

}  // namespace bando::data

#pragma once
// Per-thread GEOS contexts (reentrant C API) and RAII ownership of GEOS geometries.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <geos_c.h>

namespace bando::geo {

// This thread's GEOS context, created on first use and destroyed when the thread
// exits. GEOS notices and errors are stored, never thrown from the callback,
// because an exception must not cross GEOS's C frames.
GEOSContextHandle_t geos_context();

// The last error GEOS reported on this thread, or "" if none.
std::string geos_last_error();

struct GeosGeometryDeleter {
  void operator()(GEOSGeometry* geometry) const noexcept;
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
  void operator()(const GEOSPreparedGeometry* prepared) const noexcept;
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

// Takes ownership of a geometry a GEOS call returned. Throws bando::Error
// (internal) with GEOS's message and `operation` when `geometry` is null.
GeosGeometryPtr check_geos(GEOSGeometry* geometry, const char* operation);

// Parses WKB (any byte order, 2D or 3D). Throws bando::Error (invalid_argument).
GeosGeometryPtr geos_from_wkb(std::span<const std::uint8_t> wkb);

// Writes 2D little-endian ISO WKB.
std::vector<std::uint8_t> geos_to_wkb(const GEOSGeometry& geometry);

// Writes WKT with up to `decimals` digits after the point, for messages and tests.
std::string geos_to_wkt(const GEOSGeometry& geometry, int decimals = 6);

// Parses WKT. Throws bando::Error (invalid_argument) naming the text.
GeosGeometryPtr geos_from_wkt(const std::string& wkt);

}  // namespace bando::geo

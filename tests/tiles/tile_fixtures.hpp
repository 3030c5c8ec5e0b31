#pragma once
// Test helpers: features written in tile units, GEOS checks of decoded polygons and GDAL reading of tiles.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gdal_priv.h>

#include "data/store.hpp"
#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"
#include "mvt_decoder.hpp"

namespace bando::tiles::testing {

// Parses `wkt` whose coordinates are tile units of `tile` (x east, y south from
// the north-west corner) and returns it as EPSG:3857 WKB.
std::vector<std::uint8_t> wkb_from_tile_wkt(const std::string& wkt, const geo::TileId& tile,
                                            std::uint32_t extent = 4096);

// A record that views `wkb` and `properties_json`, so both must outlive it.
data::FeatureRecord make_record(std::int64_t id, const std::vector<std::uint8_t>& wkb,
                                std::string_view properties_json = "{}");

// Builds a GEOS multipolygon in tile coordinates from decoded rings: a ring with
// positive area (clockwise) starts a polygon and a ring with negative area is a
// hole of the polygon before it. Throws std::runtime_error when a hole comes first.
geo::GeosGeometryPtr polygons_from_parts(const std::vector<DecodedPart>& parts);

// Converts lon/lat WKB (degrees) to an EPSG:3857 GEOS geometry.
geo::GeosGeometryPtr mercator_from_lonlat_wkb(const std::vector<std::uint8_t>& lonlat_wkb);

// The tile at zoom `z` that contains the point (degrees).
geo::TileId tile_containing(double lon, double lat, std::uint32_t z);

// GEOSisValid_r, with GEOS's reason on failure for test messages.
bool is_valid_geometry(const GEOSGeometry& geometry, std::string& reason);

// A tile written to /vsimem as z/x/y.pbf and opened with GDAL's MVT driver, so
// GDAL reports EPSG:3857 coordinates. `clip` sets the driver's CLIP open option.
class GdalTile {
 public:
  GdalTile(const std::string& bytes, const geo::TileId& tile, bool clip = true);
  ~GdalTile();
  GdalTile(const GdalTile&) = delete;
  GdalTile& operator=(const GdalTile&) = delete;

  // Null when GDAL could not open the tile.
  GDALDataset* dataset() const noexcept { return dataset_.get(); }

 private:
  std::string bytes_;
  std::string path_;
  GDALDatasetUniquePtr dataset_;
};

}  // namespace bando::tiles::testing

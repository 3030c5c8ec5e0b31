#pragma once
// A store with two small published polygons, seeded into archives by the archive tests.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "geo/tile_math.hpp"

namespace bando::tiles::testing {

// A 4-degree square over southern Viet Nam and Cambodia and a small island
// polygon in Hoàng Sa. At zoom 8 the square covers several whole tiles, whose
// contents are identical and must be stored once.
inline constexpr const char* kPolygonsGeojson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Vuông","code":7},
 "geometry":{"type":"Polygon","coordinates":[[[104,10],[108,10],[108,14],[104,14],[104,10]]]}},
{"type":"Feature","properties":{"name":"Hoàng Sa","code":8},
 "geometry":{"type":"Polygon","coordinates":[[[112.2,16.4],[112.4,16.4],[112.4,16.6],[112.2,16.6],[112.2,16.4]]]}}
]})";

// The tile at zoom z that contains the Hoàng Sa polygon's centre (112.3, 16.5).
inline geo::TileId island_tile(std::uint32_t z) {
  const double n = static_cast<double>(std::uint32_t{1} << z);
  const double x = (geo::lon_to_mercator_x(112.3) + geo::kMercatorHalfExtent) / (2 * geo::kMercatorHalfExtent) * n;
  const double y = (geo::kMercatorHalfExtent - geo::lat_to_mercator_y(16.5)) / (2 * geo::kMercatorHalfExtent) * n;
  return {z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

// A temporary folder with a store holding the dataset "polygons", built once per suite.
class ArchiveFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = std::filesystem::temp_directory_path() / ("bando_archive_" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    const auto geojson = folder_ / "polygons.geojson";
    std::ofstream(geojson) << kPolygonsGeojson;
    store_ = std::make_unique<data::SqliteStore>((folder_ / "store.sqlite").string());
    data::DatasetMetadata metadata;
    metadata.id = "polygons";
    metadata.title = "Test polygons";
    metadata.publisher = "bando tests";
    metadata.license = "CC0-1.0";
    data::IngestOptions options;
    options.path = geojson.string();
    data::ingest_file(*store_, metadata, options);
  }

  static void TearDownTestSuite() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  static std::filesystem::path folder_;
  static std::unique_ptr<data::SqliteStore> store_;
};

}  // namespace bando::tiles::testing

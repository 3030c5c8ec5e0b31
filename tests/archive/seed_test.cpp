// bando seed into MBTiles and PMTiles, read back by GDAL's MBTiles driver and bando's readers.

#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "archive_fixture.hpp"
#include "geo/error.hpp"
#include "tiles/archive/gzip.hpp"
#include "tiles/archive/mbtiles.hpp"
#include "tiles/archive/pmtiles.hpp"
#include "tiles/seed.hpp"

namespace bando::tiles::testing {
namespace {

struct GdalCloser {
  void operator()(GDALDatasetH dataset) const noexcept { GDALClose(dataset); }
};
struct FeatureDestroyer {
  void operator()(OGRFeatureH feature) const noexcept { OGR_F_Destroy(feature); }
};
struct Sqlite3Closer {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};

class Seed : public ArchiveFixture {
 protected:
  SeedReport seed(archive::ArchiveFormat format, const std::string& file, int max_zoom = 8,
                  std::size_t max_tile_bytes = kDefaultMaxTileBytes) {
    SeedOptions options;
    options.max_tile_bytes = max_tile_bytes;
    options.collections = {"polygons"};
    options.min_zoom = 0;
    options.max_zoom = max_zoom;
    options.format = format;
    options.output = folder_ / file;
    options.show_progress = false;
    return seed_archive(*store_, options);
  }

  // The sum of the uncompressed sizes of every tile in an MBTiles file.
  static std::size_t total_tile_bytes(const std::filesystem::path& path) {
    sqlite3* raw = nullptr;
    sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, Sqlite3Closer> db(raw);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT tile_data FROM tiles", -1, &statement, nullptr) != SQLITE_OK) return 0;
    std::size_t total = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, 0));
      const std::string compressed(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
      total += archive::gzip_decompress(compressed, 1 << 20).size();
    }
    sqlite3_finalize(statement);
    return total;
  }

  // The text of one single-value SQL query on an MBTiles file.
  static std::string query_text(const std::filesystem::path& path, const std::string& sql) {
    sqlite3* raw = nullptr;
    sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, Sqlite3Closer> db(raw);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return "prepare failed";
    std::string text = "no row";
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* value = sqlite3_column_text(statement, 0);
      text = value ? reinterpret_cast<const char*>(value) : "NULL";
    }
    sqlite3_finalize(statement);
    return text;
  }
};

TEST_F(Seed, MbtilesMetadataFollowsSpecification) {
  seed(archive::ArchiveFormat::mbtiles, "metadata.mbtiles");
  const auto path = folder_ / "metadata.mbtiles";
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'format'"), "pbf");
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'name'"), "polygons");
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'minzoom'"), "0");
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'maxzoom'"), "8");
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'bounds'"),
            "104.0000000,10.0000000,112.4000000,16.6000000");
  EXPECT_EQ(query_text(path, "SELECT value FROM metadata WHERE name = 'center'"), "108.2000000,13.3000000,0");
  EXPECT_NE(query_text(path, "SELECT value FROM metadata WHERE name = 'json'").find("\"id\":\"polygons\""),
            std::string::npos);
}

TEST_F(Seed, MbtilesStoresTmsRowsGzipped) {
  seed(archive::ArchiveFormat::mbtiles, "rows.mbtiles");
  const geo::TileId tile = island_tile(8);
  const std::string tms_row = std::to_string((1 << 8) - 1 - static_cast<int>(tile.y));
  const std::string sql = "SELECT hex(substr(tile_data, 1, 2)) FROM tiles WHERE zoom_level = 8 AND tile_column = " +
                          std::to_string(tile.x) + " AND tile_row = " + tms_row;
  EXPECT_EQ(query_text(folder_ / "rows.mbtiles", sql), "1F8B");
}

TEST_F(Seed, MbtilesDeduplicatesIdenticalTiles) {
  const SeedReport report = seed(archive::ArchiveFormat::mbtiles, "dedup.mbtiles");
  const auto path = folder_ / "dedup.mbtiles";
  const int map_rows = std::stoi(query_text(path, "SELECT count(*) FROM map"));
  const int images = std::stoi(query_text(path, "SELECT count(*) FROM images"));
  EXPECT_EQ(static_cast<std::uint64_t>(map_rows), report.tiles_written);
  EXPECT_EQ(static_cast<std::uint64_t>(images), report.unique_contents);
  EXPECT_LT(images, map_rows);
}

TEST_F(Seed, SizeBudgetDropsSmallestFeatures) {
  const SeedReport full = seed(archive::ArchiveFormat::mbtiles, "full.mbtiles", 6);
  EXPECT_EQ(full.tiles_over_budget, 0u);
  EXPECT_EQ(full.dropped_features, 0u);

  // Under a 1-byte budget a tile keeps only its largest feature, so tiles that
  // show both polygons lose the smaller one and no tile becomes empty.
  const SeedReport trimmed = seed(archive::ArchiveFormat::mbtiles, "budget.mbtiles", 6, 1);
  EXPECT_GT(trimmed.tiles_over_budget, 0u);
  EXPECT_EQ(trimmed.dropped_features, trimmed.tiles_over_budget);
  EXPECT_EQ(trimmed.tiles_written, full.tiles_written);
  EXPECT_LT(total_tile_bytes(folder_ / "budget.mbtiles"), total_tile_bytes(folder_ / "full.mbtiles"));
}

TEST_F(Seed, GdalReadsKnownTileFromMbtiles) {
  seed(archive::ArchiveFormat::mbtiles, "gdal.mbtiles");
  GDALAllRegister();
  const char* open_options[] = {"ZOOM_LEVEL=8", nullptr};
  const std::unique_ptr<void, GdalCloser> dataset(
      GDALOpenEx((folder_ / "gdal.mbtiles").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
  ASSERT_NE(dataset, nullptr) << CPLGetLastErrorMsg();
  EXPECT_STREQ(GDALGetDriverShortName(GDALGetDatasetDriver(dataset.get())), "MBTiles");
  OGRLayerH layer = GDALDatasetGetLayerByName(dataset.get(), "polygons");
  ASSERT_NE(layer, nullptr);

  // Features around the island's centre, in the layer's EPSG:3857 coordinates.
  const double x = geo::lon_to_mercator_x(112.3), y = geo::lat_to_mercator_y(16.5);
  OGR_L_SetSpatialFilterRect(layer, x - 100, y - 100, x + 100, y + 100);
  OGR_L_ResetReading(layer);
  const std::unique_ptr<void, FeatureDestroyer> feature(OGR_L_GetNextFeature(layer));
  ASSERT_NE(feature, nullptr);
  const int name_index = OGR_F_GetFieldIndex(feature.get(), "name");
  ASSERT_GE(name_index, 0);
  EXPECT_STREQ(OGR_F_GetFieldAsString(feature.get(), name_index), "Hoàng Sa");
  const int code_index = OGR_F_GetFieldIndex(feature.get(), "code");
  ASSERT_GE(code_index, 0);
  EXPECT_EQ(OGR_F_GetFieldAsInteger(feature.get(), code_index), 8);
  OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
  ASSERT_NE(geometry, nullptr);
  EXPECT_EQ(wkbFlatten(OGR_G_GetGeometryType(geometry)), wkbPolygon);
}

TEST_F(Seed, PmtilesAndMbtilesHoldSameTiles) {
  const SeedReport mb = seed(archive::ArchiveFormat::mbtiles, "same.mbtiles");
  const SeedReport pm = seed(archive::ArchiveFormat::pmtiles, "same.pmtiles");
  EXPECT_EQ(mb.tiles_written, pm.tiles_written);
  const auto mbtiles = archive::open_archive(folder_ / "same.mbtiles");
  const auto pmtiles = archive::open_archive(folder_ / "same.pmtiles");
  int compared = 0;
  for (std::uint32_t z = 0; z <= 8; ++z) {
    const geo::TileId tile = island_tile(z);
    const auto a = mbtiles->read_tile(tile);
    const auto b = pmtiles->read_tile(tile);
    ASSERT_TRUE(a.has_value()) << geo::to_string(tile);
    ASSERT_TRUE(b.has_value()) << geo::to_string(tile);
    EXPECT_EQ(archive::gzip_decompress(*a, 1 << 24), archive::gzip_decompress(*b, 1 << 24)) << geo::to_string(tile);
    ++compared;
  }
  EXPECT_EQ(compared, 9);
  EXPECT_FALSE(pmtiles->read_tile({8, 0, 0}).has_value());
}

TEST_F(Seed, PmtilesHeaderCountsDeduplication) {
  const SeedReport report = seed(archive::ArchiveFormat::pmtiles, "counts.pmtiles");
  const archive::PmtilesReader reader(folder_ / "counts.pmtiles");
  EXPECT_EQ(reader.header().addressed_tiles, report.tiles_written);
  EXPECT_EQ(reader.header().tile_contents, report.unique_contents);
  EXPECT_LT(reader.header().tile_entries, reader.header().addressed_tiles);
  EXPECT_TRUE(reader.header().clustered);
  EXPECT_EQ(reader.header().tile_compression, archive::pmtiles::gzip);
  EXPECT_EQ(reader.metadata().max_zoom, 8);
  EXPECT_NE(reader.metadata().vector_layers_json.find("\"polygons\""), std::string::npos);
}

TEST_F(Seed, UnknownCollectionLeavesNoFile) {
  SeedOptions options;
  options.collections = {"polygons", "missing"};
  options.max_zoom = 3;
  options.output = folder_ / "failed" / "out.mbtiles";
  options.show_progress = false;
  std::filesystem::create_directories(folder_ / "failed");
  try {
    seed_archive(*store_, options);
    FAIL() << "seed_archive accepted an unknown collection";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::not_found);
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos);
  }
  EXPECT_TRUE(std::filesystem::is_empty(folder_ / "failed"));
}

TEST_F(Seed, FailureDuringSeedLeavesNoFile) {
  SeedOptions options;
  options.collections = {"polygons"};
  options.max_zoom = 4;
  // Renaming onto a non-empty folder fails after every tile was written.
  options.output = folder_ / "occupied";
  options.show_progress = false;
  std::filesystem::create_directories(folder_ / "occupied" / "child");
  EXPECT_THROW(seed_archive(*store_, options), Error);
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder_))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) ++leftovers;
  EXPECT_EQ(leftovers, 0u);
}

TEST_F(Seed, RejectsInvertedZoomRange) {
  SeedOptions options;
  options.collections = {"polygons"};
  options.min_zoom = 6;
  options.max_zoom = 5;
  options.output = folder_ / "inverted.mbtiles";
  EXPECT_THROW(seed_archive(*store_, options), Error);
  EXPECT_FALSE(std::filesystem::exists(options.output));
}

TEST(PmtilesWriter, SplitsLargeDirectoryIntoLeaves) {
  const auto path = std::filesystem::temp_directory_path() / ("bando_leaves_" + std::to_string(::getpid()) + ".pmtiles");
  std::map<std::uint32_t, std::string> expected;
  {
    archive::PmtilesWriter writer(path);
    // Every tile of zoom 8 with distinct contents whose lengths vary, so the
    // compressed directory of 65 536 entries cannot fit in the first 16 KiB.
    std::mt19937 random(42);
    std::uniform_int_distribution<std::size_t> padding(0, 250);
    for (std::uint32_t x = 0; x < 256; ++x) {
      for (std::uint32_t y = 0; y < 256; ++y) {
        std::string bytes = std::to_string(x) + "/" + std::to_string(y) + ":";
        for (std::size_t i = padding(random); i > 0; --i) bytes.push_back(static_cast<char>('a' + random() % 26));
        writer.add_tile({8, x, y}, bytes, archive::content_key(bytes));
        if ((x * 131 + y) % 97 == 0) expected[x * 256 + y] = bytes;
      }
    }
    archive::ArchiveMetadata metadata;
    metadata.min_zoom = 8;
    metadata.max_zoom = 8;
    metadata.bounds_lonlat = {-180, -85, 180, 85};
    writer.finish(metadata);
  }
  const archive::PmtilesReader reader(path);
  EXPECT_GT(reader.header().leaves_length, 0u);
  EXPECT_LE(reader.header().root_offset + reader.header().root_length, archive::pmtiles::kRootLimit);
  EXPECT_EQ(reader.header().addressed_tiles, 256u * 256u);
  for (const auto& [key, bytes] : expected) {
    const geo::TileId tile{8, key / 256, key % 256};
    const auto read = reader.read_tile(tile);
    ASSERT_TRUE(read.has_value()) << geo::to_string(tile);
    EXPECT_EQ(*read, bytes) << geo::to_string(tile);
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace bando::tiles::testing

#include "tiles/seed.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "geo/error.hpp"
#include "tiles/archive/gzip.hpp"
#include "tiles/seed_progress.hpp"
#include "tiles/seed_tile.hpp"

namespace bando::tiles {
namespace {

// Zooms with at most this many tiles meeting the extents render in one batch.
constexpr std::size_t kDirectTileLimit = 1024;

Error invalid(const std::string& en, const std::string& vi) { return Error(ErrorKind::invalid_argument, {en, vi}); }

std::vector<data::DatasetInfo> resolve_datasets(const data::Store& store, const SeedOptions& options) {
  if (options.collections.empty()) throw invalid("seed needs at least one collection", "cần ít nhất một bộ dữ liệu");
  std::vector<data::DatasetInfo> datasets;
  for (const auto& id : options.collections) {
    for (const auto& seen : datasets) {
      if (seen.metadata.id == id) {
        throw invalid(fmt::format("collection '{}' is listed twice", id), fmt::format("bộ dữ liệu '{}' bị liệt kê hai lần", id));
      }
    }
    auto dataset = store.find_dataset(id);
    if (!dataset) {
      throw Error(ErrorKind::not_found, {fmt::format("collection '{}' not found in the store", id),
                                         fmt::format("không tìm thấy bộ dữ liệu '{}' trong kho", id)});
    }
    datasets.push_back(std::move(*dataset));
  }
  return datasets;
}

void validate_zooms(const SeedOptions& options) {
  const int max = static_cast<int>(geo::kMaxZoom);
  if (options.min_zoom < 0 || options.max_zoom > max || options.min_zoom > options.max_zoom) {
    throw invalid(fmt::format("invalid zoom range {}..{}: expected 0 <= minzoom <= maxzoom <= {}", options.min_zoom,
                              options.max_zoom, max),
                  fmt::format("khoảng zoom {}..{} không hợp lệ: cần 0 <= minzoom <= maxzoom <= {}", options.min_zoom,
                              options.max_zoom, max));
  }
}

double buffer_metres(std::uint32_t z, const TileOptions& options) {
  return 2 * geo::kMercatorHalfExtent / static_cast<double>(std::uint64_t{1} << z) * options.buffer / options.extent;
}

// Every tile at zoom z whose buffered bounds meet one of `extents` (EPSG:3857).
std::vector<geo::TileId> tiles_meeting(const std::vector<geo::Box>& extents, std::uint32_t z, const TileOptions& options) {
  const std::uint32_t n = std::uint32_t{1} << z;
  const double tile_size = 2 * geo::kMercatorHalfExtent / n;
  const double margin = buffer_metres(z, options);
  const auto column = [&](double x) {
    return static_cast<std::uint32_t>(std::clamp(std::floor((x + geo::kMercatorHalfExtent) / tile_size), 0.0, n - 1.0));
  };
  const auto row = [&](double y) {
    return static_cast<std::uint32_t>(std::clamp(std::floor((geo::kMercatorHalfExtent - y) / tile_size), 0.0, n - 1.0));
  };
  std::vector<geo::TileId> tiles;
  for (const auto& extent : extents) {
    for (std::uint32_t y = row(extent.max_y + margin); y <= row(extent.min_y - margin); ++y)
      for (std::uint32_t x = column(extent.min_x - margin); x <= column(extent.max_x + margin); ++x) tiles.push_back({z, x, y});
  }
  std::sort(tiles.begin(), tiles.end(), [](const auto& a, const auto& b) { return std::tie(a.y, a.x) < std::tie(b.y, b.x); });
  tiles.erase(std::unique(tiles.begin(), tiles.end()), tiles.end());
  return tiles;
}

std::string vector_layers_json(const std::vector<data::DatasetInfo>& datasets, const SeedOptions& options) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const auto& dataset : datasets) {
    writer.StartObject();
    writer.Key("id");
    writer.String(dataset.metadata.id.c_str());
    writer.Key("description");
    writer.String(dataset.metadata.title.c_str());
    writer.Key("minzoom");
    writer.Int(std::max(options.min_zoom, dataset.metadata.min_zoom));
    writer.Key("maxzoom");
    writer.Int(options.max_zoom);
    writer.Key("fields");
    writer.StartObject();
    for (const auto& field : dataset.fields) {
      writer.Key(field.name.c_str());
      writer.String(field.type == data::FieldType::string ? "String"
                    : field.type == data::FieldType::boolean ? "Boolean" : "Number");
    }
    writer.EndObject();
    writer.EndObject();
  }
  writer.EndArray();
  return buffer.GetString();
}

archive::ArchiveMetadata archive_metadata(const std::vector<data::DatasetInfo>& datasets, const SeedOptions& options) {
  archive::ArchiveMetadata metadata;
  for (const auto& dataset : datasets) {
    const auto& m = dataset.metadata;
    metadata.name += (metadata.name.empty() ? "" : ",") + m.id;
    metadata.description += (metadata.description.empty() ? "" : "; ") + m.title;
    const std::string part = m.publisher.empty() ? m.license : fmt::format("{} ({})", m.publisher, m.license);
    if (!part.empty() && metadata.attribution.find(part) == std::string::npos)
      metadata.attribution += (metadata.attribution.empty() ? "" : "; ") + part;
    metadata.bounds_lonlat.expand(dataset.extent_lonlat);
  }
  if (metadata.bounds_lonlat.empty())
    metadata.bounds_lonlat = {-180, -geo::kMercatorMaxLatitude, 180, geo::kMercatorMaxLatitude};
  metadata.min_zoom = options.min_zoom;
  metadata.max_zoom = options.max_zoom;
  metadata.center_zoom = options.min_zoom;
  metadata.vector_layers_json = vector_layers_json(datasets, options);
  return metadata;
}

// Shared state of the workers rendering one seed.
struct SeedRun {
  const data::Store& store;
  const std::vector<data::DatasetInfo>& datasets;
  const SeedOptions& options;
  archive::ArchiveWriter& writer;
  SeedProgress* progress;
  SeedReport& report;
  std::mutex writer_mutex;  // guards writer, report and stored
  std::unordered_set<archive::ContentKey, archive::ContentKeyHash> stored;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
};

// Renders `tiles` on `thread_count` threads. live[i] is 1 when some feature met tile i.
std::vector<char> render_zoom(SeedRun& run, const std::vector<geo::TileId>& tiles, unsigned thread_count) {
  std::vector<char> live(tiles.size(), 0);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    try {
      for (std::size_t i = next++; i < tiles.size() && !run.failed; i = next++) {
        const SeedTile tile = build_seed_tile(run.store, run.datasets, tiles[i], run.options.tile_options,
                                              run.options.max_tile_bytes);
        live[i] = tile.has_features ? 1 : 0;
        if (!tile.mvt.empty()) {
          const std::string compressed = archive::gzip_compress(tile.mvt);
          const archive::ContentKey key = archive::content_key(compressed);
          std::lock_guard lock(run.writer_mutex);
          run.writer.add_tile(tiles[i], compressed, key);
          ++run.report.tiles_written;
          if (tile.dropped_features > 0) {
            ++run.report.tiles_over_budget;
            run.report.dropped_features += tile.dropped_features;
          }
          if (run.stored.insert(key).second) {
            ++run.report.unique_contents;
            run.report.stored_bytes += compressed.size();
          }
        }
        if (run.progress) run.progress->tile_done(tile.has_features);
      }
    } catch (...) {
      std::lock_guard lock(run.writer_mutex);
      if (!run.failure) run.failure = std::current_exception();
      run.failed = true;
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < thread_count; ++i) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (run.failure) std::rethrow_exception(run.failure);
  return live;
}

// The tiles to render after a zoom or a batch: the children of the live tiles
// of its deepest zoom, which comes last.
std::vector<geo::TileId> next_zoom_tiles(const std::vector<geo::TileId>& tiles, const std::vector<char>& live) {
  std::vector<geo::TileId> children;
  const std::uint32_t deepest = tiles.empty() ? 0 : tiles.back().z;
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    if (!live[i] || tiles[i].z != deepest) continue;
    const auto& t = tiles[i];
    for (std::uint32_t dy = 0; dy < 2; ++dy)
      for (std::uint32_t dx = 0; dx < 2; ++dx) children.push_back({t.z + 1, 2 * t.x + dx, 2 * t.y + dy});
  }
  return children;
}

// Keeps tiles live where a dataset that starts at a deeper zoom has data,
// because its features were not scanned at this zoom.
void mark_deeper_datasets_live(const std::vector<data::DatasetInfo>& datasets, const std::vector<geo::TileId>& tiles,
                               std::vector<char>& live, const TileOptions& options) {
  for (const auto& dataset : datasets) {
    if (dataset.extent_lonlat.empty()) continue;
    const geo::Box extent = geo::lonlat_to_mercator(dataset.extent_lonlat);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
      if (dataset.metadata.min_zoom <= static_cast<int>(tiles[i].z)) continue;
      if (geo::tile_bounds(tiles[i]).buffered(buffer_metres(tiles[i].z, options)).intersects(extent)) live[i] = 1;
    }
  }
}

std::filesystem::path temporary_path(const std::filesystem::path& output) {
  return output.parent_path() / fmt::format(".{}.tmp-{}", output.filename().string(), ::getpid());
}

}  // namespace

SeedReport seed_archive(const data::Store& store, const SeedOptions& options) {
  validate_zooms(options);
  const std::vector<data::DatasetInfo> datasets = resolve_datasets(store, options);
  const auto started = std::chrono::steady_clock::now();
  const unsigned thread_count = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  std::vector<geo::Box> extents;
  for (const auto& dataset : datasets)
    if (!dataset.extent_lonlat.empty()) extents.push_back(geo::lonlat_to_mercator(dataset.extent_lonlat));

  const std::filesystem::path temporary = temporary_path(options.output);
  SeedReport report;
  try {
    auto writer = archive::make_archive_writer(options.format, temporary);
    std::unique_ptr<SeedProgress> progress;
    if (options.show_progress) progress = std::make_unique<SeedProgress>(stderr, options.max_zoom);
    SeedRun run{store, datasets, options, *writer, progress.get(), report, {}, {}, {}, {}};

    // Low zooms have few, heavy tiles, so rendering them zoom by zoom would
    // leave threads idle. The zooms with at most kDirectTileLimit tiles meeting
    // the extents render together in one batch. Deeper zooms render one at a
    // time, from the children of the live tiles above.
    std::vector<geo::TileId> tiles;
    int z = options.min_zoom;
    for (; z <= options.max_zoom; ++z) {
      const auto level = tiles_meeting(extents, static_cast<std::uint32_t>(z), options.tile_options);
      if (z > options.min_zoom && level.size() > kDirectTileLimit) break;
      tiles.insert(tiles.end(), level.begin(), level.end());
    }
    for (--z; z <= options.max_zoom && !tiles.empty(); ++z) {
      if (progress) progress->start_zoom(z, tiles.size());
      std::vector<char> live = render_zoom(run, tiles, thread_count);
      report.tiles_built += tiles.size();
      if (z == options.max_zoom) break;
      mark_deeper_datasets_live(datasets, tiles, live, options.tile_options);
      tiles = next_zoom_tiles(tiles, live);
    }
    if (progress) progress->stop();
    writer->finish(archive_metadata(datasets, options));
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }

  std::error_code ec;
  std::filesystem::rename(temporary, options.output, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(temporary, ec);
    throw Error(ErrorKind::unavailable, {fmt::format("cannot move the archive to '{}': {}", options.output.string(), reason),
                                         fmt::format("không chuyển được tệp lưu trữ tới '{}': {}", options.output.string(), reason)});
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace bando::tiles

// bando seed: renders collections over a zoom range into an MBTiles or PMTiles archive.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "data/sqlite_store.hpp"
#include "geo/error.hpp"
#include "server/commands/commands.hpp"
#include "tiles/seed.hpp"

namespace bando::server {
namespace {

struct SeedCommandOptions {
  std::vector<std::string> arguments;  // COLLECTION... OUT
  int min_zoom = 0;
  int max_zoom = 14;
  std::string format;
  unsigned threads = 0;
  std::size_t max_tile_kb = 500;
  bool quiet = false;
};

tiles::archive::ArchiveFormat resolve_format(const std::string& format, const std::filesystem::path& output) {
  std::string name = format;
  if (name.empty()) {
    name = output.extension().string();
    if (!name.empty()) name.erase(0, 1);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  if (name == "mbtiles") return tiles::archive::ArchiveFormat::mbtiles;
  if (name == "pmtiles") return tiles::archive::ArchiveFormat::pmtiles;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("cannot tell the archive format of '{}': pass --format mbtiles or --format pmtiles", output.string()),
               fmt::format("không xác định được định dạng của '{}': dùng --format mbtiles hoặc --format pmtiles", output.string())});
}

int run_seed(const SeedCommandOptions& options, const CommonOptions& common) {
  if (options.arguments.size() < 2) {
    throw Error(ErrorKind::invalid_argument, {"bando seed needs at least one COLLECTION and the OUT file",
                                              "bando seed cần ít nhất một COLLECTION và tệp OUT"});
  }
  if (!std::filesystem::is_regular_file(common.store_path)) {
    throw Error(ErrorKind::unavailable, {fmt::format("store '{}' not found; pass --store PATH", common.store_path),
                                         fmt::format("không tìm thấy kho '{}'; dùng --store ĐƯỜNG_DẪN", common.store_path)});
  }
  tiles::SeedOptions seed;
  seed.collections.assign(options.arguments.begin(), options.arguments.end() - 1);
  seed.output = options.arguments.back();
  seed.min_zoom = options.min_zoom;
  seed.max_zoom = options.max_zoom;
  seed.format = resolve_format(options.format, seed.output);
  seed.threads = options.threads;
  seed.show_progress = !options.quiet;
  seed.max_tile_bytes = options.max_tile_kb * 1024;

  const data::SqliteStore store(common.store_path);
  spdlog::info("seeding {} into {} ({}), zoom {} to {}", fmt::join(seed.collections, ","), seed.output.string(),
               tiles::archive::to_string(seed.format), seed.min_zoom, seed.max_zoom);
  const tiles::SeedReport report = tiles::seed_archive(store, seed);
  spdlog::info("wrote {}: {} tiles rendered, {} non-empty, {} distinct contents ({} bytes gzip) in {:.2f} s",
               seed.output.string(), report.tiles_built, report.tiles_written, report.unique_contents,
               report.stored_bytes, report.seconds);
  if (report.tiles_over_budget > 0) {
    spdlog::warn("{} tiles exceeded the {} KiB budget and dropped {} of their smallest features",
                 report.tiles_over_budget, options.max_tile_kb, report.dropped_features);
  }
  return 0;
}

}  // namespace

std::function<int()> add_seed_command(CLI::App& app, CommonOptions& common) {
  auto options = std::make_shared<SeedCommandOptions>();
  CLI::App* command = app.add_subcommand("seed", "Render collections into an MBTiles 1.3 or PMTiles v3 archive");
  command->add_option("COLLECTION... OUT", options->arguments,
                      "Collection ids, one layer each, then the archive file to write")
      ->required()
      ->expected(2, -1);
  command->add_option("--minzoom", options->min_zoom, "First zoom level to render")
      ->capture_default_str()
      ->check(CLI::Range(0, 24));
  command->add_option("--maxzoom", options->max_zoom, "Last zoom level to render")
      ->capture_default_str()
      ->check(CLI::Range(0, 24));
  command->add_option("--format", options->format, "mbtiles or pmtiles; default: from the OUT extension")
      ->check(CLI::IsMember({"mbtiles", "pmtiles"}));
  command->add_option("--threads", options->threads, "Rendering threads; default: one per hardware thread")
      ->check(CLI::Range(0, 256));
  command->add_option("--max-tile-kb", options->max_tile_kb,
                      "Size budget of one uncompressed tile, in KiB; larger tiles lose their smallest features")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  command->add_flag("--quiet", options->quiet, "Hide the progress line");
  add_store_option(*command, common);
  return [command, options, &common] { return command->parsed() ? run_seed(*options, common) : -1; };
}

}  // namespace bando::server

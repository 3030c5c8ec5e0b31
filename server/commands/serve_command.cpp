// bando serve: publishes the bundled data into an empty store, then serves HTTP until SIGINT or SIGTERM.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/bundled_catalog.hpp"
#include "data/gazetteer/gazetteer.hpp"
#include "data/gazetteer/gazetteer_store.hpp"
#include "data/gazetteer/import.hpp"
#include "data/sqlite_store.hpp"
#include "server/app.hpp"
#include "server/auth.hpp"
#include "server/commands/commands.hpp"
#include "server/handlers/temp_folder.hpp"
#include "server/handlers/handlers.hpp"
#include "server/http_server.hpp"

namespace bando::server {
namespace {

namespace asio = boost::asio;

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string web_root = BANDO_DEFAULT_WEB_ROOT;
  std::size_t max_body_bytes = 1024 * 1024;
  std::vector<std::string> archives;  // NAME=PATH of MBTiles or PMTiles files to serve
  std::size_t max_upload_bytes = 256 * 1024 * 1024;
  double writes_per_minute = 30;
  int write_burst = 10;
  int versions_kept = data::SqliteStore::kVersionsKept;
  std::string upload_dir = std::filesystem::temp_directory_path().string();
  std::size_t tile_cache_mb = 256;
  std::string tile_cache_file;  // empty: "<store>-tiles.sqlite"
  bool no_tile_cache_file = false;
  bool no_access_log = false;
  std::size_t max_tile_kb = 500;
  std::int64_t items_max_limit = 10'000;
  int read_timeout_s = 30;
  int write_timeout_s = 60;
};

void publish_bundled(data::SqliteStore& store, const std::string& bundled_dir) {
  data::publish_missing_bundled(store, bundled_dir, [](const data::IngestReport& report) {
    spdlog::info("loaded bundled dataset '{}': read {}, written {}, repaired {}, rejected {}",
                 report.dataset.metadata.id, report.read, report.written, report.repaired, report.rejected);
    for (const auto& rejection : report.rejections) {
      spdlog::warn("bundled dataset '{}' rejected feature {}: {}", report.dataset.metadata.id,
                   rejection.feature_id, rejection.reason);
    }
  });
}

// Loads the gazetteer tables, importing them from the bundled files on first start.
data::GazetteerData load_or_import_gazetteer(data::SqliteStore& store, const std::string& bundled_dir) {
  return store.with_writer([&](data::SqliteConnection& db) {
    if (data::has_gazetteer(db)) return data::load_gazetteer(db);
    data::GazetteerData imported = data::import_gazetteer(bundled_dir);
    data::save_gazetteer(db, imported);
    spdlog::info("imported {} administrative units; {} source rows reported, see table import_issues",
                 imported.units.size(), imported.issues.size());
    return imported;
  });
}

std::string url_of(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  return address.is_v6() ? fmt::format("http://[{}]:{}", address.to_string(), endpoint.port())
                         : fmt::format("http://{}:{}", address.to_string(), endpoint.port());
}

// Removes what uploads and downloads of killed servers left behind.
void remove_stale_folders(const std::string& upload_dir) {
  const int uploads = remove_stale_temp_folders(upload_dir, "upload");
  const int downloads = remove_stale_temp_folders(std::filesystem::temp_directory_path(), "download");
  if (uploads + downloads > 0) {
    spdlog::warn("removed {} upload and {} download folders left by stopped bando processes", uploads, downloads);
  }
}

int run_serve(const ServeOptions& options, const CommonOptions& common) {
  spdlog::info("opening store '{}'", common.store_path);
  data::SqliteStore store(prepare_store_path(common.store_path));
  publish_bundled(store, common.bundled_dir);
  const data::Gazetteer gazetteer(load_or_import_gazetteer(store, common.bundled_dir));

  tiles::TileServiceOptions tile_options;
  tile_options.memory_cache_bytes = options.tile_cache_mb << 20;
  tile_options.max_tile_bytes = options.max_tile_kb * 1024;
  if (!options.no_tile_cache_file) {
    tile_options.disk_cache_path =
        options.tile_cache_file.empty() ? common.store_path + "-tiles.sqlite" : options.tile_cache_file;
  }
  set_tile_service_options(tile_options);
  spdlog::info("tile cache: {} MiB in memory, file {}", options.tile_cache_mb,
               tile_options.disk_cache_path.empty() ? "disabled" : tile_options.disk_cache_path);
  store.set_versions_kept(options.versions_kept);
  remove_stale_folders(options.upload_dir);
  RateLimiter rate_limiter(options.writes_per_minute, options.write_burst);
  const WriteAccess writes{store, rate_limiter, options.upload_dir};
  const tiles::archive::ArchiveSet archives = open_served_archives(options.archives);
  if (!archives.empty()) set_served_archives(&archives);
  const AppContext app{store, gazetteer, options.web_root, &writes, options.items_max_limit};
  Router router = build_router(app);
  router.set_access_log(!options.no_access_log);
  ServerLimits limits;
  limits.max_body_bytes = options.max_body_bytes;
  limits.max_upload_bytes = options.max_upload_bytes;
  limits.read_timeout = std::chrono::seconds(options.read_timeout_s);
  limits.write_timeout = std::chrono::seconds(options.write_timeout_s);

  const int thread_count =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  // One io_context per thread: the acceptor lives on the first, and each
  // connection stays on the context it was accepted into.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::io_context*> session_contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  for (int i = 0; i < thread_count; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    session_contexts.push_back(contexts.back().get());
    keep_running.push_back(asio::make_work_guard(*contexts.back()));
  }
  asio::io_context& io = *contexts.front();
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options.bind),
                                         static_cast<unsigned short>(options.port));
  HttpServer server(io, endpoint, [&router](Request& request) { return router.handle_streaming(request); }, limits,
                    session_contexts);
  server.start();
  spdlog::info("listening on {} with {} threads", url_of(server.local_endpoint()), thread_count);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, shutting down", signal);
    server.stop();
    for (auto& context : contexts) context->stop();
  });

  std::vector<std::thread> workers;
  for (int i = 1; i < thread_count; ++i) workers.emplace_back([&contexts, i] { contexts[i]->run(); });
  io.run();
  for (auto& worker : workers) worker.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

std::function<int()> add_serve_command(CLI::App& app, CommonOptions& common) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve tiles, features, postcodes and the map viewer over HTTP");
  command->add_option("--bind", options->bind, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->port, "TCP port; 0 picks a free port")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  command->add_option("--threads", options->threads, "I/O threads; default: one per core, at least 2")
      ->check(CLI::Range(0, 256));
  command->add_option("--web-root", options->web_root, "Folder holding the viewer (index.html)")
      ->capture_default_str();
  command->add_option("--max-body-bytes", options->max_body_bytes, "Largest request body accepted, in bytes")
      ->capture_default_str();
  command->add_option("--tile-cache-mb", options->tile_cache_mb, "Memory for cached tiles, in MiB; 0 disables it")
      ->capture_default_str();
  command->add_option("--tile-cache-file", options->tile_cache_file,
                      "SQLite file of the persistent tile cache; default: the store path + \"-tiles.sqlite\"");
  command->add_flag("--no-tile-cache-file", options->no_tile_cache_file, "Keep no persistent tile cache");
  command->add_flag("--no-access-log", options->no_access_log,
                    "Log no line per request; errors and warnings are still logged");
  command->add_option("--max-tile-kb", options->max_tile_kb,
                      "Size budget of one uncompressed tile, in KiB; larger tiles lose their smallest features")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  command->add_option("--read-timeout", options->read_timeout_s,
                      "Seconds a client has to send a whole request, and an idle connection stays open")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  command->add_option("--write-timeout", options->write_timeout_s,
                      "Seconds a client has to read a whole response, or one part of a streamed one")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  command->add_option("--max-upload-bytes", options->max_upload_bytes,
                      "Largest upload accepted by POST and PUT /datasets, in bytes; held in memory while read")
      ->capture_default_str();
  command->add_option("--writes-per-minute", options->writes_per_minute,
                      "Write requests allowed per API key and minute, after the burst")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--write-burst", options->write_burst, "Write requests an API key may send at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  command->add_option("--items-max-limit", options->items_max_limit,
                      "Largest number of features one /collections/{id}/items page returns; larger limits are clamped")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
  command->add_option("--versions-kept", options->versions_kept, "Versions of each dataset kept after a publish")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  command->add_option("--upload-dir", options->upload_dir, "Folder for uploads while they are ingested")
      ->capture_default_str();
  command->add_option("--archive", options->archives,
                      "Serve an MBTiles or PMTiles file at /archives/NAME/{z}/{x}/{y}.mvt, as NAME=PATH; repeatable");
  command->add_option("--bundled", common.bundled_dir, "Folder of the bundled data published on first start")
      ->capture_default_str();
  add_store_option(*command, common);
  return [command, options, &common] { return command->parsed() ? run_serve(*options, common) : -1; };
}

}  // namespace bando::server

// The crash test: `bando publish` killed with SIGKILL at many points leaves a
// consistent store that still serves the previous version.

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "data/api_keys.hpp"
#include "data/sqlite_schema.hpp"
#include "data/sqlite_store.hpp"
#include "publish_test_support.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace bando {
namespace {

using bando::testing::TempDir;
using namespace std::chrono_literals;

constexpr int kPoints = 200'000;
constexpr int kKills = 10;

// Runs `bando publish` to completion and returns its exit status.
int publish_to_end(const std::string& file, const std::string& store) {
  const std::string command =
      fmt::format("'{}' publish '{}' --id pts --store '{}' > /dev/null 2>&1", BANDO_EXECUTABLE, file, store);
  return std::system(command.c_str());
}

std::string integrity_check(data::SqliteConnection& db) {
  auto statement = db.prepare("PRAGMA integrity_check");
  statement.step();
  return std::string(statement.column_text(0));
}

// Checks that every catalog row names a stored version whose table contains
// feature_count rows, and that no feature table is left without a version row.
void expect_catalog_consistent(data::SqliteConnection& db) {
  auto rows = db.prepare(
      "SELECT d.id, d.version, d.feature_count, v.key FROM datasets d "
      "LEFT JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.version");
  while (rows.step()) {
    const std::string id(rows.column_text(0));
    ASSERT_FALSE(rows.is_null(3)) << "dataset " << id << " has no row for its version " << rows.column_int(1);
    auto count = db.prepare(fmt::format("SELECT count(*) FROM {}", data::feature_table_name(rows.column_int(3))));
    count.step();
    EXPECT_EQ(count.column_int(0), rows.column_int(2)) << "dataset " << id;
  }
  auto orphans = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'features_[0-9]*' "
      "AND CAST(substr(name, 10) AS INTEGER) NOT IN (SELECT key FROM dataset_versions)");
  while (orphans.step()) ADD_FAILURE() << "feature table without a version row: " << orphans.column_text(0);
}

TEST(CrashTest, KilledPublishKeepsPreviousVersion) {
  TempDir dir;
  const std::string store_path = dir.file("store.sqlite");
  const std::string big = dir.file("big.geojson");
  bando::testing::write_point_geojson(big, kPoints);

  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(publish_to_end(big, store_path), 0);
  const auto full_publish = std::chrono::steady_clock::now() - started;
  std::int64_t expected_version = 1;

  std::mt19937 random(20261204);
  const auto longest = std::chrono::duration_cast<std::chrono::milliseconds>(full_publish * 6 / 5);
  std::uniform_int_distribution<std::int64_t> delay_ms(0, longest.count());
  int killed = 0;
  for (int attempt = 0; attempt < kKills; ++attempt) {
    const std::chrono::milliseconds delay(delay_ms(random));
    std::optional<int> status;
    {
      server::testing::ServerProcess publish(BANDO_EXECUTABLE,
                                             {"publish", big, "--id", "pts", "--store", store_path});
      std::this_thread::sleep_for(delay);
      status = publish.stop(SIGKILL, 30s);
    }
    ASSERT_TRUE(status.has_value()) << "attempt " << attempt;
    const bool finished = WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
    if (finished) ++expected_version;
    if (WIFSIGNALED(*status)) ++killed;

    data::SqliteStore store(store_path);
    store.with_writer([&](data::SqliteConnection& db) {
      EXPECT_EQ(integrity_check(db), "ok") << "after a kill at " << delay.count() << " ms";
      expect_catalog_consistent(db);
    });
    const auto info = store.find_dataset("pts");
    ASSERT_TRUE(info.has_value()) << "after a kill at " << delay.count() << " ms";
    if (finished) {
      EXPECT_EQ(info->version, expected_version) << "after a publish that exited normally";
    } else {
      // A kill between COMMIT and process exit leaves the new version in place,
      // which is also consistent; any other version number is not.
      EXPECT_TRUE(info->version == expected_version || info->version == expected_version + 1)
          << "version " << info->version << " after a kill at " << delay.count() << " ms";
      expected_version = info->version;
    }
    EXPECT_EQ(store.count_features("pts", data::FeatureQuery{}), kPoints);
  }
  // Most kills must land while publishing, or the test proves nothing.
  EXPECT_GE(killed, kKills / 2) << "a full publish took "
                                << std::chrono::duration_cast<std::chrono::milliseconds>(full_publish).count()
                                << " ms";
}


constexpr int kUploadPoints = 30'000;
constexpr int kServerKills = 4;
constexpr const char* kBoundary = "bando-crash-5e2a";

std::string multipart_upload(const std::string& id, const std::string& file_content) {
  return fmt::format(
      "--{0}\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n{1}\r\n"
      "--{0}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"points.geojson\"\r\n\r\n{2}\r\n"
      "--{0}--\r\n",
      kBoundary, id, file_content);
}

// Sends one upload and returns its status, or 0 when the connection broke.
int send_upload(unsigned short port, server::http::verb method, const std::string& target, const std::string& key,
                const std::string& body) {
  try {
    server::testing::HttpClient client(port, 120s);
    server::Request request{method, target, 11};
    request.set(server::http::field::authorization, "Bearer " + key);
    request.set(server::http::field::content_type, fmt::format("multipart/form-data; boundary={}", kBoundary));
    request.body() = body;
    const auto exchange = client.exchange(std::move(request));
    if (exchange.read_error) return 0;
    return exchange.response.result_int();
  } catch (const std::exception&) {
    return 0;
  }
}

class ServedStore {
 public:
  explicit ServedStore(const TempDir& dir)
      : process_(BANDO_EXECUTABLE, {"serve", "--port", "0", "--bind", "127.0.0.1", "--store", dir.file("store.sqlite"),
                                    "--bundled", BANDO_BUNDLED_DIR, "--upload-dir", dir.file("uploads"),
                                    "--no-tile-cache-file"}) {
    port_ = process_.wait_for_port("listening on http://127.0.0.1:", 300s);
  }
  std::optional<int> port() const { return port_; }
  server::testing::ServerProcess& process() { return process_; }

 private:
  server::testing::ServerProcess process_;
  std::optional<int> port_;
};

TEST(CrashTest, KilledServerDuringUploadKeepsPreviousVersion) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "uploads");
  std::string key;
  {
    data::SqliteStore store(dir.file("store.sqlite"));
    store.with_writer([&](data::SqliteConnection& db) { key = data::create_api_key(db, "Sở Thử nghiệm").token; });
  }
  const std::string file = dir.file("points.geojson");
  bando::testing::write_point_geojson(file, kUploadPoints);
  const std::string body = multipart_upload("pts", bando::testing::read_text(file));

  std::chrono::steady_clock::duration full_upload{};
  {
    ServedStore served(dir);
    ASSERT_TRUE(served.port().has_value()) << served.process().log();
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(send_upload(static_cast<unsigned short>(*served.port()), server::http::verb::post, "/datasets", key, body), 201);
    full_upload = std::chrono::steady_clock::now() - started;
    served.process().stop(SIGTERM, 30s);
  }

  std::mt19937 random(20261205);
  const auto longest = std::chrono::duration_cast<std::chrono::milliseconds>(full_upload * 6 / 5);
  std::uniform_int_distribution<std::int64_t> delay_ms(0, longest.count());
  std::int64_t expected_version = 1;
  int interrupted = 0;
  for (int attempt = 0; attempt < kServerKills; ++attempt) {
    const std::chrono::milliseconds delay(delay_ms(random));
    int status = -1;
    {
      ServedStore served(dir);
      ASSERT_TRUE(served.port().has_value()) << served.process().log();
      std::thread upload([&] {
        status = send_upload(static_cast<unsigned short>(*served.port()), server::http::verb::put, "/datasets/pts", key, body);
      });
      std::this_thread::sleep_for(delay);
      served.process().stop(SIGKILL, 30s);
      upload.join();
    }
    if (status == 200) ++expected_version;
    if (status == 0) ++interrupted;

    data::SqliteStore store(dir.file("store.sqlite"));
    store.with_writer([&](data::SqliteConnection& db) {
      EXPECT_EQ(integrity_check(db), "ok") << "after a kill at " << delay.count() << " ms";
      expect_catalog_consistent(db);
    });
    const auto info = store.find_dataset("pts");
    ASSERT_TRUE(info.has_value()) << "after a kill at " << delay.count() << " ms";
    // A kill after COMMIT but before the response leaves the new version, which is also consistent.
    EXPECT_TRUE(info->version == expected_version || info->version == expected_version + 1)
        << "version " << info->version << " after a kill at " << delay.count() << " ms, status " << status;
    expected_version = info->version;
    EXPECT_EQ(info->feature_count, kUploadPoints);
  }

  // Most kills must land while the request is handled, or the test proves nothing.
  EXPECT_GE(interrupted, kServerKills / 2)
      << "a full upload took " << std::chrono::duration_cast<std::chrono::milliseconds>(full_upload).count() << " ms";

  ServedStore restarted(dir);
  ASSERT_TRUE(restarted.port().has_value()) << restarted.process().log();
  const server::testing::HttpClient client(static_cast<unsigned short>(*restarted.port()));
  const auto items = client.get("/collections/pts/items?limit=1");
  EXPECT_EQ(items.result_int(), 200);
  EXPECT_NE(items.body().find(fmt::format("\"numberMatched\":{}", kUploadPoints)), std::string::npos)
      << items.body().substr(0, 300);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "uploads")) << "a killed upload left files behind";
  restarted.process().stop(SIGTERM, 30s);
}

}  // namespace
}  // namespace bando

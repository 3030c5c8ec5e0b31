// Paging through next links while `bando publish` writes new versions of the same collection.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "data/sqlite_store.hpp"
#include "http_client.hpp"
#include "http_fixture.hpp"
#include "query_http_support.hpp"
#include "server_process.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPlantsFile = BANDO_BUNDLED_DIR "/datasets/legocity_opendata/vn_hydropower_plants_thuydien.geojson";
constexpr std::chrono::seconds kStartTimeout{300};

// Its own server and store, because the test writes new versions into the store.
class RepublishPaging : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bando_republish_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store_ = (dir_ / "bando.sqlite").string();
    server_ = std::make_unique<ServerProcess>(
        BANDO_EXECUTABLE, std::vector<std::string>{"serve", "--port", "0", "--bind", "127.0.0.1", "--store", store_,
                                                   "--bundled", BANDO_BUNDLED_DIR, "--web-root", BANDO_WEB_ROOT});
    const std::optional<int> port = server_->wait_for_port("listening on http://127.0.0.1:", kStartTimeout);
    ASSERT_TRUE(port.has_value()) << server_->log();
    client_ = std::make_unique<HttpClient>(static_cast<unsigned short>(*port));
  }

  static void TearDownTestSuite() {
    client_.reset();
    if (server_) server_->stop(SIGTERM, std::chrono::seconds(10));
    server_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  void SetUp() override { ASSERT_NE(client_, nullptr) << "the server did not start"; }

  // Publishes the hydropower file again as a new version of its collection.
  static void republish() {
    const CommandResult result = run_command(fmt::format(
        "{} publish {} --id vn_hydropower_plants --title Plants --store {}", BANDO_EXECUTABLE, kPlantsFile, store_));
    ASSERT_EQ(result.status, 0) << result.output;
    // The server notices a commit by another process within this interval.
    std::this_thread::sleep_for(2 * data::SqliteStore::kExternalCommitCheckInterval);
  }

  static std::int64_t current_version() {
    const rapidjson::Document collection = parse_json(client_->get("/collections/vn_hydropower_plants").body());
    return json_int(collection, "/version").value_or(-1);
  }

  static inline std::filesystem::path dir_;
  static inline std::string store_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::unique_ptr<HttpClient> client_;
};

TEST_F(RepublishPaging, PagesStayOnTheirVersion) {
  const std::int64_t first_version = current_version();
  std::vector<std::int64_t> seen;
  std::optional<std::string> next = std::string("/collections/vn_hydropower_plants/items?limit=40");
  int pages = 0;
  while (next && pages < 10) {
    const Response response = client_->get(*next);
    ASSERT_EQ(response.result_int(), 200) << *next << ": " << response.body();
    const rapidjson::Document page = parse_json(response.body());
    const std::vector<std::int64_t> ids = feature_ids(page);
    seen.insert(seen.end(), ids.begin(), ids.end());
    next = link_href(page, "next");
    if (next) {
      EXPECT_THAT(*next, HasSubstr(fmt::format("dataset-version={}", first_version)));
      next = target_of(*next);
    }
    if (pages == 1) republish();
    ++pages;
  }
  EXPECT_GT(current_version(), first_version);
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen.size(), 197u);
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), 197u);
}

TEST_F(RepublishPaging, RemovedVersionIsNotFound) {
  const std::int64_t old_version = current_version();
  const rapidjson::Document page =
      parse_json(client_->get("/collections/vn_hydropower_plants/items?limit=100").body());
  const std::optional<std::string> next = link_href(page, "next");
  ASSERT_TRUE(next.has_value());
  // The store keeps a few older versions, so publish until the paged one is gone.
  for (int i = 0; i < 4; ++i) republish();
  const Response response = client_->get(target_of(*next), {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_THAT(response.body(), HasSubstr(fmt::format("no version {}", old_version)));
}

}  // namespace
}  // namespace bando::server::testing

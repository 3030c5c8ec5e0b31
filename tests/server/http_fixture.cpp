#include "http_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>

namespace bando::server::testing {

std::filesystem::path HttpApi::temp_dir_;
std::unique_ptr<ServerProcess> HttpApi::server_;
std::unique_ptr<HttpClient> HttpApi::client_;

namespace {

// Publishing the bundled data took about 5 s on a 2-core development container,
// so the limit leaves room for a loaded CI runner.
constexpr std::chrono::seconds kStartTimeout{120};
constexpr std::chrono::seconds kStopTimeout{10};
constexpr const char* kListeningPrefix = "listening on http://127.0.0.1:";

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "bando_http_tests_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

}  // namespace

void HttpApi::SetUpTestSuite() {
  temp_dir_ = make_temp_dir();
  const std::string store = (temp_dir_ / "bando.sqlite").string();
  server_ = std::make_unique<ServerProcess>(
      BANDO_EXECUTABLE, std::vector<std::string>{"serve", "--port", "0", "--bind", "127.0.0.1", "--store", store,
                                                 "--bundled", BANDO_BUNDLED_DIR, "--web-root", BANDO_WEB_ROOT});
  const std::optional<int> port = server_->wait_for_port(kListeningPrefix, kStartTimeout);
  ASSERT_TRUE(port.has_value()) << "bando serve did not log '" << kListeningPrefix << "PORT' within "
                                << kStartTimeout.count() << " s; its stderr:\n"
                                << server_->log();
  client_ = std::make_unique<HttpClient>(static_cast<unsigned short>(*port));
}

void HttpApi::TearDownTestSuite() {
  client_.reset();
  if (server_) {
    const std::optional<int> status = server_->stop(SIGTERM, kStopTimeout);
    EXPECT_TRUE(status.has_value()) << "bando serve still ran " << kStopTimeout.count() << " s after SIGTERM";
    if (status) {
      EXPECT_TRUE(WIFEXITED(*status)) << "bando serve ended by signal " << WTERMSIG(*status);
      EXPECT_EQ(WEXITSTATUS(*status), 0) << server_->log();
    }
    const std::string log = server_->log();
    EXPECT_NE(log.find("received signal 15, shutting down"), std::string::npos) << log;
    server_.reset();
  }
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir_, ignored);
}

void HttpApi::SetUp() {
  ASSERT_NE(client_, nullptr) << "the server did not start; see the failure in SetUpTestSuite";
}

const HttpClient& HttpApi::client() { return *client_; }

std::string HttpApi::store_path() { return (temp_dir_ / "bando.sqlite").string(); }

std::string HttpApi::base_url() { return fmt::format("http://127.0.0.1:{}", client_->port()); }

rapidjson::Document parse_json(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  if (document.HasParseError()) {
    ADD_FAILURE() << "invalid JSON at offset " << document.GetErrorOffset() << ": "
                  << rapidjson::GetParseError_En(document.GetParseError()) << "\n"
                  << body.substr(0, 500);
  }
  return document;
}

const rapidjson::Value* json_at(const rapidjson::Value& root, const char* pointer) {
  return rapidjson::Pointer(pointer).Get(root);
}

std::optional<std::string> json_string(const rapidjson::Value& root, const char* pointer) {
  const rapidjson::Value* value = json_at(root, pointer);
  if (value == nullptr || !value->IsString()) return std::nullopt;
  return std::string(value->GetString(), value->GetStringLength());
}

std::optional<std::int64_t> json_int(const rapidjson::Value& root, const char* pointer) {
  const rapidjson::Value* value = json_at(root, pointer);
  if (value == nullptr || !value->IsInt64()) return std::nullopt;
  return value->GetInt64();
}

std::string problem_detail(const Response& response) {
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  const rapidjson::Document document = parse_json(response.body());
  const std::optional<std::string> detail = json_string(document, "/detail");
  EXPECT_TRUE(detail.has_value()) << response.body();
  EXPECT_EQ(json_int(document, "/status"), static_cast<std::int64_t>(response.result_int())) << response.body();
  return detail.value_or("");
}

std::optional<std::string> link_href(const rapidjson::Value& document, const std::string& rel) {
  const rapidjson::Value* links = json_at(document, "/links");
  if (links == nullptr || !links->IsArray()) return std::nullopt;
  for (const rapidjson::Value& link : links->GetArray()) {
    if (json_string(link, "/rel") == rel) return json_string(link, "/href");
  }
  return std::nullopt;
}

std::string target_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) {
    ADD_FAILURE() << "not an absolute URL with a path: " << url;
    return "/";
  }
  return url.substr(path_start);
}

}  // namespace bando::server::testing

#pragma once
// The HttpApi fixture: one bando server on a fresh store for the whole suite, and JSON helpers.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "http_client.hpp"
#include "server_process.hpp"

namespace bando::server::testing {

// Every integration test uses this fixture, so the server starts once per
// process: SetUpTestSuite creates a temporary store, runs `bando serve` on a
// free port and waits for it to publish the bundled data. TearDownTestSuite
// stops it with SIGTERM and checks that it exits with status 0.
class HttpApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  // Fails the test at once when the server did not start.
  void SetUp() override;

  static const HttpClient& client();
  // "http://127.0.0.1:PORT", as the server writes it into links.
  static std::string base_url();
  // The SQLite store the server runs on, for `bando publish` into it.
  static std::string store_path();

  static Response get(const std::string& target,
                      const std::vector<std::pair<http::field, std::string>>& fields = {}) {
    return client().get(target, fields);
  }

 private:
  static std::filesystem::path temp_dir_;
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<HttpClient> client_;
};

// Parses a JSON body. Records a failure naming the parse error when it is not JSON.
rapidjson::Document parse_json(const std::string& body);

// The value at a JSON Pointer (RFC 6901) such as "/links/0/href", or null.
const rapidjson::Value* json_at(const rapidjson::Value& root, const char* pointer);
// The string or integer at a JSON Pointer, or nullopt when missing or of another type.
std::optional<std::string> json_string(const rapidjson::Value& root, const char* pointer);
std::optional<std::int64_t> json_int(const rapidjson::Value& root, const char* pointer);

// The "detail" of a problem+json response. Records a failure when the media type
// is not application/problem+json or the body has no string detail.
std::string problem_detail(const Response& response);

// The href of the first link with `rel` in the document's "links", or nullopt.
std::optional<std::string> link_href(const rapidjson::Value& document, const std::string& rel);

// The path and query of an absolute URL such as a "next" link. Records a failure for a relative URL.
std::string target_of(const std::string& url);

}  // namespace bando::server::testing

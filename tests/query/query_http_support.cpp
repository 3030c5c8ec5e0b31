#include "query_http_support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "http_fixture.hpp"

namespace bando::server::testing {

std::string url_encode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::vector<std::int64_t> feature_ids(const rapidjson::Value& collection) {
  std::vector<std::int64_t> ids;
  const rapidjson::Value* features = json_at(collection, "/features");
  if (features == nullptr || !features->IsArray()) {
    ADD_FAILURE() << "no features array";
    return ids;
  }
  for (const rapidjson::Value& feature : features->GetArray()) {
    const std::optional<std::int64_t> id = json_int(feature, "/id");
    EXPECT_TRUE(id.has_value()) << "feature without an integer id";
    ids.push_back(id.value_or(-1));
  }
  return ids;
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace bando::server::testing

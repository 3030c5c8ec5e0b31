#pragma once
// Helpers shared by the items query HTTP tests: URL encoding, feature ids and running GDAL programs.

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace bando::server::testing {

// Percent-encodes a query parameter value.
std::string url_encode(const std::string& text);

// The integer "id" of each feature of a FeatureCollection, in order.
std::vector<std::int64_t> feature_ids(const rapidjson::Value& collection);

// Runs a shell command and returns its exit status and combined stdout and stderr.
struct CommandResult {
  int status = -1;
  std::string output;
};
CommandResult run_command(const std::string& command);

}  // namespace bando::server::testing

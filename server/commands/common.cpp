#include <filesystem>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/commands/commands.hpp"

namespace bando::server {

void add_store_option(CLI::App& command, CommonOptions& options) {
  command.add_option("--store", options.store_path, "SQLite/SpatiaLite store file")->capture_default_str();
}

std::string prepare_store_path(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    throw Error(ErrorKind::unavailable, {fmt::format("cannot create folder '{}' for the store: {}", parent.string(), ec.message()),
                                         fmt::format("không tạo được thư mục '{}' cho kho dữ liệu: {}", parent.string(), ec.message())});
  }
  return path;
}

}  // namespace bando::server

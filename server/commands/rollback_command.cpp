// bando rollback ID [VERSION]: makes a stored version of a dataset current again.

#include <iostream>

#include <fmt/format.h>

#include "data/sqlite_store.hpp"
#include "geo/error.hpp"
#include "server/commands/commands.hpp"

namespace bando::server {
namespace {

struct RollbackOptions {
  std::string id;
  std::int64_t version = 0;
};

// The newest stored version older than the current one.
std::int64_t previous_version(const data::SqliteStore& store, const std::string& id) {
  const std::vector<data::VersionInfo> versions = store.list_versions(id);
  std::int64_t current = 0;
  for (const auto& version : versions)
    if (version.current) current = version.version;
  for (const auto& version : versions)  // newest first
    if (version.version < current) return version.version;
  throw Error(ErrorKind::not_found,
              {fmt::format("dataset '{}' has no stored version older than the current version {}", id, current),
               fmt::format("bộ dữ liệu '{}' không còn phiên bản nào cũ hơn phiên bản hiện tại {}", id, current)});
}

int run_rollback(const RollbackOptions& options, const CommonOptions& common) {
  data::SqliteStore store(prepare_store_path(common.store_path));
  const std::int64_t version = options.version > 0 ? options.version : previous_version(store, options.id);
  const data::DatasetInfo info = store.rollback(options.id, version);
  std::cout << fmt::format("dataset '{}' is at version {} ({} features)\n", info.metadata.id, info.version,
                           info.feature_count);
  return 0;
}

}  // namespace

std::function<int()> add_rollback_command(CLI::App& app, CommonOptions& common) {
  auto options = std::make_shared<RollbackOptions>();
  CLI::App* command = app.add_subcommand("rollback", "Make a stored version of a dataset current again");
  command->add_option("ID", options->id, "Dataset id")->required();
  command->add_option("VERSION", options->version, "Version to return to; default: the one before the current")
      ->check(CLI::PositiveNumber);
  add_store_option(*command, common);
  return [command, options, &common] { return command->parsed() ? run_rollback(*options, common) : -1; };
}

}  // namespace bando::server

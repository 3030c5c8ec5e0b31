#pragma once
// The bando subcommands. Each registers its options on a CLI11 app and returns an exit code.

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace bando::server {

// Options every subcommand shares.
struct CommonOptions {
  std::string store_path = "var/bando.sqlite";
  std::string bundled_dir = BANDO_DEFAULT_BUNDLED_DIR;
};

// Adds --store to `command`, bound to `options.store_path`.
void add_store_option(CLI::App& command, CommonOptions& options);

// Each function adds a subcommand to `app` and returns the action to run when it was chosen.
std::function<int()> add_publish_command(CLI::App& app, CommonOptions& common);
std::function<int()> add_serve_command(CLI::App& app, CommonOptions& common);
std::function<int()> add_keys_command(CLI::App& app, CommonOptions& common);
std::function<int()> add_rollback_command(CLI::App& app, CommonOptions& common);
std::function<int()> add_seed_command(CLI::App& app, CommonOptions& common);

// Opens the store at `path`, creating its folder when missing.
std::string prepare_store_path(const std::string& path);

}  // namespace bando::server

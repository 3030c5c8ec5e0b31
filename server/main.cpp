// bando: an open-data map server. main only wires subcommands, logging and error reporting.

#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "geo/error.hpp"
#include "server/commands/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"bando: serve Viet Nam's open geodata as vector tiles, GeoJSON and postcode lookups"};
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")->capture_default_str();

  bando::server::CommonOptions common;
  const auto publish = bando::server::add_publish_command(app, common);
  const auto serve = bando::server::add_serve_command(app, common);
  const auto seed = bando::server::add_seed_command(app, common);
  const auto keys = bando::server::add_keys_command(app, common);
  const auto rollback = bando::server::add_rollback_command(app, common);
  CLI11_PARSE(app, argc, argv);

  auto logger = spdlog::stderr_color_mt("bando");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(log_level));
  spdlog::set_default_logger(logger);

  try {
    for (const auto& command : {publish, serve, keys, rollback, seed}) {
      const int code = command();
      if (code >= 0) return code;
    }
  } catch (const bando::Error& error) {
    std::cerr << "bando: " << error.what() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "bando: unexpected error: " << error.what() << '\n';
    return 2;
  }
  return 0;
}

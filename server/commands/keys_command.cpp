// bando keys create: issues an API key for a publisher and prints it once.

#include <iostream>

#include <fmt/format.h>

#include "data/api_keys.hpp"
#include "data/sqlite_store.hpp"
#include "server/commands/commands.hpp"

namespace bando::server {
namespace {

int run_keys_create(const std::string& publisher, const CommonOptions& common) {
  data::SqliteStore store(prepare_store_path(common.store_path));
  const data::IssuedApiKey key =
      store.with_writer([&](data::SqliteConnection& db) { return data::create_api_key(db, publisher); });
  std::cerr << fmt::format("created API key {} for publisher '{}'; the store keeps only its hash, "
                           "so save it now\n",
                           key.id, key.publisher);
  std::cout << key.token << '\n';
  return 0;
}

}  // namespace

std::function<int()> add_keys_command(CLI::App& app, CommonOptions& common) {
  CLI::App* command = app.add_subcommand("keys", "Manage the API keys that allow publishing over HTTP");
  command->require_subcommand(1);
  auto publisher = std::make_shared<std::string>();
  CLI::App* create = command->add_subcommand("create", "Create an API key and print it on standard output");
  create->add_option("--publisher", *publisher, "Publisher whose datasets the key may change")->required();
  add_store_option(*create, common);
  return [create, publisher, &common] { return create->parsed() ? run_keys_create(*publisher, common) : -1; };
}

}  // namespace bando::server

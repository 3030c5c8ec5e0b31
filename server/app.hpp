#pragma once
// What the HTTP handlers share: the store, the gazetteer and the viewer's files.

#include <cstdint>
#include <filesystem>

#include "data/gazetteer/gazetteer.hpp"
#include "data/store.hpp"
#include "server/router.hpp"

namespace bando::server {

struct WriteAccess;

struct AppContext {
  const data::Store& store;
  const data::Gazetteer& gazetteer;
  std::filesystem::path web_root;  // folder holding index.html and node_modules/
  const WriteAccess* writes = nullptr;  // publishing endpoints; null serves the catalog read-only
  // Largest `limit` an items request gets; larger values are clamped to it.
  std::int64_t items_max_limit = 10'000;
};

// Registers every endpoint. `app` must outlive the router.
Router build_router(const AppContext& app);

}  // namespace bando::server

#pragma once
// What the write endpoints need: the writable store, bearer-key authentication and the rate limiter.

#include <filesystem>
#include <string>

#include "data/sqlite_store.hpp"
#include "server/http_types.hpp"
#include "server/rate_limit.hpp"

namespace bando::server {

struct WriteAccess {
  data::SqliteStore& store;           // the server's only writer of the store
  RateLimiter& rate_limiter;          // one bucket per API key
  std::filesystem::path upload_dir;   // uploads are saved in a fresh folder inside it and removed after ingest
};

// Returns the publisher owning the `Authorization: Bearer` key of `request`.
// Throws bando::Error (unauthorized) when the header is missing, is not a bearer
// token, or names no stored key. Thread-safe.
std::string authenticate_publisher(const Request& request, const data::SqliteStore& store);

}  // namespace bando::server

#pragma once
// API keys of publishers: issuing a key and checking one, with only its SHA-256 stored.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "data/sqlite_db.hpp"

namespace bando::data {

// A key as issued, shown once: the store keeps only its hash.
struct IssuedApiKey {
  std::int64_t id = 0;
  std::string publisher;
  std::string token;  // "bando_<id>_<64 hex digits>"
};

// Creates a key for `publisher` from 32 bytes of OpenSSL's CSPRNG and stores
// its SHA-256. Needs the api_keys table (ensure_catalog_schema). Throws
// bando::Error (invalid_argument) for an empty publisher, (internal) when the
// random generator fails.
IssuedApiKey create_api_key(SqliteConnection& db, const std::string& publisher);

// Returns the publisher that owns `token`, or nullopt for a malformed or unknown
// token. The hash comparison takes the same time wherever the bytes differ.
std::optional<std::string> find_api_key_publisher(SqliteConnection& db, std::string_view token);

}  // namespace bando::data

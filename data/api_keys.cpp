#include "data/api_keys.hpp"

#include <array>
#include <charconv>
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

constexpr std::string_view kTokenPrefix = "bando_";
constexpr std::size_t kSecretBytes = 32;

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

Digest sha256(std::string_view text) {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) hex += fmt::format("{:02x}", bytes[i]);
  return hex;
}

// The key id of a token "bando_<id>_<secret>", or nullopt when malformed.
std::optional<std::int64_t> parse_key_id(std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) return std::nullopt;
  token.remove_prefix(kTokenPrefix.size());
  const auto separator = token.find('_');
  if (separator == std::string_view::npos || separator == 0) return std::nullopt;
  if (token.size() - separator - 1 != kSecretBytes * 2) return std::nullopt;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + separator, id);
  if (error != std::errc{} || end != token.data() + separator || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

IssuedApiKey create_api_key(SqliteConnection& db, const std::string& publisher) {
  if (publisher.empty()) {
    throw Error(ErrorKind::invalid_argument,
                {"an API key needs a publisher name", "khóa API cần có tên đơn vị công bố"});
  }
  std::array<unsigned char, kSecretBytes> secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    throw Error(ErrorKind::internal,
                {"the random generator failed to create an API key", "bộ sinh số ngẫu nhiên không tạo được khóa API"});
  }

  Transaction transaction(db);
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  // The id is part of the token, so insert first and set the hash once the id is known.
  auto insert = db.prepare("INSERT INTO api_keys (publisher, key_sha256, created) VALUES (?, x'', ?)");
  insert.bind(1, publisher).bind(2, fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now));
  insert.run();

  IssuedApiKey key;
  key.id = db.last_insert_rowid();
  key.publisher = publisher;
  key.token = fmt::format("{}{}_{}", kTokenPrefix, key.id, to_hex(secret.data(), secret.size()));
  const Digest digest = sha256(key.token);
  auto store_hash = db.prepare("UPDATE api_keys SET key_sha256 = ? WHERE id = ?");
  store_hash.bind_blob(1, digest).bind(2, key.id);
  store_hash.run();
  transaction.commit();
  return key;
}

std::optional<std::string> find_api_key_publisher(SqliteConnection& db, std::string_view token) {
  const auto id = parse_key_id(token);
  if (!id) return std::nullopt;
  auto statement = db.prepare("SELECT publisher, key_sha256 FROM api_keys WHERE id = ?");
  statement.bind(1, *id);
  if (!statement.step()) return std::nullopt;
  const auto stored = statement.column_blob(1);
  const Digest digest = sha256(token);
  if (stored.size() != digest.size() || CRYPTO_memcmp(stored.data(), digest.data(), digest.size()) != 0) {
    return std::nullopt;
  }
  return std::string(statement.column_text(0));
}

}  // namespace bando::data

#include "server/conditional.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace bando::server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

bool if_none_match_matches(std::string_view header, std::string_view etag) {
  if (trim(header) == "*") return true;
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  // An entity tag may contain commas (RFC 9110 section 8.8.3), so the list is
  // split at the quotes: each tag runs from one '"' to the next.
  while (true) {
    const std::size_t open = header.find('"');
    if (open == std::string_view::npos) return false;
    const std::size_t close = header.find('"', open + 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(open, close - open + 1) == etag) return true;
    header.remove_prefix(close + 1);
  }
}

bool request_matches_etag(const Request& request, std::string_view etag) {
  const auto [first, last] = request.equal_range(http::field::if_none_match);
  for (auto field = first; field != last; ++field) {
    if (if_none_match_matches(field->value(), etag)) return true;
  }
  return false;
}

Response not_modified_response(const std::string& etag) {
  Response response{http::status::not_modified, 11};
  response.set(http::field::etag, etag);
  response.set(http::field::vary, "Accept-Encoding");
  return response;
}

std::string hashed_etag(std::string_view prefix, std::string_view parts, bool gzip) {
  return fmt::format("\"{}-{:016x}{}\"", prefix, fnv1a(parts), gzip ? "-gzip" : "");
}

}  // namespace bando::server

#pragma once
// Entity tags and If-None-Match (RFC 9110 sections 8.8.3 and 13.1.2).

#include <string>
#include <string_view>

#include "server/http_types.hpp"

namespace bando::server {

// True when an If-None-Match header matches `etag`, quotes included. The
// header "*" matches any tag. Otherwise one tag of the list must equal `etag`
// under weak comparison, which ignores a W/ prefix on either side, because
// RFC 9110 prescribes that comparison for If-None-Match.
bool if_none_match_matches(std::string_view if_none_match, std::string_view etag);

// True when the If-None-Match fields of `request` match `etag`. Several
// If-None-Match fields count as one comma-separated list (RFC 9110 section 5.3).
bool request_matches_etag(const Request& request, std::string_view etag);

// The 304 response for a representation with tag `etag`.
Response not_modified_response(const std::string& etag);

// A strong tag for a representation made from `parts`: their 64-bit FNV-1a
// hash in hex, quoted. `gzip` marks the gzip representation, which needs its
// own strong tag (RFC 9110 section 8.8.3).
std::string hashed_etag(std::string_view prefix, std::string_view parts, bool gzip);

}  // namespace bando::server

#pragma once
// RFC 9457 problem details (application/problem+json), localized by Accept-Language.

#include <cstddef>
#include <string_view>

#include "geo/error.hpp"
#include "server/http_types.hpp"

namespace bando::server {

enum class Language { vi, en };

// Picks vi or en from an Accept-Language header by q-value. Vietnamese is the
// default when the header is absent or names neither language.
Language negotiate_language(std::string_view accept_language);

http::status status_for(ErrorKind kind) noexcept;

// A problem+json response whose title and detail are in `language`.
Response problem_response(const Error& error, Language language);

// The 413 or 431 response sent when a request breaks a size limit of `limit` bytes.
Response limit_exceeded_response(http::status status, std::string_view part, std::size_t limit);

// The 400 response sent when a request is not valid HTTP/1.1; `reason` is the parser's message.
Response malformed_request_response(std::string_view reason);

// The 408 response sent when a started request was not complete within `seconds`.
Response request_timeout_response(long long seconds);

}  // namespace bando::server

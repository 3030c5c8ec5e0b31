#pragma once
// Content negotiation for the OGC API endpoints: JSON or HTML by `f` and Accept,
// and the page language by `lang` and Accept-Language.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/problem.hpp"
#include "server/router.hpp"

namespace bando::server {

enum class Format { json, html };

// The quality (0 to 1) that an Accept header gives `media_type`, from its most
// specific matching range ("text/html" before "text/*" before "*/*"). An absent
// or empty header accepts everything with quality 1.
double accept_quality(std::string_view accept, std::string_view media_type);

// The `f` parameter when present: "json" or "html". Otherwise HTML only when
// Accept ranks text/html above both application/json and `json_type`, so a
// browser gets HTML and a client without an Accept header gets JSON. Throws
// bando::Error (invalid_argument) naming any other `f` or `lang` value.
Format negotiate_format(const RequestContext& context, std::string_view json_type = "application/json");

// The language of an HTML page: `lang` (vi or en) when present, else the
// Accept-Language choice. Throws bando::Error (invalid_argument) naming any
// other `lang` value.
Language page_language(const RequestContext& context);

// The absolute URL of this request with query parameters replaced: every
// parameter named in `changes` is removed, then those with a non-empty value
// are appended. Names and values are percent-encoded.
std::string request_url_with(const RequestContext& context,
                             const std::vector<std::pair<std::string, std::string>>& changes);

// The same resource in the other format: `f` set to "json" or "html", `lang` dropped for JSON.
std::string alternate_url(const RequestContext& context, Format format);

// Sets Vary, because the body depends on Accept and Accept-Language.
void mark_negotiated(Response& response);

}  // namespace bando::server

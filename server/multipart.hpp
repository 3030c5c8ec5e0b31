#pragma once
// Parsing multipart/form-data request bodies (RFC 7578) held in memory.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bando::server {

// One form field or file. `content` views the request body.
struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // set for file parts
  std::string_view content;
};

// Splits `body` by the boundary named in `content_type`. Throws bando::Error
// (invalid_argument) when the media type is not multipart/form-data, the
// boundary is missing, a part lacks a name, or the body has more than 64 parts.
std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace bando::server

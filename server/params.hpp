#pragma once
// Validation of query and path parameters, with errors that name the bad value.

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "geo/box.hpp"
#include "server/request_target.hpp"

namespace bando::server {

// Parses a base-10 integer in [min, max]. Throws bando::Error (invalid_argument)
// naming `name` and the value otherwise.
std::int64_t parse_integer(std::string_view name, std::string_view value, std::int64_t min, std::int64_t max);

// Parses a finite decimal number. Throws bando::Error (invalid_argument).
double parse_number(std::string_view name, std::string_view value);

// Parses an OGC bbox "minLon,minLat,maxLon,maxLat" (or 6 numbers with heights,
// which are ignored) in CRS84 degrees. A box crossing the antimeridian
// (minLon > maxLon) is rejected, since bando does not split it yet.
geo::Box parse_bbox(std::string_view value);

// Throws bando::Error (invalid_argument) for a parameter not in `allowed`, as
// OGC API - Features Part 1 requires for unknown query parameters.
void reject_unknown_params(const QueryParams& query, std::initializer_list<std::string_view> allowed);

}  // namespace bando::server

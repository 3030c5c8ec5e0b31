#pragma once
// CQL2 parsers: the text and JSON encodings of OGC Common Query Language 2 into a Filter.

#include <string_view>

#include "data/query/filter.hpp"
#include "geo/projection.hpp"

namespace bando::data::query {

// Parses CQL2 text: comparisons (= <> < <= > >=), LIKE, IN, BETWEEN, IS NULL,
// AND, OR, NOT, parentheses and S_INTERSECTS, S_WITHIN, S_CONTAINS and
// S_DISJOINT, S_CROSSES, S_TOUCHES, S_OVERLAPS and S_EQUALS with WKT or BBOX(...) geometries in `filter_crs` (its own axis
// order). Geometries come out in EPSG:3857. Throws bando::Error
// (invalid_argument) whose detail gives the 1-based character position.
Filter parse_cql2_text(std::string_view text, const geo::Crs& filter_crs);

// Parses CQL2 JSON with the same operators ("=", "like", "in", "between",
// "isNull", "and", "or", "not", "s_intersects", ...) and GeoJSON or
// {"bbox": [...]} geometries. Throws bando::Error (invalid_argument) naming
// the character position of a JSON syntax error or the JSON Pointer of a
// misplaced value.
Filter parse_cql2_json(std::string_view text, const geo::Crs& filter_crs);

// Converts a geometry in `crs`'s axis order to EPSG:3857, for filter literals.
// Throws bando::Error (invalid_argument) when PROJ cannot transform it.
void geometry_to_storage(geo::Geometry& geometry, const geo::Crs& crs);

}  // namespace bando::data::query

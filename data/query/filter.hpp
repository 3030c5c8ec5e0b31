#pragma once
// The filter expression tree that CQL2 text, CQL2 JSON and equality query parameters parse into.

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "geo/geometry.hpp"

namespace bando::data::query {

// A literal operand. Strings are compared as SQLite compares text (binary, case-sensitive).
using Literal = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string>;

enum class Operator {
  equal,
  not_equal,
  less,
  less_or_equal,
  greater,
  greater_or_equal,
  like,         // `values[0]` is the pattern, with % and _ wildcards
  in,           // `values` is the list
  between,      // `values[0]` and `values[1]` are the inclusive bounds
  is_null,
  logical_and,  // `children` has two or more operands
  logical_or,
  logical_not,  // `children` has one operand
  s_intersects, // `geometry` is the other operand
  s_within,     // the feature's geometry lies within `geometry`
  s_contains,   // the feature's geometry contains `geometry`
  s_disjoint,
  s_crosses,
  s_touches,
  s_overlaps,
  s_equals,
};

// One node of a filter. Comparison nodes name a `property`, spatial nodes
// compare the feature's geometry with `geometry`, and logical nodes combine
// `children`.
struct Filter {
  Operator op = Operator::equal;
  std::string property;
  std::vector<Literal> values;
  geo::Geometry geometry;        // EPSG:3857 after parsing with a filter CRS
  std::vector<Filter> children;
  std::size_t position = 0;      // 1-based character offset in CQL2 text, 0 when unknown (CQL2 JSON)
};

// Combines `parts` with AND (the single part when there is one).
Filter all_of(std::vector<Filter> parts);

}  // namespace bando::data::query

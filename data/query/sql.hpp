#pragma once
// Translation of filters and sort keys into parameterised SQL over the SQLite feature tables.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "data/dataset.hpp"
#include "data/query/filter.hpp"

namespace bando::data::query {

// A value bound to a `?N` parameter. Filter text never appears in SQL text: only
// the fixed SQL of each operator does, with every literal and property path bound.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// SQL text with numbered parameters ?1 .. ?N, where N = values.size().
struct SqlFragment {
  std::string sql;
  std::vector<SqlValue> values;

  // Appends a value and returns its placeholder, such as "?3".
  std::string bind(SqlValue value);
};

// The JSON path of a property inside the `properties` column: $."name".
std::string property_path(const std::string& name);

// Appends the SQL condition for `filter` to `out`, binding its values. Every
// property must be one of `fields`. The geometry column is `geom` in EPSG:3857
// and `rtree` names its SpatiaLite R*Tree. Throws bando::Error
// (invalid_argument) naming an unknown property or an operand of the wrong type.
void append_filter_sql(SqlFragment& out, const Filter& filter, const std::vector<Field>& fields,
                       const std::string& rtree);

}  // namespace bando::data::query

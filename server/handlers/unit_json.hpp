#pragma once
// JSON output of administrative units, shared by the postcode, place and admin-unit endpoints.

#include <string_view>

#include "data/gazetteer/gazetteer.hpp"
#include "server/json.hpp"

namespace bando::server {

// Returns "province", "district" or "commune".
std::string_view level_name(int level);

// Writes one unit: code, names, type, level, province, parent code,
// postcodes, centroid (lon/lat degrees or null), validFrom (null when
// unknown) and validTo (null while in force).
void write_unit(JsonWriter& writer, const data::AdminUnit& unit);

// Writes a unit as write_unit does, followed by "replacedBy" for a former unit
// or "formedFrom" for a current commune, each an array of
// {"mergeType", "unit": {code, name, fullName, level, postcodes, validFrom, validTo}}.
void write_unit_with_links(JsonWriter& writer, const data::Gazetteer& gazetteer, const data::AdminUnit& unit);

}  // namespace bando::server

#pragma once
// The JSON description of one collection, shared by /collections and /collections/{id}.

#include <string>

#include "data/store.hpp"
#include "server/json.hpp"
#include "server/problem.hpp"

namespace bando::server {

// Writes the OGC collection object, plus bando's catalog members (publisher,
// license, keywords, basemap, geometryType, featureCount, version, updated),
// with link titles in `language`.
void write_collection(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url,
                      Language language);

// The catalog record of `id`. Throws bando::Error (not_found) naming the id.
data::DatasetInfo require_dataset(const data::Store& store, const std::string& id);

}  // namespace bando::server

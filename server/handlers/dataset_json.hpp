#pragma once
// JSON documents of the bando catalog: a dataset, its versions and its links.

#include <string>
#include <vector>

#include "data/ingest.hpp"
#include "data/store.hpp"
#include "server/json.hpp"
#include "server/problem.hpp"

namespace bando::server {

// Writes a dataset's metadata and links, with link titles in `language`.
// `versions` is written when not empty.
void write_dataset(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url,
                   Language language, const std::vector<data::VersionInfo>& versions = {});

// Writes an ingest report: counts, each repair and rejection, and warnings.
void write_ingest_report(JsonWriter& writer, const data::IngestReport& report);

}  // namespace bando::server

#pragma once
// Catalog records: the metadata and derived facts the store keeps for each published dataset.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/temporal.hpp"
#include "geo/box.hpp"

namespace bando::data {

// Property types, as MVT and JSON Schema distinguish them.
enum class FieldType { string, integer, real, boolean };

// "string", "integer", "number" or "boolean" (JSON Schema names).
const char* to_json_schema_type(FieldType type) noexcept;

struct Field {
  std::string name;
  FieldType type = FieldType::string;
  friend bool operator==(const Field&, const Field&) = default;
};

// Metadata supplied by the publisher. `id` is the URL-safe collection id: [A-Za-z0-9_-], 1 to 64 characters.
struct DatasetMetadata {
  std::string id;
  std::string title;
  std::string description;
  std::string publisher;
  std::string license;
  std::vector<std::string> keywords;
  // Base-map layers are published like any dataset but listed apart in the viewer.
  bool is_basemap = false;
  // Zoom range the tiles are served for.
  int min_zoom = 0;
  int max_zoom = 16;
  // Property whose RFC 3339 date or date-time values `datetime` queries
  // compare with; empty when the dataset has none.
  std::string temporal_property;
};

// The metadata fields that one publish gives; a field left unset keeps the
// current version's value, and an empty `temporal_property` removes it.
struct MetadataChanges {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> publisher;
  std::optional<std::string> license;
  std::optional<std::vector<std::string>> keywords;
  std::optional<std::string> temporal_property;
};

// Applies the fields that `changes` gives to `metadata`. A title left empty
// becomes the dataset id.
void apply_changes(const MetadataChanges& changes, DatasetMetadata& metadata);

// Catalog record of a dataset's current version, derived at publish time.
struct DatasetInfo {
  DatasetMetadata metadata;
  std::int64_t version = 0;
  std::int64_t feature_count = 0;
  geo::Box extent_lonlat;     // WGS 84 degrees; empty when every geometry is null
  std::string geometry_type;  // "Point", "MultiPolygon", ... or "Mixed"
  std::string source_crs;     // the CRS the source file declared, as "EPSG:n" or WKT
  std::string updated;        // RFC 3339 UTC time of the publish
  std::vector<Field> fields;
  // Earliest start and latest end of the temporal property's parsed values;
  // nullopt without a temporal property or without any parsed value.
  std::optional<TimeInterval> temporal_extent;
};

// Throws bando::Error (invalid_argument) when `id` is not a valid collection id.
void validate_dataset_id(const std::string& id);

}  // namespace bando::data

#pragma once
// Publishing a vector file that GDAL can read into the Store, with a per-feature report.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/store.hpp"

namespace bando::data {

struct IngestOptions {
  std::string path;                  // anything GDALOpenEx accepts, including /vsizip/ paths
  // Layer name. Unset: ingest_file takes the first layer, ingest_layers every layer.
  std::optional<std::string> layer;
  // CRS of the source coordinates ("EPSG:5897", WKT or a PROJ string). Overrides the
  // file's own CRS; without either, WGS 84 longitude/latitude is assumed and reported.
  std::optional<std::string> source_crs;
  // Character encoding of Shapefile attributes ("CP1258", "UTF-8", ...). Overrides
  // the .cpg file; without either, GDAL's Shapefile driver assumes ISO-8859-1.
  std::optional<std::string> encoding;
  // Called every `progress_interval` features with the number read so far.
  std::function<void(std::int64_t)> on_progress;
  std::int64_t progress_interval = 10'000;
  // Called once before reading with the layer's feature count, or -1 when the
  // driver cannot tell it without reading the whole file.
  std::function<void(std::int64_t)> on_feature_count;
  // ingest_layers only: fail with bando::Error (conflict) instead of adding a
  // version when a dataset id is already published.
  bool create_only = false;
};

// One feature that was repaired or rejected. `feature_id` is the source FID, or
// "#n" (1-based position) where the source has none.
struct FeatureIssue {
  std::string feature_id;
  std::string reason;
};

struct IngestReport {
  std::int64_t read = 0;
  std::int64_t written = 0;
  std::int64_t repaired = 0;
  std::int64_t rejected = 0;
  std::vector<FeatureIssue> repairs;
  std::vector<FeatureIssue> rejections;
  // Features published without a time because their temporal property value
  // is not an RFC 3339 date or date-time.
  std::vector<FeatureIssue> unparsed_times;
  std::vector<std::string> warnings;  // file-level notes, e.g. an assumed CRS
  DatasetInfo dataset;                // the catalog record of the new version
};

// Reads every feature of the layer, converts it to EPSG:3857 with PROJ (through
// GDAL), repairs invalid polygons with GEOS MakeValid, and writes one new dataset
// version in one store transaction. Nothing is committed when this throws.
// Throws bando::Error (invalid_argument) when the file cannot be opened, the layer
// or CRS is unknown, `metadata.temporal_property` is not a date, date-time or
// string property of the layer, or no feature could be written.
IngestReport ingest_file(Store& store, const DatasetMetadata& metadata, const IngestOptions& options);

// Publishes `options.layer`, or every layer when it is unset, in one store
// transaction: all the datasets become current together or none does. A file
// with one layer, or a chosen layer, becomes dataset `metadata.id`. With
// several layers, each becomes dataset layer_dataset_id(metadata.id, name)
// titled "TITLE (name)". Returns one report per dataset, in layer order.
// Throws like ingest_file, and (invalid_argument) when two layers map to one id.
std::vector<IngestReport> ingest_layers(Store& store, const DatasetMetadata& metadata, const IngestOptions& options);

// The names of the vector layers of `options.path`, in file order.
std::vector<std::string> list_layers(const IngestOptions& options);

// Returns "ID_NAME": the layer name folded to ASCII lower case (diacritics
// dropped, đ to d) and every character outside a-z, 0-9, '_' and '-'
// replaced by '_'. The layer "Đường bộ" of "gt" gives "gt_duong_bo".
std::string layer_dataset_id(const std::string& id, const std::string& layer);

}  // namespace bando::data

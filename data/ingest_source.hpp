#pragma once
// Steps of ingest shared by the one-dataset and the every-layer entry points.

#include <gdal_priv.h>

#include "data/ingest.hpp"
#include "data/ingest_properties.hpp"

namespace bando::data {

// A vector source opened through GDAL with the decoder its attribute text needs.
struct OpenedSource {
  GDALDatasetUniquePtr dataset;
  TextDecoder decode;
};

// Opens `options.path`, reopening a Shapefile whose .cpg names CP1258 without
// GDAL's recoding. Throws bando::Error (invalid_argument) when it cannot be opened.
OpenedSource open_source(const IngestOptions& options);

// Returns `options.layer`, or the first layer when it is unset. Throws
// bando::Error (invalid_argument) for an unknown layer.
OGRLayer& select_layer(GDALDataset& dataset, const IngestOptions& options);

// Writes every feature of `layer` through `publish` and commits it. A
// non-empty `temporal_property` names the property whose values become each
// feature's time interval; bando::Error (invalid_argument) when the layer
// lacks it.
IngestReport ingest_layer(PublishTransaction& publish, OGRLayer& layer, TextDecoder decode,
                          const IngestOptions& options, const std::string& temporal_property);

}  // namespace bando::data

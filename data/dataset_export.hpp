#pragma once
// Writing a stored dataset version to a file with a GDAL vector driver, for downloads.

#include <string>

#include "data/dataset.hpp"
#include "data/store.hpp"

namespace bando::data {

// Writes version `dataset.version` of the dataset to a new file at `path` with
// the GDAL vector driver `driver` ("GPKG", "GeoJSON"): one layer named by the
// dataset id with the dataset's fields, geometries in EPSG:4326 with longitude
// first, and the stored feature ids as FIDs. Throws bando::Error (unavailable)
// when GDAL fails and (not_found) when the version was pruned meanwhile.
void export_dataset(const Store& store, const DatasetInfo& dataset, const std::string& driver,
                    const std::string& path);

}  // namespace bando::data

#pragma once
// The datasets and base layers that ship in the repository's bundled/ folder.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/ingest.hpp"
#include "data/store.hpp"

namespace bando::data {

struct BundledDataset {
  DatasetMetadata metadata;
  std::string relative_path;  // inside the bundled folder
};

// Every bundled dataset, base layers included, in publishing order.
const std::vector<BundledDataset>& bundled_datasets();

// Publishes each bundled dataset that the store does not have yet, and calls
// `on_report` after each. Throws what ingest_file() throws; datasets already
// published stay published.
void publish_missing_bundled(Store& store, const std::filesystem::path& bundled_dir,
                             const std::function<void(const IngestReport&)>& on_report);

}  // namespace bando::data

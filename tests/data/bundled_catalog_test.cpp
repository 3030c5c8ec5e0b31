// Tests of the bundled catalog: its entries and publishing all of them into a fresh store.

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "data/bundled_catalog.hpp"
#include "data/sqlite_store.hpp"
#include "data_test_support.hpp"

namespace bando::data {
namespace {

using testing::bundled_path;
using testing::TempDirectory;

TEST(BundledCatalog, EntriesPointToExistingFiles) {
  const std::vector<BundledDataset>& entries = bundled_datasets();
  ASSERT_FALSE(entries.empty());
  for (const BundledDataset& entry : entries) {
    SCOPED_TRACE(entry.metadata.id);
    EXPECT_TRUE(std::filesystem::is_regular_file(bundled_path(entry.relative_path))) << entry.relative_path;
  }
}

TEST(BundledCatalog, IdsAreValidAndUnique) {
  std::set<std::string> ids;
  for (const BundledDataset& entry : bundled_datasets()) {
    SCOPED_TRACE(entry.metadata.id);
    EXPECT_NO_THROW(validate_dataset_id(entry.metadata.id));
    EXPECT_TRUE(ids.insert(entry.metadata.id).second) << "duplicate id";
    EXPECT_FALSE(entry.metadata.title.empty());
    EXPECT_FALSE(entry.metadata.license.empty());
    EXPECT_LE(entry.metadata.min_zoom, entry.metadata.max_zoom);
  }
}

TEST(BundledCatalog, PublishMissingPublishesEachOnce) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::vector<BundledDataset>& entries = bundled_datasets();

  std::vector<IngestReport> reports;
  publish_missing_bundled(store, BANDO_BUNDLED_DIR, [&](const IngestReport& report) { reports.push_back(report); });

  ASSERT_EQ(reports.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(entries[i].metadata.id);
    EXPECT_EQ(reports[i].dataset.metadata.id, entries[i].metadata.id);
    EXPECT_EQ(reports[i].rejected, 0);
    EXPECT_GT(reports[i].written, 0);
    EXPECT_EQ(reports[i].dataset.version, 1);
  }
  EXPECT_EQ(store.list_datasets().size(), entries.size());

  int second_run_reports = 0;
  publish_missing_bundled(store, BANDO_BUNDLED_DIR, [&](const IngestReport&) { ++second_run_reports; });
  EXPECT_EQ(second_run_reports, 0);

  for (const BundledDataset& entry : entries) {
    SCOPED_TRACE(entry.metadata.id);
    const std::optional<DatasetInfo> info = store.find_dataset(entry.metadata.id);
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->version, 1);
    EXPECT_EQ(info->metadata.is_basemap, entry.metadata.is_basemap);
    EXPECT_EQ(info->metadata.title, entry.metadata.title);
  }
}

TEST(BundledCatalog, PublishMissingSkipsPublishedDataset) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const BundledDataset& first = bundled_datasets().front();
  IngestOptions options;
  options.path = bundled_path(first.relative_path);
  ingest_file(store, first.metadata, options);

  std::vector<std::string> published;
  publish_missing_bundled(store, BANDO_BUNDLED_DIR,
                          [&](const IngestReport& report) { published.push_back(report.dataset.metadata.id); });

  EXPECT_EQ(published.size(), bundled_datasets().size() - 1);
  EXPECT_EQ(std::find(published.begin(), published.end(), first.metadata.id), published.end());
  EXPECT_EQ(store.find_dataset(first.metadata.id)->version, 1);
}

}  // namespace
}  // namespace bando::data

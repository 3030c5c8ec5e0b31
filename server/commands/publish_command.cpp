// bando publish FILE: ingests one vector file as a new dataset version and prints the report.

#include <filesystem>
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "server/commands/commands.hpp"

namespace bando::server {
namespace {

struct PublishOptions {
  std::string file;
  std::string id;
  // Only the options given change the metadata, so republishing keeps the rest.
  data::MetadataChanges changes;
  std::string source_crs;
  std::string layer;
  std::string encoding;
};

// "\r[#####     ]  52% 520000/1000000 features", or a plain count when the total is unknown.
std::string progress_line(std::int64_t read, std::int64_t total) {
  if (total <= 0) return fmt::format("\rread {} features", read);
  constexpr int kWidth = 30;
  const double fraction = std::min(1.0, static_cast<double>(read) / static_cast<double>(total));
  const int filled = static_cast<int>(fraction * kWidth);
  return fmt::format("\r[{}{}] {:3.0f}% {}/{} features", std::string(filled, '#'),
                     std::string(kWidth - filled, ' '), fraction * 100, read, total);
}

void print_report(const data::IngestReport& report) {
  const auto& dataset = report.dataset;
  std::cout << fmt::format("published '{}' version {} ({}, source CRS {})\n", dataset.metadata.id,
                           dataset.version, dataset.geometry_type, dataset.source_crs);
  std::cout << fmt::format("read {}, written {}, repaired {}, rejected {}\n", report.read, report.written,
                           report.repaired, report.rejected);
  for (const auto& warning : report.warnings) std::cout << "warning: " << warning << '\n';
  for (const auto& repair : report.repairs)
    std::cout << fmt::format("repaired feature {}: {}\n", repair.feature_id, repair.reason);
  for (const auto& rejection : report.rejections)
    std::cout << fmt::format("rejected feature {}: {}\n", rejection.feature_id, rejection.reason);
  for (const auto& issue : report.unparsed_times)
    std::cout << fmt::format("feature {} has no time: {}\n", issue.feature_id, issue.reason);
}

// Returns the metadata of the new version: the current version's metadata when the
// dataset exists, with every option that was given applied over it.
data::DatasetMetadata metadata_for(const PublishOptions& options, const data::Store& store) {
  data::DatasetMetadata metadata;
  metadata.id = options.id.empty() ? std::filesystem::path(options.file).stem().string() : options.id;
  if (const auto existing = store.find_dataset(metadata.id)) metadata = existing->metadata;
  data::apply_changes(options.changes, metadata);
  return metadata;
}

int run_publish(const PublishOptions& options, const CommonOptions& common) {
  data::SqliteStore store(prepare_store_path(common.store_path));
  const data::DatasetMetadata metadata = metadata_for(options, store);

  data::IngestOptions ingest;
  ingest.path = options.file;
  if (!options.source_crs.empty()) ingest.source_crs = options.source_crs;
  if (!options.layer.empty()) ingest.layer = options.layer;
  if (!options.encoding.empty()) ingest.encoding = options.encoding;
  // Each layer gets its own progress line, ended when the next layer starts.
  auto total = std::make_shared<std::int64_t>(-1);
  auto line_open = std::make_shared<bool>(false);
  ingest.on_feature_count = [total, line_open](std::int64_t count) {
    if (*line_open) std::cerr << '\n';
    *line_open = false;
    *total = count;
  };
  ingest.on_progress = [total, line_open](std::int64_t read) {
    std::cerr << progress_line(read, *total) << std::flush;
    *line_open = true;
  };

  const std::vector<data::IngestReport> reports = data::ingest_layers(store, metadata, ingest);
  if (*line_open) std::cerr << '\n';
  for (const auto& report : reports) print_report(report);
  return 0;
}

}  // namespace

std::function<int()> add_publish_command(CLI::App& app, CommonOptions& common) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* command = app.add_subcommand("publish", "Publish a vector file (any format GDAL reads) as a dataset");
  command->add_option("FILE", options->file, "File to publish, e.g. data.geojson or /vsizip/roads.zip")->required();
  command->add_option("--id", options->id, "Collection id (A-Z, a-z, 0-9, _ and -); default: the file name");
  // A republished dataset keeps the metadata that these options do not give again.
  data::MetadataChanges& changes = options->changes;
  command->add_option("--title", changes.title, "Title shown in the catalog; default: the current title, or the id");
  command->add_option("--description", changes.description, "Description shown in the catalog");
  command->add_option("--publisher", changes.publisher, "Agency that publishes the dataset");
  command->add_option("--license", changes.license, "Licence of the data, e.g. CC-BY-4.0");
  command->add_option("--keyword", changes.keywords, "Catalog keyword; repeat for several");
  command->add_option("--s_srs", options->source_crs,
                      "CRS of the source coordinates when the file has none or a wrong one, e.g. EPSG:5897");
  command->add_option("--layer", options->layer,
                      "Layer to publish; default: every layer, each as dataset ID_LAYER when there are several");
  command->add_option("--encoding", options->encoding,
                      "Encoding of Shapefile attributes when the .cpg is missing or wrong, e.g. CP1258");
  command->add_option("--temporal", changes.temporal_property,
                      "Property holding each feature's RFC 3339 date or date-time, which `datetime` queries filter "
                      "on; an empty value removes the current one");
  add_store_option(*command, common);
  return [command, options, &common] { return command->parsed() ? run_publish(*options, common) : -1; };
}

}  // namespace bando::server

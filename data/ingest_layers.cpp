// Publishing every layer of a multi-layer file (a GeoPackage, a KML with
// folders) as one dataset per layer, in one transaction.

#include <map>

#include <fmt/format.h>
#include <ogrsf_frmts.h>

#include "data/gazetteer/text.hpp"
#include "data/ingest.hpp"
#include "data/ingest_source.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

std::vector<OGRLayer*> chosen_layers(GDALDataset& dataset, const IngestOptions& options) {
  if (options.layer) return {&select_layer(dataset, options)};
  std::vector<OGRLayer*> layers;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) layers.push_back(dataset.GetLayer(i));
  if (layers.empty()) {
    throw Error(ErrorKind::invalid_argument, {fmt::format("'{}' has no vector layer", options.path),
                                              fmt::format("'{}' không có lớp vector nào", options.path)});
  }
  return layers;
}

// The metadata of each layer's dataset, checking that no two layers share an id.
std::vector<DatasetMetadata> metadata_per_layer(const DatasetMetadata& metadata, const std::vector<OGRLayer*>& layers) {
  if (layers.size() == 1) return {metadata};
  std::vector<DatasetMetadata> result;
  std::map<std::string, std::string> layer_by_id;
  for (OGRLayer* layer : layers) {
    const std::string name = layer->GetName();
    DatasetMetadata layer_metadata = metadata;
    layer_metadata.id = layer_dataset_id(metadata.id, name);
    layer_metadata.title = fmt::format("{} ({})", metadata.title.empty() ? metadata.id : metadata.title, name);
    validate_dataset_id(layer_metadata.id);
    const auto [existing, inserted] = layer_by_id.emplace(layer_metadata.id, name);
    if (!inserted) {
      throw Error(ErrorKind::invalid_argument,
                  {fmt::format("the layers '{}' and '{}' both map to dataset id '{}'; publish them one at a time "
                               "with a layer name and an id",
                               existing->second, name, layer_metadata.id),
                   fmt::format("hai lớp '{}' và '{}' cùng ứng với mã bộ dữ liệu '{}'; hãy công bố từng lớp với tên "
                               "lớp và mã riêng",
                               existing->second, name, layer_metadata.id)});
    }
    result.push_back(std::move(layer_metadata));
  }
  return result;
}

}  // namespace

std::string layer_dataset_id(const std::string& id, const std::string& layer) {
  std::string suffix;
  for (char c : fold_for_search(layer)) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    suffix += allowed ? c : '_';
  }
  return id + "_" + suffix;
}

std::vector<std::string> list_layers(const IngestOptions& options) {
  OpenedSource source = open_source(options);
  std::vector<std::string> names;
  for (int i = 0; i < source.dataset->GetLayerCount(); ++i) names.emplace_back(source.dataset->GetLayer(i)->GetName());
  return names;
}

std::vector<IngestReport> ingest_layers(Store& store, const DatasetMetadata& metadata, const IngestOptions& options) {
  validate_dataset_id(metadata.id);
  OpenedSource source = open_source(options);
  const std::vector<OGRLayer*> layers = chosen_layers(*source.dataset, options);
  const std::vector<DatasetMetadata> datasets = metadata_per_layer(metadata, layers);

  std::unique_ptr<PublishBatch> batch = store.begin_publish_batch();
  std::vector<IngestReport> reports;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    std::unique_ptr<PublishTransaction> publish = batch->begin_dataset(datasets[i], options.create_only);
    reports.push_back(ingest_layer(*publish, *layers[i], source.decode, options, datasets[i].temporal_property));
  }
  batch->commit();
  return reports;
}

}  // namespace bando::data

#include "server/handlers/dataset_json.hpp"
#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

void write_issues(JsonWriter& writer, const char* key, const std::vector<data::FeatureIssue>& issues) {
  writer.Key(key);
  writer.StartArray();
  for (const auto& issue : issues) {
    writer.StartObject();
    writer.Key("featureId");
    write_string(writer, issue.feature_id);
    writer.Key("reason");
    write_string(writer, issue.reason);
    writer.EndObject();
  }
  writer.EndArray();
}

void write_versions(JsonWriter& writer, const std::vector<data::VersionInfo>& versions) {
  writer.Key("versions");
  writer.StartArray();
  for (const auto& version : versions) {
    writer.StartObject();
    writer.Key("version");
    writer.Int64(version.version);
    writer.Key("featureCount");
    writer.Int64(version.feature_count);
    writer.Key("created");
    write_string(writer, version.created);
    writer.Key("current");
    writer.Bool(version.current);
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

void write_dataset(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url,
                   Language language, const std::vector<data::VersionInfo>& versions) {
  const data::DatasetMetadata& m = dataset.metadata;
  writer.StartObject();
  writer.Key("id");
  write_string(writer, m.id);
  writer.Key("title");
  write_string(writer, m.title);
  writer.Key("description");
  write_string(writer, m.description);
  writer.Key("publisher");
  write_string(writer, m.publisher);
  writer.Key("license");
  write_string(writer, m.license);
  writer.Key("keywords");
  writer.StartArray();
  for (const auto& keyword : m.keywords) write_string(writer, keyword);
  writer.EndArray();
  writer.Key("version");
  writer.Int64(dataset.version);
  writer.Key("featureCount");
  writer.Int64(dataset.feature_count);
  writer.Key("bbox");
  if (dataset.extent_lonlat.empty()) {
    writer.Null();
  } else {
    write_bbox(writer, dataset.extent_lonlat);
  }
  writer.Key("geometryType");
  write_string(writer, dataset.geometry_type);
  writer.Key("sourceCrs");
  write_string(writer, dataset.source_crs);
  if (!m.temporal_property.empty()) {
    writer.Key("temporalProperty");
    write_string(writer, m.temporal_property);
  }
  writer.Key("updated");
  write_string(writer, dataset.updated);
  if (!versions.empty()) write_versions(writer, versions);

  const std::string self = base_url + "/datasets/" + m.id;
  writer.Key("links");
  writer.StartArray();
  write_link(writer, self, "self", "application/json");
  write_link(writer, base_url + "/collections/" + m.id + "/items?limit=10000", "items", "application/geo+json",
             "GeoJSON");
  write_link(writer, self + ".jsonld", "alternate", "application/ld+json", "DCAT-AP");
  write_link(writer, self + ".geojson", "enclosure", "application/geo+json",
             link_title(LinkTitle::geojson_download, language));
  write_link(writer, self + ".gpkg", "enclosure", "application/geopackage+sqlite3",
             link_title(LinkTitle::geopackage_download, language));
  writer.EndArray();
  writer.EndObject();
}

void write_ingest_report(JsonWriter& writer, const data::IngestReport& report) {
  writer.StartObject();
  writer.Key("read");
  writer.Int64(report.read);
  writer.Key("written");
  writer.Int64(report.written);
  writer.Key("repaired");
  writer.Int64(report.repaired);
  writer.Key("rejected");
  writer.Int64(report.rejected);
  write_issues(writer, "repairs", report.repairs);
  write_issues(writer, "rejections", report.rejections);
  write_issues(writer, "unparsedTimes", report.unparsed_times);
  writer.Key("warnings");
  writer.StartArray();
  for (const auto& warning : report.warnings) write_string(writer, warning);
  writer.EndArray();
  writer.EndObject();
}

}  // namespace bando::server

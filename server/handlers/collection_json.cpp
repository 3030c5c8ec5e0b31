#include "server/handlers/collection_json.hpp"
#include "server/handlers/link_titles.hpp"

#include "geo/projection.hpp"

namespace bando::server {
namespace {

constexpr const char* kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

// extent.temporal of OGC API - Features: [[start, end]], with null for a side
// that no parsed value bounds and for both sides without a temporal property.
void write_temporal_extent(JsonWriter& writer, const data::DatasetInfo& dataset) {
  writer.Key("temporal");
  writer.StartObject();
  writer.Key("interval");
  writer.StartArray();
  writer.StartArray();
  if (dataset.temporal_extent) {
    write_string(writer, data::format_rfc3339(dataset.temporal_extent->start_ms));
    write_string(writer, data::format_rfc3339(dataset.temporal_extent->end_ms));
  } else {
    writer.Null();
    writer.Null();
  }
  writer.EndArray();
  writer.EndArray();
  writer.Key("trs");
  writer.String("http://www.opengis.net/def/uri/ISO-8601/0/Gregorian");
  writer.EndObject();
}

void write_extent(JsonWriter& writer, const data::DatasetInfo& dataset) {
  writer.Key("extent");
  writer.StartObject();
  writer.Key("spatial");
  writer.StartObject();
  writer.Key("bbox");
  writer.StartArray();
  if (!dataset.extent_lonlat.empty()) write_bbox(writer, dataset.extent_lonlat);
  writer.EndArray();
  writer.Key("crs");
  writer.String(kCrs84);
  writer.EndObject();
  write_temporal_extent(writer, dataset);
  writer.EndObject();
}

void write_links(JsonWriter& writer, const std::string& base, const std::string& id, Language language) {
  const std::string collection = base + "/collections/" + id;
  writer.Key("links");
  writer.StartArray();
  write_link(writer, collection, "self", "application/json");
  write_link(writer, collection + "?f=html", "alternate", "text/html",
             link_title(LinkTitle::this_collection_as_html, language));
  write_link(writer, collection + "/items", "items", "application/geo+json", link_title(LinkTitle::features, language));
  write_link(writer, collection + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
             "application/schema+json", link_title(LinkTitle::queryables, language));
  write_link(writer, collection + "/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
             "application/json", link_title(LinkTitle::vector_tilesets, language));
  write_link(writer, base + "/tiles/" + id + ".json", "describedby", "application/json", "TileJSON");
  write_link(writer, base + "/tiles/" + id + "/{z}/{x}/{y}.mvt", "item", "application/vnd.mapbox-vector-tile",
             "Mapbox Vector Tiles");
  writer.EndArray();
}

}  // namespace

void write_collection(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url,
                      Language language) {
  const data::DatasetMetadata& m = dataset.metadata;
  writer.StartObject();
  writer.Key("id");
  write_string(writer, m.id);
  writer.Key("title");
  write_string(writer, m.title);
  writer.Key("description");
  write_string(writer, m.description);
  writer.Key("itemType");
  writer.String("feature");
  // Every CRS that `crs` and `bbox-crs` accept; geometries are stored in EPSG:3857.
  writer.Key("crs");
  writer.StartArray();
  for (const geo::Crs& crs : geo::supported_crs()) write_string(writer, crs.uri);
  writer.EndArray();
  writer.Key("storageCrs");
  write_string(writer, geo::storage_crs().uri);
  write_extent(writer, dataset);
  write_links(writer, base_url, m.id, language);

  writer.Key("publisher");
  write_string(writer, m.publisher);
  writer.Key("license");
  write_string(writer, m.license);
  writer.Key("keywords");
  writer.StartArray();
  for (const std::string& keyword : m.keywords) write_string(writer, keyword);
  writer.EndArray();
  writer.Key("basemap");
  writer.Bool(m.is_basemap);
  writer.Key("geometryType");
  write_string(writer, dataset.geometry_type);
  writer.Key("featureCount");
  writer.Int64(dataset.feature_count);
  writer.Key("version");
  writer.Int64(dataset.version);
  writer.Key("updated");
  write_string(writer, dataset.updated);
  writer.EndObject();
}

}  // namespace bando::server

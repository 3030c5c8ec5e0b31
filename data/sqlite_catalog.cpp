#include "data/sqlite_catalog.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace bando::data {
namespace {

FieldType parse_field_type(std::string_view name) {
  if (name == "integer") return FieldType::integer;
  if (name == "number") return FieldType::real;
  if (name == "boolean") return FieldType::boolean;
  return FieldType::string;
}

std::vector<std::string> keywords_from_json(std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  std::vector<std::string> keywords;
  if (!document.IsArray()) return keywords;
  for (const auto& value : document.GetArray())
    if (value.IsString()) keywords.emplace_back(value.GetString(), value.GetStringLength());
  return keywords;
}

std::vector<Field> fields_from_json(std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  std::vector<Field> fields;
  if (!document.IsArray()) return fields;
  for (const auto& value : document.GetArray()) {
    if (!value.IsObject() || !value.HasMember("name") || !value.HasMember("type")) continue;
    fields.push_back({value["name"].GetString(), parse_field_type(value["type"].GetString())});
  }
  return fields;
}

}  // namespace

const char* const kDatasetColumns =
    "id, title, description, publisher, license, keywords, is_basemap, min_zoom, max_zoom, "
    "version, feature_count, min_lon, min_lat, max_lon, max_lat, geometry_type, source_crs, "
    "fields, updated, temporal_property, time_min, time_max";

DatasetInfo read_dataset_row(const Statement& row) {
  DatasetInfo info;
  DatasetMetadata& m = info.metadata;
  m.id = row.column_text(0);
  m.title = row.column_text(1);
  m.description = row.column_text(2);
  m.publisher = row.column_text(3);
  m.license = row.column_text(4);
  m.keywords = keywords_from_json(row.column_text(5));
  m.is_basemap = row.column_int(6) != 0;
  m.min_zoom = static_cast<int>(row.column_int(7));
  m.max_zoom = static_cast<int>(row.column_int(8));
  info.version = row.column_int(9);
  info.feature_count = row.column_int(10);
  if (!row.is_null(11)) {
    info.extent_lonlat = {row.column_double(11), row.column_double(12), row.column_double(13),
                          row.column_double(14)};
  }
  info.geometry_type = row.column_text(15);
  info.source_crs = row.column_text(16);
  info.fields = fields_from_json(row.column_text(17));
  info.updated = row.column_text(18);
  m.temporal_property = row.column_text(19);
  if (!row.is_null(20) && !row.is_null(21)) info.temporal_extent = TimeInterval{row.column_int(20), row.column_int(21)};
  return info;
}

std::string keywords_to_json(const std::vector<std::string>& keywords) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const auto& keyword : keywords) writer.String(keyword);
  writer.EndArray();
  return buffer.GetString();
}

std::string fields_to_json(const std::vector<Field>& fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const auto& field : fields) {
    writer.StartObject();
    writer.Key("name");
    writer.String(field.name);
    writer.Key("type");
    writer.String(to_json_schema_type(field.type));
    writer.EndObject();
  }
  writer.EndArray();
  return buffer.GetString();
}

std::optional<std::int64_t> find_version_key(SqliteConnection& db, std::string_view dataset_id,
                                             std::int64_t version) {
  auto statement =
      version == 0
          ? db.prepare("SELECT v.key FROM dataset_versions v JOIN datasets d "
                       "ON d.id = v.dataset_id AND d.version = v.version WHERE d.id = ?")
          : db.prepare("SELECT key FROM dataset_versions WHERE dataset_id = ? AND version = ?");
  statement.bind(1, dataset_id);
  if (version != 0) statement.bind(2, version);
  if (!statement.step()) return std::nullopt;
  return statement.column_int(0);
}

}  // namespace bando::data

#include "server/handlers/unit_json.hpp"

#include "data/gazetteer/former_import.hpp"

namespace bando::server {
namespace {

void write_optional_text(JsonWriter& writer, std::string_view text) {
  if (text.empty()) {
    writer.Null();
  } else {
    write_string(writer, text);
  }
}

void write_unit_fields(JsonWriter& writer, const data::AdminUnit& unit) {
  writer.Key("code");
  write_string(writer, unit.code);
  writer.Key("name");
  write_string(writer, unit.name);
  writer.Key("fullName");
  write_string(writer, unit.full_name);
  writer.Key("type");
  write_string(writer, unit.type);
  writer.Key("level");
  write_string(writer, level_name(unit.level));
}

void write_summary(JsonWriter& writer, const data::AdminUnit& unit) {
  writer.StartObject();
  write_unit_fields(writer, unit);
  writer.Key("postcodes");
  writer.StartArray();
  for (const auto& postcode : unit.postcodes) write_string(writer, postcode);
  writer.EndArray();
  writer.Key("validFrom");
  write_optional_text(writer, unit.valid_from);
  writer.Key("validTo");
  write_optional_text(writer, unit.valid_to);
  writer.EndObject();
}

void write_body(JsonWriter& writer, const data::AdminUnit& unit) {
  write_unit_fields(writer, unit);

  writer.Key("province");
  writer.StartObject();
  writer.Key("code");
  write_string(writer, unit.province_code);
  writer.Key("name");
  write_string(writer, unit.province_name);
  writer.EndObject();
  writer.Key("parentCode");
  write_optional_text(writer, unit.parent_code);
  writer.Key("postcodes");
  writer.StartArray();
  for (const auto& postcode : unit.postcodes) write_string(writer, postcode);
  writer.EndArray();

  writer.Key("centroid");
  if (unit.centroid) {
    writer.StartObject();
    writer.Key("lon");
    writer.Double(unit.centroid->x);
    writer.Key("lat");
    writer.Double(unit.centroid->y);
    writer.EndObject();
  } else {
    writer.Null();
  }

  writer.Key("validFrom");
  write_optional_text(writer, unit.valid_from);
  writer.Key("validTo");
  write_optional_text(writer, unit.valid_to);
}

}  // namespace

std::string_view level_name(int level) {
  if (level == data::kProvinceLevel) return "province";
  return level == data::kDistrictLevel ? "district" : "commune";
}

void write_unit(JsonWriter& writer, const data::AdminUnit& unit) {
  writer.StartObject();
  write_body(writer, unit);
  writer.EndObject();
}

void write_unit_with_links(JsonWriter& writer, const data::Gazetteer& gazetteer, const data::AdminUnit& unit) {
  writer.StartObject();
  write_body(writer, unit);

  const bool former = !unit.valid_to.empty();
  writer.Key(former ? "replacedBy" : "formedFrom");
  writer.StartArray();
  for (const data::Gazetteer::Link& link : former ? gazetteer.successors(unit) : gazetteer.predecessors(unit)) {
    writer.StartObject();
    writer.Key("mergeType");
    writer.String(data::merge_type_name(link.merge_type));
    writer.Key("unit");
    write_summary(writer, *link.unit);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
}

}  // namespace bando::server

#include "data/ingest_properties.hpp"

#include <cmath>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

FieldType field_type(const OGRFieldDefn& definition) {
  switch (definition.GetType()) {
    case OFTInteger:
      return definition.GetSubType() == OFSTBoolean ? FieldType::boolean : FieldType::integer;
    case OFTInteger64:
      return FieldType::integer;
    case OFTReal:
      return FieldType::real;
    default:
      return FieldType::string;
  }
}

void write_real(JsonWriter& writer, double value) {
  if (std::isfinite(value)) {
    writer.Double(value);
  } else if (std::isnan(value)) {
    writer.String("NaN");
  } else {
    writer.String(value > 0 ? "Infinity" : "-Infinity");
  }
}

void write_date(JsonWriter& writer, const OGRFeature& feature, int index, OGRFieldType type) {
  writer.String(ogr_date_text(feature, index, type));
}

}  // namespace

std::string ogr_date_text(const OGRFeature& feature, int index, OGRFieldType type) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, tz = 0;
  float second = 0;
  feature.GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &tz);
  std::string text;
  if (type == OFTDate) {
    text = fmt::format("{:04}-{:02}-{:02}", year, month, day);
  } else if (type == OFTTime) {
    text = fmt::format("{:02}:{:02}:{:06.3f}", hour, minute, second);
  } else {
    text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:06.3f}", year, month, day, hour, minute, second);
    // OGR's TZFlag: 100 = UTC, each step of 1 = 15 minutes; 0 and 1 = unknown or local.
    if (tz == 100) {
      text += 'Z';
    } else if (tz > 1) {
      const int offset = (tz - 100) * 15;
      text += fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
    }
  }
  return text;
}

namespace {

void write_list(JsonWriter& writer, const OGRFeature& feature, int index, OGRFieldType type, TextDecoder decode) {
  int count = 0;
  writer.StartArray();
  if (type == OFTIntegerList) {
    const int* values = feature.GetFieldAsIntegerList(index, &count);
    for (int i = 0; i < count; ++i) writer.Int(values[i]);
  } else if (type == OFTInteger64List) {
    const GIntBig* values = feature.GetFieldAsInteger64List(index, &count);
    for (int i = 0; i < count; ++i) writer.Int64(values[i]);
  } else if (type == OFTRealList) {
    const double* values = feature.GetFieldAsDoubleList(index, &count);
    for (int i = 0; i < count; ++i) write_real(writer, values[i]);
  } else {
    char** values = feature.GetFieldAsStringList(index);
    for (int i = 0; values != nullptr && values[i] != nullptr; ++i) writer.String(decode(values[i]));
  }
  writer.EndArray();
}

void write_value(JsonWriter& writer, const OGRFeature& feature, int index, const OGRFieldDefn& definition,
                 TextDecoder decode) {
  const OGRFieldType type = definition.GetType();
  switch (type) {
    case OFTInteger:
      if (definition.GetSubType() == OFSTBoolean) {
        writer.Bool(feature.GetFieldAsInteger(index) != 0);
      } else {
        writer.Int(feature.GetFieldAsInteger(index));
      }
      return;
    case OFTInteger64:
      writer.Int64(feature.GetFieldAsInteger64(index));
      return;
    case OFTReal:
      write_real(writer, feature.GetFieldAsDouble(index));
      return;
    case OFTDate:
    case OFTTime:
    case OFTDateTime:
      write_date(writer, feature, index, type);
      return;
    case OFTIntegerList:
    case OFTInteger64List:
    case OFTRealList:
    case OFTStringList:
      write_list(writer, feature, index, type, decode);
      return;
    case OFTBinary: {
      int size = 0;
      const GByte* bytes = feature.GetFieldAsBinary(index, &size);
      std::string hex;
      hex.reserve(static_cast<std::size_t>(size) * 2);
      for (int i = 0; i < size; ++i) hex += fmt::format("{:02x}", bytes[i]);
      writer.String(hex);
      return;
    }
    default:
      writer.String(decode(feature.GetFieldAsString(index)));
      return;
  }
}

}  // namespace

std::vector<Field> describe_fields(const OGRFeatureDefn& definition, TextDecoder decode) {
  std::vector<Field> fields;
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn* field = definition.GetFieldDefn(i);
    fields.push_back({decode(field->GetNameRef()), field_type(*field)});
  }
  return fields;
}

std::string properties_to_json(const OGRFeature& feature, const std::vector<Field>& fields, TextDecoder decode) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  const OGRFeatureDefn* definition = feature.GetDefnRef();
  for (int i = 0; i < definition->GetFieldCount(); ++i) {
    const std::string& key = fields[static_cast<std::size_t>(i)].name;
    writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    if (!feature.IsFieldSetAndNotNull(i)) {
      writer.Null();
      continue;
    }
    write_value(writer, feature, i, *definition->GetFieldDefn(i), decode);
  }
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace bando::data

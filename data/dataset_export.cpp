#include "data/dataset_export.hpp"

#include <memory>
#include <unordered_map>

#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

// `step` names what was being done, in English and Vietnamese.
[[noreturn]] void throw_gdal(const LocalizedText& step, const std::string& path) {
  const std::string reason = CPLGetLastErrorMsg();
  throw Error(ErrorKind::unavailable, {fmt::format("writing '{}' failed while {}: {}", path, step.en, reason),
                                       fmt::format("ghi '{}' thất bại khi {}: {}", path, step.vi, reason)});
}

OGRwkbGeometryType layer_geometry_type(const std::string& name) {
  if (name == "Point") return wkbPoint;
  if (name == "LineString") return wkbLineString;
  if (name == "Polygon") return wkbPolygon;
  if (name == "MultiPoint") return wkbMultiPoint;
  if (name == "MultiLineString") return wkbMultiLineString;
  if (name == "MultiPolygon") return wkbMultiPolygon;
  if (name == "GeometryCollection") return wkbGeometryCollection;
  return wkbUnknown;  // "Mixed" and "None"
}

OGRErr add_field(OGRLayer& layer, const Field& field) {
  OGRFieldDefn definition(field.name.c_str(), OFTString);
  switch (field.type) {
    case FieldType::integer:
      definition.SetType(OFTInteger64);
      break;
    case FieldType::real:
      definition.SetType(OFTReal);
      break;
    case FieldType::boolean:
      definition.SetType(OFTInteger);
      definition.SetSubType(OFSTBoolean);
      break;
    case FieldType::string:
      break;
  }
  return layer.CreateField(&definition);
}

// Sets the fields of `feature` from a stored properties object. Nested arrays
// and objects are written as JSON text.
void set_fields(OGRFeature& feature, std::string_view properties_json,
                const std::unordered_map<std::string, int>& field_index) {
  rapidjson::Document properties;
  properties.Parse(properties_json.data(), properties_json.size());
  if (properties.HasParseError() || !properties.IsObject()) return;
  for (const auto& member : properties.GetObject()) {
    const auto found = field_index.find(std::string(member.name.GetString(), member.name.GetStringLength()));
    if (found == field_index.end()) continue;
    const int index = found->second;
    const rapidjson::Value& value = member.value;
    if (value.IsNull()) {
      feature.SetFieldNull(index);
    } else if (value.IsBool()) {
      feature.SetField(index, value.GetBool() ? 1 : 0);
    } else if (value.IsInt64()) {
      feature.SetField(index, static_cast<GIntBig>(value.GetInt64()));
    } else if (value.IsNumber()) {
      feature.SetField(index, value.GetDouble());
    } else if (value.IsString()) {
      feature.SetField(index, std::string(value.GetString(), value.GetStringLength()).c_str());
    } else {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      value.Accept(writer);
      feature.SetField(index, buffer.GetString());
    }
  }
}

std::unique_ptr<OGRCoordinateTransformation> mercator_to_lonlat(const OGRSpatialReference& lonlat) {
  OGRSpatialReference mercator;
  mercator.importFromEPSG(3857);
  mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return std::unique_ptr<OGRCoordinateTransformation>(OGRCreateCoordinateTransformation(&mercator, &lonlat));
}

}  // namespace

void export_dataset(const Store& store, const DatasetInfo& dataset, const std::string& driver_name,
                    const std::string& path) {
  GDALAllRegister();
  CPLErrorReset();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) throw_gdal({fmt::format("finding the GDAL driver {}", driver_name), fmt::format("tìm trình điều khiển GDAL {}", driver_name)}, path);
  GDALDatasetUniquePtr output(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!output) throw_gdal({"creating the file", "tạo tệp"}, path);

  OGRSpatialReference lonlat;
  lonlat.importFromEPSG(4326);
  lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  CPLStringList layer_options;
  // RFC 7946 GeoJSON is always longitude/latitude on WGS 84 and has no "crs" member.
  if (driver_name == "GeoJSON") layer_options.AddNameValue("RFC7946", "YES");
  OGRLayer* layer = output->CreateLayer(dataset.metadata.id.c_str(), &lonlat,
                                        layer_geometry_type(dataset.geometry_type), layer_options.List());
  if (layer == nullptr) throw_gdal({"creating the layer", "tạo lớp"}, path);
  std::unordered_map<std::string, int> field_index;
  for (const Field& field : dataset.fields) {
    if (add_field(*layer, field) != OGRERR_NONE) throw_gdal({fmt::format("adding field '{}'", field.name), fmt::format("thêm trường '{}'", field.name)}, path);
    field_index.emplace(field.name, layer->GetLayerDefn()->GetFieldCount() - 1);
  }
  const auto transform = mercator_to_lonlat(lonlat);
  if (!transform) throw_gdal({"setting up the transformation from EPSG:3857", "tạo phép chuyển đổi từ EPSG:3857"}, path);

  // GeoPackage writes much faster in one transaction. GeoJSON has none and writes as it goes.
  const bool transactional = output->TestCapability(ODsCTransactions) != 0;
  if (transactional && output->StartTransaction() != OGRERR_NONE) {
    throw_gdal({"starting a transaction", "bắt đầu giao dịch"}, path);
  }
  FeatureQuery query;
  query.version = dataset.version;
  store.scan_features(dataset.metadata.id, query, [&](const FeatureRecord& record) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetFID(record.id);
    if (!record.wkb.empty()) {
      OGRGeometry* geometry = nullptr;
      if (OGRGeometryFactory::createFromWkb(record.wkb.data(), nullptr, &geometry, record.wkb.size()) != OGRERR_NONE) {
        throw_gdal({fmt::format("decoding the geometry of feature {}", record.id), fmt::format("giải mã hình học của đối tượng {}", record.id)}, path);
      }
      std::unique_ptr<OGRGeometry> owned(geometry);
      if (owned->transform(transform.get()) != OGRERR_NONE) {
        throw_gdal({fmt::format("transforming feature {} to EPSG:4326", record.id), fmt::format("chuyển đối tượng {} sang EPSG:4326", record.id)}, path);
      }
      feature.SetGeometryDirectly(owned.release());
    }
    set_fields(feature, record.properties_json, field_index);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw_gdal({fmt::format("writing feature {}", record.id), fmt::format("ghi đối tượng {}", record.id)}, path);
  });
  if (transactional && output->CommitTransaction() != OGRERR_NONE) {
    throw_gdal({"committing the transaction", "xác nhận giao dịch"}, path);
  }
  // Closing flushes the file; GDAL 3.6 reports a failed flush only through CPLError.
  CPLErrorReset();
  output.reset();
  if (CPLGetLastErrorType() == CE_Failure) throw_gdal({"closing the file", "đóng tệp"}, path);
}

}  // namespace bando::data

#include "data/ingest.hpp"

#include <optional>
#include <set>

#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <spdlog/spdlog.h>

#include "data/ingest_crs.hpp"
#include "data/ingest_encoding.hpp"
#include "data/ingest_geometry.hpp"
#include "data/ingest_properties.hpp"
#include "data/ingest_source.hpp"
#include "data/ingest_temporal.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

[[noreturn]] void throw_invalid(std::string en, std::string vi) {
  throw Error(ErrorKind::invalid_argument, {std::move(en), std::move(vi)});
}

bool has_extension(const std::string& path, const char* extension) {
  const std::string lower = CPLString(CPLGetExtension(path.c_str())).tolower();
  return lower == extension;
}

// CSV needs hints to find coordinates: lon/lat columns under their usual
// English and Vietnamese names, or a WKT column.
CPLStringList open_options_for(const std::string& path, const IngestOptions& ingest) {
  CPLStringList options;
  // Only the Shapefile driver reads ENCODING; other drivers log that they ignore it.
  // CP1258 is read as raw bytes and decoded by decode_cp1258(), because GDAL's
  // recoding of it drops the last letter of each value.
  if (ingest.encoding) options.AddNameValue("ENCODING", is_cp1258(*ingest.encoding) ? "" : ingest.encoding->c_str());
  if (has_extension(path, "csv")) {
    options.AddNameValue("X_POSSIBLE_NAMES", "lon,lng,long,longitude,x,kinh_do,kinh độ,kinhdo");
    options.AddNameValue("Y_POSSIBLE_NAMES", "lat,latitude,y,vi_do,vĩ độ,vido");
    options.AddNameValue("GEOM_POSSIBLE_NAMES", "wkt,geom,geometry,the_geom");
    options.AddNameValue("KEEP_GEOM_COLUMNS", "YES");
    options.AddNameValue("AUTODETECT_TYPE", "YES");
  }
  return options;
}

// GDAL reads a .zip (a zipped Shapefile) and a .kmz (zipped KML) through /vsizip/.
std::string gdal_path_for(const std::string& path) {
  if (path.starts_with("/vsi")) return path;
  if (has_extension(path, "zip")) return "/vsizip/" + path;
  if (has_extension(path, "kmz") && GDALGetDriverByName("LIBKML") == nullptr) {
    const std::string folder = "/vsizip/" + path;
    const CPLStringList entries(VSIReadDir(folder.c_str()));
    for (int i = 0; i < entries.size(); ++i) {
      if (has_extension(entries[i], "kml")) return folder + "/" + entries[i];
    }
  }
  return path;
}

GDALDatasetUniquePtr open_vector(const std::string& original_path, const IngestOptions& ingest) {
  CPLErrorReset();
  const std::string path = gdal_path_for(original_path);
  const CPLStringList options = open_options_for(path, ingest);
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                 nullptr, options.List(), nullptr));
  if (!dataset) {
    VSIStatBufL status;
    // GDAL's own message is English only; bando's fallbacks have both languages.
    std::string reason = CPLGetLastErrorMsg();
    std::string reason_vi = reason;
    if (reason.empty()) {
      const bool missing = VSIStatL(path.c_str(), &status) != 0;
      reason = missing ? "file not found" : "no GDAL driver reads it as vector data";
      reason_vi = missing ? "không tìm thấy tệp" : "không driver GDAL nào đọc được tệp này như dữ liệu vector";
    }
    throw_invalid(fmt::format("cannot open '{}' as a vector dataset: {}", path, reason),
                  fmt::format("không mở được '{}' như dữ liệu vector: {}", path, reason_vi));
  }
  return dataset;
}

}  // namespace

OGRLayer& select_layer(GDALDataset& dataset, const IngestOptions& options) {
  OGRLayer* layer = options.layer ? dataset.GetLayerByName(options.layer->c_str()) : dataset.GetLayer(0);
  if (layer == nullptr) {
    const std::string name = options.layer.value_or("(first layer)");
    throw_invalid(fmt::format("'{}' has no layer '{}'", options.path, name),
                  fmt::format("'{}' không có lớp '{}'", options.path, name));
  }
  return *layer;
}

namespace {

OGRSpatialReference resolve_source_crs(OGRLayer& layer, const IngestOptions& options,
                                       std::vector<std::string>& warnings) {
  OGRSpatialReference crs;
  if (options.source_crs) {
    // PROJ also prints an unknown code to stderr, so silence it and report it once below.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const OGRErr parsed = crs.SetFromUserInput(options.source_crs->c_str());
    CPLPopErrorHandler();
    if (parsed != OGRERR_NONE) {
      throw_invalid(fmt::format("unknown source CRS '{}'", *options.source_crs),
                    fmt::format("không nhận ra hệ tọa độ nguồn '{}'", *options.source_crs));
    }
    return crs;
  }
  if (const OGRSpatialReference* declared = layer.GetSpatialRef()) {
    if (auto warning = check_vn2000_on_wgs84(*declared)) warnings.push_back(*warning);
    return *declared;
  }
  warnings.push_back("the file declares no CRS; WGS 84 longitude/latitude (EPSG:4326) was assumed");
  crs.importFromEPSG(4326);
  return crs;
}

// "EPSG:5897" where the CRS has an EPSG code, otherwise its name.
std::string describe_crs(const OGRSpatialReference& crs) {
  OGRSpatialReference copy(crs);
  const char* authority = copy.GetAuthorityName(nullptr);
  const char* code = copy.GetAuthorityCode(nullptr);
  if (authority && code) return fmt::format("{}:{}", authority, code);
  if (copy.AutoIdentifyEPSG() == OGRERR_NONE && copy.GetAuthorityCode(nullptr)) {
    return fmt::format("EPSG:{}", copy.GetAuthorityCode(nullptr));
  }
  const char* name = crs.GetName();
  return name ? name : "unknown";
}

std::string feature_label(const OGRFeature& feature, std::int64_t position) {
  const GIntBig fid = feature.GetFID();
  return fid == OGRNullFID ? fmt::format("#{}", position) : std::to_string(fid);
}

// Returns the next feature, or null at the end. A read error mid-file throws
// instead of ending the loop, so a damaged file is never published truncated.
OGRFeatureUniquePtr read_next_feature(OGRLayer& layer, const std::string& path, std::int64_t read_so_far) {
  CPLErrorReset();
  OGRFeatureUniquePtr feature(layer.GetNextFeature());
  if (!feature && CPLGetLastErrorType() == CE_Failure) {
    const std::string reason = CPLGetLastErrorMsg();
    throw_invalid(fmt::format("reading '{}' failed after {} features: {}", path, read_so_far, reason),
                  fmt::format("đọc '{}' thất bại sau {} đối tượng: {}", path, read_so_far, reason));
  }
  return feature;
}

// Adds one feature, or returns why the store rejected its geometry (for
// example a multipoint with a NaN member, which the envelope check misses).
std::optional<std::string> add_to_publish(PublishTransaction& publish, const PreparedGeometry& geometry,
                                          const std::string& properties, const std::optional<TimeInterval>& time) {
  try {
    publish.add_feature(geometry.wkb, geometry.bounds, properties, time);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::invalid_argument) throw;
    return error.detail().en;
  }
  return std::nullopt;
}

std::string summarize_types(const std::set<std::string>& types) {
  if (types.empty()) return "None";
  if (types.size() == 1) return *types.begin();
  return "Mixed";
}

}  // namespace

OpenedSource open_source(const IngestOptions& options) {
  GDALAllRegister();
  OpenedSource source{open_vector(options.path, options), to_nfc};
  if (options.encoding && is_cp1258(*options.encoding)) source.decode = decode_cp1258;
  const char* cpg_encoding = select_layer(*source.dataset, options).GetMetadataItem("SOURCE_ENCODING", "SHAPEFILE");
  if (!options.encoding && cpg_encoding != nullptr && is_cp1258(cpg_encoding)) {
    // The .cpg names CP1258: reopen without GDAL's recoding and decode here.
    IngestOptions raw = options;
    raw.encoding = "CP1258";
    source.dataset = open_vector(options.path, raw);
    source.decode = decode_cp1258;
  }
  return source;
}

IngestReport ingest_layer(PublishTransaction& publish, OGRLayer& layer, TextDecoder decode,
                          const IngestOptions& options, const std::string& temporal_property) {
  IngestReport report;
  const OGRSpatialReference source_crs = resolve_source_crs(layer, options, report.warnings);
  GeometryPreparer preparer(source_crs);
  const std::vector<Field> fields = describe_fields(*layer.GetLayerDefn(), decode);

  std::optional<TemporalReader> temporal;
  if (!temporal_property.empty()) temporal.emplace(*layer.GetLayerDefn(), fields, temporal_property, decode);

  std::set<std::string> geometry_types;
  std::int64_t without_geometry = 0;
  if (options.on_feature_count) options.on_feature_count(layer.GetFeatureCount(FALSE));
  layer.ResetReading();
  while (true) {
    OGRFeatureUniquePtr feature = read_next_feature(layer, options.path, report.read);
    if (!feature) break;
    ++report.read;
    if (options.on_progress && report.read % options.progress_interval == 0) options.on_progress(report.read);

    PreparedGeometry geometry = preparer.prepare(feature->GetGeometryRef());
    if (!geometry.rejection.empty()) {
      ++report.rejected;
      report.rejections.push_back({feature_label(*feature, report.read), geometry.rejection});
      continue;
    }
    std::optional<TimeInterval> time;
    if (temporal) time = temporal->read(*feature, feature_label(*feature, report.read), report);
    if (auto rejection = add_to_publish(publish, geometry, properties_to_json(*feature, fields, decode), time)) {
      ++report.rejected;
      report.rejections.push_back({feature_label(*feature, report.read), *rejection});
      continue;
    }
    if (!geometry.repair.empty()) {
      ++report.repaired;
      report.repairs.push_back({feature_label(*feature, report.read), geometry.repair});
    }
    if (!geometry.geometry_type.empty()) geometry_types.insert(geometry.geometry_type);
    if (geometry.wkb.empty()) ++without_geometry;
    ++report.written;
  }
  if (without_geometry > 0) {
    report.warnings.push_back(fmt::format("{} features have no geometry; they are published and listed by items, "
                                          "but no tile or bbox query shows them",
                                          without_geometry));
  }

  if (report.read > 0 && report.written == 0) {
    throw_invalid(fmt::format("none of the {} features of '{}' could be published; first reason: {}",
                              report.read, options.path, report.rejections.front().reason),
                  fmt::format("không công bố được đối tượng nào trong {} đối tượng của '{}'; lý do đầu tiên: {}",
                              report.read, options.path, report.rejections.front().reason));
  }
  if (temporal) temporal->add_summary(report);
  report.dataset = publish.commit(fields, summarize_types(geometry_types), describe_crs(source_crs));
  return report;
}

IngestReport ingest_file(Store& store, const DatasetMetadata& metadata, const IngestOptions& options) {
  validate_dataset_id(metadata.id);
  OpenedSource source = open_source(options);
  OGRLayer& layer = select_layer(*source.dataset, options);
  std::unique_ptr<PublishTransaction> publish = store.begin_publish(metadata);
  return ingest_layer(*publish, layer, source.decode, options, metadata.temporal_property);
}

}  // namespace bando::data

// Tests of ingest_file on real files (the bundled data and small files written
// by each test) into a SqliteStore in a temp directory.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <cpl_error.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "data_test_support.hpp"
#include "geo/tile_math.hpp"
#include "geo/wkb.hpp"

namespace bando::data {
namespace {

using testing::bundled_path;
using testing::count_feature_tables;
using testing::make_metadata;
using testing::parse_json;
using testing::query_count;
using testing::read_all;
using testing::StoredFeature;
using testing::TempDirectory;
using testing::thrown_kind;

IngestReport ingest(Store& store, const std::string& id, const std::string& path,
                    std::optional<std::string> source_crs = std::nullopt) {
  IngestOptions options;
  options.path = path;
  options.source_crs = std::move(source_crs);
  return ingest_file(store, make_metadata(id), options);
}

// Every vertex of a geometry, in any order.
void collect_vertices(const geo::Geometry& geometry, std::vector<geo::Point>& out) {
  out.insert(out.end(), geometry.points.begin(), geometry.points.end());
  for (const auto& line : geometry.lines) out.insert(out.end(), line.begin(), line.end());
  for (const auto& polygon : geometry.polygons)
    for (const auto& ring : polygon) out.insert(out.end(), ring.begin(), ring.end());
  for (const auto& member : geometry.members) collect_vertices(member, out);
}

std::vector<geo::Point> vertices_of(std::span<const std::uint8_t> wkb) {
  std::vector<geo::Point> vertices;
  collect_vertices(geo::decode_wkb(wkb), vertices);
  return vertices;
}

// The stored feature whose property `key` is the string `value`.
std::optional<StoredFeature> find_by_property(const Store& store, const std::string& dataset_id,
                                              const std::string& key, const std::string& value) {
  for (StoredFeature& feature : read_all(store, dataset_id)) {
    const rapidjson::Document properties = parse_json(feature.properties_json);
    if (properties.IsObject() && properties.HasMember(key.c_str()) && properties[key.c_str()].IsString() &&
        properties[key.c_str()].GetString() == value) {
      return std::move(feature);
    }
  }
  return std::nullopt;
}

// Reads one feature's geometry straight from a file with OGR, as WKB in the file's own coordinates.
std::vector<std::uint8_t> read_source_wkb(const std::string& path, const std::string& filter) {
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) return {};
  OGRLayer* layer = dataset->GetLayer(0);
  layer->SetAttributeFilter(filter.c_str());
  OGRFeatureUniquePtr feature(layer->GetNextFeature());
  if (!feature || feature->GetGeometryRef() == nullptr) return {};
  const OGRGeometry& geometry = *feature->GetGeometryRef();
  std::vector<std::uint8_t> wkb(geometry.WkbSize());
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

// Reads one feature's geometry from a file with OGR, as GeoJSON in the file's own coordinates.
std::string read_source_geojson_geometry(const std::string& path, const std::string& filter) {
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) return "";
  OGRLayer* layer = dataset->GetLayer(0);
  layer->SetAttributeFilter(filter.c_str());
  OGRFeatureUniquePtr feature(layer->GetNextFeature());
  if (!feature || feature->GetGeometryRef() == nullptr) return "";
  char* json = feature->GetGeometryRef()->exportToJson();
  std::string result = json;
  CPLFree(json);
  return result;
}

std::vector<geo::Point> lonlat_to_mercator(const std::vector<geo::Point>& lonlat) {
  std::vector<geo::Point> mercator;
  for (const geo::Point& point : lonlat) {
    mercator.push_back({geo::lon_to_mercator_x(point.x), geo::lat_to_mercator_y(point.y)});
  }
  return mercator;
}

// The largest distance from a point of `actual` to its nearest point of `expected`.
double max_nearest_distance(const std::vector<geo::Point>& actual, const std::vector<geo::Point>& expected) {
  double worst = 0;
  for (const geo::Point& a : actual) {
    double nearest = std::numeric_limits<double>::infinity();
    for (const geo::Point& e : expected) nearest = std::min(nearest, std::hypot(a.x - e.x, a.y - e.y));
    worst = std::max(worst, nearest);
  }
  return worst;
}

geo::Box bounds_of(const std::vector<geo::Point>& points) {
  geo::Box box;
  for (const geo::Point& point : points) box.expand(point.x, point.y);
  return box;
}

bool contains_lonlat(const geo::Box& box, double lon, double lat) {
  return box.min_x <= lon && lon <= box.max_x && box.min_y <= lat && lat <= box.max_y;
}

// The codes of stored features whose geometry intersects a lon/lat box.
std::vector<std::string> codes_in(const Store& store, const std::string& dataset_id, const geo::Box& lonlat) {
  FeatureQuery query;
  query.bbox_mercator = geo::lonlat_to_mercator(lonlat);
  std::vector<std::string> codes;
  for (const StoredFeature& feature : read_all(store, dataset_id, query)) {
    const rapidjson::Document properties = parse_json(feature.properties_json);
    codes.push_back(properties["code"].GetString());
  }
  return codes;
}

bool is_geos_valid(std::span<const std::uint8_t> wkb) {
  const geo::GeosGeometryPtr geometry = geo::geos_from_wkb(wkb);
  return GEOSisValid_r(geo::geos_context(), geometry.get()) == 1;
}

// Silences GDAL's and PROJ's error output on this thread while it lives, for
// tests whose input fails by design. CPLGetLastErrorMsg() still records errors.
class QuietGdalErrors {
 public:
  QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

const std::string kVn2000Wards = "vn2000/ha_noi_wards_2025_vn2000_tm3_105-00.shp";
const std::string kHaNoiWards = "admin/vn_wards_ha_noi_2025.geojson";
// Phường Ba Đình, a ward of 276 vertices in both files.
const std::string kBaDinhCode = "00004";

TEST(Ingest, ProvincesGeoJson) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const IngestReport report = ingest(store, "provinces", bundled_path("admin/vn_provinces_34_2025.geojson"));

  EXPECT_EQ(report.read, 34);
  EXPECT_EQ(report.written, 34);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.repaired, 0);
  EXPECT_TRUE(report.rejections.empty());
  EXPECT_EQ(report.dataset.geometry_type, "MultiPolygon");
  EXPECT_EQ(report.dataset.feature_count, 34);
  EXPECT_EQ(report.dataset.version, 1);
  EXPECT_EQ(report.dataset.source_crs, "EPSG:4326");
  EXPECT_TRUE(report.warnings.empty());

  const geo::Box extent = store.find_dataset("provinces")->extent_lonlat;
  EXPECT_TRUE(contains_lonlat(extent, 112.0, 16.5)) << "Hoàng Sa is outside the extent";
  EXPECT_TRUE(contains_lonlat(extent, 114.0, 10.0)) << "Trường Sa is outside the extent";
  // The extent the data manifest gives, 102.141°E 7.184°N to 117.828°E 23.393°N.
  EXPECT_NEAR(extent.min_x, 102.141, 0.001);
  EXPECT_NEAR(extent.min_y, 7.184, 0.001);
  EXPECT_NEAR(extent.max_x, 117.828, 0.001);
  EXPECT_NEAR(extent.max_y, 23.393, 0.001);

  // The islands themselves are stored, in the provinces they belong to.
  EXPECT_EQ(codes_in(store, "provinces", {111.0, 15.5, 113.0, 17.5}), (std::vector<std::string>{"48"}));
  EXPECT_EQ(codes_in(store, "provinces", {113.0, 9.0, 115.0, 11.0}), (std::vector<std::string>{"56"}));

  const std::vector<Field>& fields = report.dataset.fields;
  const auto has_field = [&](const std::string& name, FieldType type) {
    return std::find(fields.begin(), fields.end(), Field{name, type}) != fields.end();
  };
  EXPECT_TRUE(has_field("code", FieldType::string));
  EXPECT_TRUE(has_field("name", FieldType::string));
  EXPECT_TRUE(has_field("areaKm2", FieldType::real));
  EXPECT_TRUE(find_by_property(store, "provinces", "name", "Hà Nội").has_value());
}

TEST(Ingest, InvalidBiospherePolygonIsRepaired) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const IngestReport report = ingest(
      store, "biosphere", bundled_path("datasets/legocity_opendata/vn_biosphere_reserves_heritage.geojson"));

  EXPECT_EQ(report.written, 14);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.repaired, 1);
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_FALSE(report.repairs[0].feature_id.empty());
  EXPECT_NE(report.repairs[0].reason.find("MakeValid"), std::string::npos) << report.repairs[0].reason;

  const auto features = read_all(store, "biosphere");
  ASSERT_EQ(features.size(), 14u);
  for (const StoredFeature& feature : features) {
    SCOPED_TRACE(feature.id);
    ASSERT_FALSE(feature.wkb.empty());
    EXPECT_TRUE(is_geos_valid(feature.wkb));
  }
}

TEST(Ingest, HospitalsCsvWithLonLatColumns) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const IngestReport report =
      ingest(store, "hospitals", bundled_path("datasets/osm/ha_noi_hospitals_osm_2024-09.csv"));

  EXPECT_EQ(report.written, 252);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.dataset.geometry_type, "Point");

  // The first row: "Trạm y tế" at lat 20.9209274, lon 106.0948577.
  std::vector<geo::Point> first;
  ASSERT_TRUE(store.visit_feature("hospitals", 1, [&](const FeatureRecord& record) {
    first = vertices_of(record.wkb);
    const rapidjson::Document properties = parse_json(std::string(record.properties_json));
    EXPECT_STREQ(properties["name"].GetString(), "Trạm y tế");
  }));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_NEAR(first[0].x, geo::lon_to_mercator_x(106.0948577), 0.01);
  EXPECT_NEAR(first[0].y, geo::lat_to_mercator_y(20.9209274), 0.01);
}

TEST(Ingest, CsvWithVietnameseCoordinateColumns) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("ho.csv",
                                           "tên,kinh độ,vĩ độ\n"
                                           "Hồ Gươm,105.8523,21.0287\n"
                                           "Hồ Tây,105.8190,21.0545\n");
  const IngestReport report = ingest(store, "lakes", path);

  EXPECT_EQ(report.written, 2);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.dataset.geometry_type, "Point");
  const auto features = read_all(store, "lakes");
  ASSERT_EQ(features.size(), 2u);
  const std::vector<geo::Point> second = vertices_of(features[1].wkb);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NEAR(second[0].x, geo::lon_to_mercator_x(105.8190), 0.01);
  EXPECT_NEAR(second[0].y, geo::lat_to_mercator_y(21.0545), 0.01);
  EXPECT_NE(features[1].properties_json.find("Hồ Tây"), std::string::npos) << features[1].properties_json;
}

TEST(Ingest, CsvWithWktColumn) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("roads.csv",
                                           "name,WKT\n"
                                           "Cầu Long Biên,\"LINESTRING (105.8585 21.0433, 105.8735 21.0456)\"\n"
                                           "Bến,\"POINT (106.7009 10.7769)\"\n");
  const IngestReport report = ingest(store, "roads", path);

  EXPECT_EQ(report.written, 2);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.dataset.geometry_type, "Mixed");
  const auto features = read_all(store, "roads");
  ASSERT_EQ(features.size(), 2u);

  const geo::Geometry line = geo::decode_wkb(features[0].wkb);
  EXPECT_EQ(line.type, geo::GeometryType::line_string);
  const std::vector<geo::Point> line_vertices = vertices_of(features[0].wkb);
  ASSERT_EQ(line_vertices.size(), 2u);
  EXPECT_NEAR(line_vertices[1].x, geo::lon_to_mercator_x(105.8735), 0.01);
  EXPECT_NEAR(line_vertices[1].y, geo::lat_to_mercator_y(21.0456), 0.01);

  const std::vector<geo::Point> point = vertices_of(features[1].wkb);
  ASSERT_EQ(point.size(), 1u);
  EXPECT_NEAR(point[0].x, geo::lon_to_mercator_x(106.7009), 0.01);
  EXPECT_NEAR(point[0].y, geo::lat_to_mercator_y(10.7769), 0.01);
}

TEST(Ingest, Vn2000ShapefileMatchesWgs84Wards) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const IngestReport report = ingest(store, "wards_vn2000", bundled_path(kVn2000Wards));

  EXPECT_EQ(report.written, 126);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.dataset.source_crs, "EPSG:5897");
  EXPECT_TRUE(report.warnings.empty());

  const std::optional<StoredFeature> stored = find_by_property(store, "wards_vn2000", "code", kBaDinhCode);
  ASSERT_TRUE(stored.has_value());
  const std::vector<geo::Point> actual = vertices_of(stored->wkb);
  const std::vector<std::uint8_t> reference_wkb =
      read_source_wkb(bundled_path(kHaNoiWards), fmt::format("code = '{}'", kBaDinhCode));
  ASSERT_FALSE(reference_wkb.empty());
  const std::vector<geo::Point> expected = lonlat_to_mercator(vertices_of(reference_wkb));

  ASSERT_EQ(actual.size(), expected.size());
  // Without the VN-2000 datum shift the points would be about 200 m off.
  EXPECT_LT(max_nearest_distance(actual, expected), 1.0);
  const geo::Box actual_bounds = bounds_of(actual);
  const geo::Box expected_bounds = bounds_of(expected);
  EXPECT_NEAR(actual_bounds.min_x, expected_bounds.min_x, 1.0);
  EXPECT_NEAR(actual_bounds.min_y, expected_bounds.min_y, 1.0);
  EXPECT_NEAR(actual_bounds.max_x, expected_bounds.max_x, 1.0);
  EXPECT_NEAR(actual_bounds.max_y, expected_bounds.max_y, 1.0);
}

// A GeoJSON file with Ba Đình's polygon in EPSG:5897 metres and no CRS member.
std::string write_vn2000_geojson_without_crs(const TempDirectory& directory) {
  const std::string geometry =
      read_source_geojson_geometry(bundled_path(kVn2000Wards), fmt::format("code = '{}'", kBaDinhCode));
  return directory.write("ba_dinh_vn2000.geojson",
                         fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature",)"
                                     R"("properties":{{"code":"{}"}},"geometry":{}}}]}})",
                                     kBaDinhCode, geometry));
}

TEST(Ingest, SourceCrsOverrideAppliesVn2000) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = write_vn2000_geojson_without_crs(directory);
  const IngestReport report = ingest(store, "ba_dinh", path, "EPSG:5897");

  EXPECT_EQ(report.written, 1);
  EXPECT_EQ(report.rejected, 0);
  EXPECT_EQ(report.dataset.source_crs, "EPSG:5897");
  EXPECT_TRUE(report.warnings.empty());

  const auto features = read_all(store, "ba_dinh");
  ASSERT_EQ(features.size(), 1u);
  const std::vector<geo::Point> actual = vertices_of(features[0].wkb);
  const std::vector<std::uint8_t> reference_wkb =
      read_source_wkb(bundled_path(kHaNoiWards), fmt::format("code = '{}'", kBaDinhCode));
  const std::vector<geo::Point> expected = lonlat_to_mercator(vertices_of(reference_wkb));
  ASSERT_EQ(actual.size(), expected.size());
  EXPECT_LT(max_nearest_distance(actual, expected), 1.0);
}

TEST(Ingest, MetreCoordinatesWithoutCrsAreRejected) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = write_vn2000_geojson_without_crs(directory);

  EXPECT_EQ(thrown_kind([&] { ingest(store, "ba_dinh", path); }), ErrorKind::invalid_argument);
  EXPECT_FALSE(store.find_dataset("ba_dinh").has_value());
}

TEST(Ingest, UnknownSourceCrsIsInvalid) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  std::string message;
  EXPECT_EQ(thrown_kind([&] { ingest(store, "hospitals", bundled_path("datasets/osm/ha_noi_hospitals_osm_2024-09.csv"),
                                     "EPSG:999999"); },
                        &message),
            ErrorKind::invalid_argument);
  EXPECT_NE(message.find("EPSG:999999"), std::string::npos) << message;
  EXPECT_FALSE(store.find_dataset("hospitals").has_value());
}

TEST(Ingest, NullPolarAndBowTieFeatures) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("mixed.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":1,"properties":{"name":"Hồ Gươm"},"geometry":{"type":"Point","coordinates":[105.8523,21.0287]}},
    {"type":"Feature","id":2,"properties":{"name":"no geometry"},"geometry":null},
    {"type":"Feature","id":3,"properties":{"name":"near the pole"},"geometry":{"type":"Point","coordinates":[105.0,89.9]}},
    {"type":"Feature","id":4,"properties":{"name":"bow tie"},"geometry":{"type":"Polygon",
      "coordinates":[[[105.0,20.0],[106.0,21.0],[106.0,20.0],[105.0,21.0],[105.0,20.0]]]}}
  ]})");
  const IngestReport report = ingest(store, "mixed", path);

  EXPECT_EQ(report.read, 4);
  EXPECT_EQ(report.written, 3);
  EXPECT_EQ(report.rejected, 1);
  EXPECT_EQ(report.repaired, 1);
  ASSERT_EQ(report.rejections.size(), 1u);
  EXPECT_EQ(report.rejections[0].feature_id, "3");
  EXPECT_NE(report.rejections[0].reason.find("outside Web Mercator"), std::string::npos)
      << report.rejections[0].reason;
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0].feature_id, "4");
  EXPECT_NE(report.repairs[0].reason.find("Self-intersection"), std::string::npos) << report.repairs[0].reason;
  // The crossing of the bow tie, in degrees rather than Web Mercator metres.
  EXPECT_NE(report.repairs[0].reason.find("at lon 105.500000 lat 20.5"), std::string::npos) << report.repairs[0].reason;
  EXPECT_EQ(report.dataset.feature_count, 3);
  EXPECT_EQ(report.dataset.geometry_type, "Mixed");
  // The feature with a null geometry is published, and the report warns about it.
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("1 features have no geometry"), std::string::npos) << report.warnings[0];

  const auto features = read_all(store, "mixed");
  ASSERT_EQ(features.size(), 3u);
  EXPECT_FALSE(features[0].wkb.empty());
  EXPECT_TRUE(features[1].wkb.empty());
  EXPECT_NE(features[1].properties_json.find("no geometry"), std::string::npos);
  EXPECT_NE(features[2].properties_json.find("bow tie"), std::string::npos);
  ASSERT_FALSE(features[2].wkb.empty());
  EXPECT_TRUE(is_geos_valid(features[2].wkb));
  // The repair keeps both triangles of the bow tie.
  const geo::Geometry repaired = geo::decode_wkb(features[2].wkb);
  EXPECT_EQ(repaired.type, geo::GeometryType::multi_polygon);
  EXPECT_EQ(repaired.polygons.size(), 2u);

  // The extent ignores the rejected polar point.
  const geo::Box extent = store.find_dataset("mixed")->extent_lonlat;
  EXPECT_NEAR(extent.max_y, 21.0287, 1e-6);
}

TEST(Ingest, AllFeaturesRejectedWritesNothing) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  const std::string store_path = directory.file("store.sqlite");
  SqliteStore store(store_path);
  const std::string path = directory.write("polar.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":1,"properties":{"name":"a"},"geometry":{"type":"Point","coordinates":[0.0,89.9]}},
    {"type":"Feature","id":2,"properties":{"name":"b"},"geometry":{"type":"Point","coordinates":[10.0,-88.0]}}
  ]})");

  std::string message;
  EXPECT_EQ(thrown_kind([&] { ingest(store, "polar", path); }, &message), ErrorKind::invalid_argument);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_FALSE(store.find_dataset("polar").has_value());
  EXPECT_EQ(query_count(store_path, "SELECT count(*) FROM dataset_versions"), 0);
  EXPECT_EQ(count_feature_tables(store_path), 0);

  // The failed ingest released the writer.
  ingest(store, "hospitals", bundled_path("datasets/osm/ha_noi_hospitals_osm_2024-09.csv"));
  EXPECT_EQ(store.find_dataset("hospitals")->version, 1);
}

TEST(Ingest, MissingFileIsInvalid) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.file("does_not_exist.geojson");

  std::string message;
  EXPECT_EQ(thrown_kind([&] { ingest(store, "missing", path); }, &message), ErrorKind::invalid_argument);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("file not found"), std::string::npos) << message;
  EXPECT_FALSE(store.find_dataset("missing").has_value());
}

TEST(Ingest, NonGeodataFileIsInvalid) {
  const QuietGdalErrors quiet;
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("notes.txt", "Ghi chú: đây không phải dữ liệu bản đồ.\n");

  std::string message;
  EXPECT_EQ(thrown_kind([&] { ingest(store, "notes", path); }, &message), ErrorKind::invalid_argument);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_FALSE(store.find_dataset("notes").has_value());
}

TEST(Ingest, PropertyTypesAreKept) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("types.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","id":1,"properties":{"count":42,"ratio":0.5,"name":"abc","open":true,"note":null,
      "opened":"2024-09-27"},"geometry":{"type":"Point","coordinates":[105.85,21.03]}},
    {"type":"Feature","id":2,"properties":{"count":-7,"ratio":2.25,"name":"def","open":false,"note":"x",
      "opened":"2025-07-01"},"geometry":{"type":"Point","coordinates":[106.7,10.8]}}
  ]})");
  const IngestReport report = ingest(store, "types", path);
  ASSERT_EQ(report.written, 2);

  const std::vector<Field> expected_fields = {{"count", FieldType::integer}, {"ratio", FieldType::real},
                                              {"name", FieldType::string},   {"open", FieldType::boolean},
                                              {"note", FieldType::string},   {"opened", FieldType::string}};
  EXPECT_EQ(report.dataset.fields, expected_fields);
  EXPECT_EQ(store.find_dataset("types")->fields, expected_fields);

  const auto features = read_all(store, "types");
  ASSERT_EQ(features.size(), 2u);
  const rapidjson::Document first = parse_json(features[0].properties_json);
  ASSERT_TRUE(first.IsObject()) << features[0].properties_json;
  ASSERT_TRUE(first["count"].IsInt64());
  EXPECT_EQ(first["count"].GetInt64(), 42);
  ASSERT_TRUE(first["ratio"].IsDouble());
  EXPECT_EQ(first["ratio"].GetDouble(), 0.5);
  ASSERT_TRUE(first["name"].IsString());
  EXPECT_STREQ(first["name"].GetString(), "abc");
  ASSERT_TRUE(first["open"].IsBool());
  EXPECT_TRUE(first["open"].GetBool());
  EXPECT_TRUE(first["note"].IsNull());
  ASSERT_TRUE(first["opened"].IsString());
  EXPECT_STREQ(first["opened"].GetString(), "2024-09-27");

  const rapidjson::Document second = parse_json(features[1].properties_json);
  ASSERT_TRUE(second.IsObject()) << features[1].properties_json;
  EXPECT_EQ(second["count"].GetInt64(), -7);
  EXPECT_EQ(second["ratio"].GetDouble(), 2.25);
  ASSERT_TRUE(second["open"].IsBool());
  EXPECT_FALSE(second["open"].GetBool());
  ASSERT_TRUE(second["note"].IsString());
  EXPECT_STREQ(second["note"].GetString(), "x");
}

TEST(Ingest, NfdTextIsStoredAsNfc) {
  // "Hà Nội" and the key "tên" in decomposed form: a + U+0300, o + U+0323 + U+0302, e + U+0302.
  const std::string nfd_name = "Ha\xCC\x80 No\xCC\xA3\xCC\x82i";
  const std::string nfd_key = "te\xCC\x82n";
  const std::string nfc_name = "H\xC3\xA0 N\xE1\xBB\x99i";
  const std::string nfc_key = "t\xC3\xAAn";
  ASSERT_EQ(nfc_name, "Hà Nội");
  ASSERT_EQ(nfc_key, "tên");

  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write(
      "nfd.geojson", fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature",)"
                                 R"("properties":{{"{}":"{}"}},"geometry":{{"type":"Point","coordinates":[105.85,21.03]}}}}]}})",
                                 nfd_key, nfd_name));
  const IngestReport report = ingest(store, "nfd", path);
  ASSERT_EQ(report.written, 1);

  ASSERT_EQ(report.dataset.fields.size(), 1u);
  EXPECT_EQ(report.dataset.fields[0].name, nfc_key);
  const auto features = read_all(store, "nfd");
  ASSERT_EQ(features.size(), 1u);
  const std::string& properties = features[0].properties_json;
  EXPECT_NE(properties.find(nfc_name), std::string::npos) << properties;
  EXPECT_NE(properties.find(nfc_key), std::string::npos) << properties;
  EXPECT_EQ(properties.find(nfd_name), std::string::npos) << properties;
  EXPECT_EQ(properties.find(nfd_key), std::string::npos) << properties;
}

TEST(Ingest, FileWithoutCrsWarnsAndAssumesWgs84) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::string path = directory.write("points.csv", "name,lon,lat\nA,105.85,21.03\n");
  const IngestReport report = ingest(store, "points", path);

  EXPECT_EQ(report.written, 1);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("EPSG:4326"), std::string::npos) << report.warnings[0];
  EXPECT_EQ(report.dataset.source_crs, "EPSG:4326");
}

TEST(Ingest, ProgressIsReportedEveryInterval) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  IngestOptions options;
  options.path = bundled_path("datasets/osm/ha_noi_hospitals_osm_2024-09.csv");
  options.progress_interval = 100;
  std::vector<std::int64_t> calls;
  options.on_progress = [&](std::int64_t read) { calls.push_back(read); };
  ingest_file(store, make_metadata("hospitals"), options);

  EXPECT_EQ(calls, (std::vector<std::int64_t>{100, 200}));
}

}  // namespace
}  // namespace bando::data

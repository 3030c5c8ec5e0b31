// Ingest of every file format an agency is likely to send, from real files written with GDAL.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "data/gazetteer/text.hpp"
#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "geo/error.hpp"
#include "publish_test_support.hpp"

namespace bando::data {
namespace {

using bando::testing::TempDir;
using bando::testing::write_text;
using bando::testing::zip_files;

constexpr const char* kHanoi = "Hà Nội";

DatasetMetadata metadata_for(const std::string& id) {
  DatasetMetadata metadata;
  metadata.id = id;
  metadata.title = id;
  metadata.publisher = "Sở Tài nguyên và Môi trường";
  return metadata;
}

// Properties JSON of every stored feature of the current version, in id order.
std::vector<std::string> stored_properties(const SqliteStore& store, const std::string& id) {
  std::vector<std::string> properties;
  store.scan_features(id, FeatureQuery{}, [&](const FeatureRecord& record) {
    properties.emplace_back(record.properties_json);
  });
  return properties;
}

// Writes a one-layer vector file with a "name" string field and one point per name.
void write_named_points(const char* driver_name, const std::string& path, const std::vector<std::string>& names,
                        char** layer_options = nullptr) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  ASSERT_NE(driver, nullptr) << driver_name;
  GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_NE(dataset, nullptr) << path;
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = dataset->CreateLayer("points", &wgs84, wkbPoint, layer_options);
  ASSERT_NE(layer, nullptr);
  OGRFieldDefn field("name", OFTString);
  ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
  for (std::size_t i = 0; i < names.size(); ++i) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("name", names[i].c_str());
    OGRPoint point(105.85 + 0.01 * static_cast<double>(i), 21.03);
    feature.SetGeometry(&point);
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
}

TEST(IngestFormats, ZippedShapefileCp1258StoredAsNfc) {
  TempDir dir;
  const std::string shp = dir.file("communes.shp");
  CPLStringList options;
  options.AddNameValue("ENCODING", "CP1258");
  write_named_points("ESRI Shapefile", shp, {kHanoi, "Thừa Thiên Huế"}, options.List());
  ASSERT_EQ(bando::testing::read_text(dir.file("communes.cpg")).substr(0, 6), "CP1258");
  const std::string zip = dir.file("communes.zip");
  zip_files(zip, {shp, dir.file("communes.shx"), dir.file("communes.dbf"), dir.file("communes.prj"),
                  dir.file("communes.cpg")});

  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = zip;
  const IngestReport report = ingest_file(store, metadata_for("communes"), ingest);
  EXPECT_EQ(report.written, 2);
  const auto properties = stored_properties(store, "communes");
  ASSERT_EQ(properties.size(), 2u);
  EXPECT_NE(properties[0].find(kHanoi), std::string::npos) << "stored: " << properties[0];
  EXPECT_EQ(properties[1], to_nfc(properties[1]));
  EXPECT_NE(properties[1].find("Thừa Thiên Huế"), std::string::npos) << properties[1];
}

TEST(IngestFormats, EncodingOptionReplacesMissingCpg) {
  TempDir dir;
  const std::string shp = dir.file("roads.shp");
  CPLStringList options;
  options.AddNameValue("ENCODING", "CP1258");
  write_named_points("ESRI Shapefile", shp, {kHanoi}, options.List());
  std::filesystem::remove(dir.file("roads.cpg"));

  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = shp;
  ingest.encoding = "CP1258";
  ingest_file(store, metadata_for("roads"), ingest);
  const auto properties = stored_properties(store, "roads");
  ASSERT_EQ(properties.size(), 1u);
  EXPECT_NE(properties[0].find(kHanoi), std::string::npos) << "stored: " << properties[0];
}

TEST(IngestFormats, CsvWithVietnameseCoordinateColumns) {
  TempDir dir;
  const std::string csv = dir.file("tram.csv");
  write_text(csv, "tên,kinh độ,vĩ độ\nTrạm Láng,105.81,21.02\nTrạm Nội Bài,105.80,21.22\n");
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = csv;
  const IngestReport report = ingest_file(store, metadata_for("tram"), ingest);
  EXPECT_EQ(report.written, 2);
  EXPECT_EQ(report.dataset.geometry_type, "Point");
  EXPECT_NEAR(report.dataset.extent_lonlat.min_x, 105.80, 1e-6);
  EXPECT_NEAR(report.dataset.extent_lonlat.max_y, 21.22, 1e-6);
}

TEST(IngestFormats, CsvWithWktColumn) {
  TempDir dir;
  const std::string csv = dir.file("zones.csv");
  write_text(csv, "id,wkt\n1,\"POLYGON((105 21,105.1 21,105.1 21.1,105 21.1,105 21))\"\n");
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = csv;
  const IngestReport report = ingest_file(store, metadata_for("zones"), ingest);
  EXPECT_EQ(report.written, 1);
  EXPECT_EQ(report.dataset.geometry_type, "Polygon");
}

TEST(IngestFormats, KmzFromFieldApp) {
  TempDir dir;
  const std::string kml = dir.file("doc.kml");
  write_text(kml, R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Hồ Gươm</name>
<Point><coordinates>105.8523,21.0287,0</coordinates></Point></Placemark></Document></kml>)");
  const std::string kmz = dir.file("survey.kmz");
  zip_files(kmz, {kml});
  std::filesystem::remove(kml);

  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = kmz;
  const IngestReport report = ingest_file(store, metadata_for("survey"), ingest);
  EXPECT_EQ(report.written, 1);
  const auto properties = stored_properties(store, "survey");
  ASSERT_EQ(properties.size(), 1u);
  EXPECT_NE(properties[0].find("Hồ Gươm"), std::string::npos) << properties[0];
}

TEST(IngestFormats, GmlAndFlatGeobuf) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  for (const auto& [driver, file] : {std::pair{"GML", "points.gml"}, std::pair{"FlatGeobuf", "points.fgb"}}) {
    write_named_points(driver, dir.file(file), {kHanoi, "Hải Phòng", "Đà Nẵng"});
    IngestOptions ingest;
    ingest.path = dir.file(file);
    const std::string id = std::string(driver) == "GML" ? "gml" : "fgb";
    const IngestReport report = ingest_file(store, metadata_for(id), ingest);
    EXPECT_EQ(report.written, 3) << driver;
    const auto properties = stored_properties(store, id);
    ASSERT_EQ(properties.size(), 3u) << driver;
    // FlatGeobuf's spatial index may reorder features, so look for the name in any of them.
    const bool found = std::any_of(properties.begin(), properties.end(),
                                   [](const std::string& text) { return text.find("Đà Nẵng") != std::string::npos; });
    EXPECT_TRUE(found) << driver << ": " << properties[0] << properties[1] << properties[2];
  }
}

TEST(IngestFormats, GeoPackageChosenLayer) {
  TempDir dir;
  const std::string gpkg = dir.file("two.gpkg");
  write_named_points("GPKG", gpkg, {kHanoi});
  {
    GDALDatasetUniquePtr dataset(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    ASSERT_NE(dataset, nullptr);
    OGRLayer* layer = dataset->CreateLayer("second", nullptr, wkbLineString, nullptr);
    ASSERT_NE(layer, nullptr);
    OGRFeature feature(layer->GetLayerDefn());
    OGRLineString line;
    line.addPoint(105.8, 21.0);
    line.addPoint(105.9, 21.1);
    feature.SetGeometry(&line);
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = gpkg;
  ingest.layer = "second";
  const IngestReport report = ingest_file(store, metadata_for("second"), ingest);
  EXPECT_EQ(report.written, 1);
  EXPECT_EQ(report.dataset.geometry_type, "LineString");
}

// Adds a layer `name` with one line to the GeoPackage at `path`, at latitude `lat`.
void add_line_layer(const std::string& path, const char* name, double lat) {
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  ASSERT_NE(dataset, nullptr);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  OGRLayer* layer = dataset->CreateLayer(name, &wgs84, wkbLineString, nullptr);
  ASSERT_NE(layer, nullptr);
  OGRFieldDefn field("tên", OFTString);
  ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
  OGRFeature feature(layer->GetLayerDefn());
  feature.SetField("tên", "Quốc lộ 1");
  OGRLineString line;
  line.addPoint(105.8, lat);
  line.addPoint(105.9, lat + 0.1);
  feature.SetGeometry(&line);
  ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
}

TEST(IngestFormats, GeoPackageEveryLayerAsDataset) {
  TempDir dir;
  const std::string gpkg = dir.file("two.gpkg");
  write_named_points("GPKG", gpkg, {kHanoi, "Huế"});
  add_line_layer(gpkg, "Đường bộ", 21.0);
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = gpkg;
  EXPECT_EQ(list_layers(ingest), (std::vector<std::string>{"points", "Đường bộ"}));
  const std::vector<IngestReport> reports = ingest_layers(store, metadata_for("gt"), ingest);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].dataset.metadata.id, "gt_points");
  EXPECT_EQ(reports[1].dataset.metadata.id, "gt_duong_bo");
  const auto points = store.find_dataset("gt_points");
  ASSERT_TRUE(points.has_value());
  EXPECT_EQ(points->feature_count, 2);
  EXPECT_EQ(points->metadata.title, "gt (points)");
  const auto roads = store.find_dataset("gt_duong_bo");
  ASSERT_TRUE(roads.has_value());
  EXPECT_EQ(roads->geometry_type, "LineString");
  EXPECT_EQ(roads->metadata.title, "gt (Đường bộ)");
  EXPECT_EQ(roads->metadata.publisher, "Sở Tài nguyên và Môi trường");
  EXPECT_FALSE(store.find_dataset("gt").has_value());
  const auto properties = stored_properties(store, "gt_duong_bo");
  ASSERT_EQ(properties.size(), 1u);
  EXPECT_NE(properties[0].find("Quốc lộ 1"), std::string::npos) << properties[0];
}

TEST(IngestFormats, GeoPackageOneLayerKeepsId) {
  TempDir dir;
  const std::string gpkg = dir.file("two.gpkg");
  write_named_points("GPKG", gpkg, {kHanoi});
  add_line_layer(gpkg, "roads", 21.0);
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = gpkg;
  ingest.layer = "roads";
  const std::vector<IngestReport> reports = ingest_layers(store, metadata_for("duong"), ingest);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].dataset.metadata.id, "duong");
  EXPECT_EQ(store.list_datasets().size(), 1u);
}

TEST(IngestFormats, GeoPackageFailedLayerPublishesNone) {
  TempDir dir;
  const std::string gpkg = dir.file("two.gpkg");
  write_named_points("GPKG", gpkg, {kHanoi});
  add_line_layer(gpkg, "polar", 88.0);  // beyond Web Mercator, so every feature is rejected
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = gpkg;
  EXPECT_THROW(ingest_layers(store, metadata_for("gt"), ingest), Error);
  EXPECT_TRUE(store.list_datasets().empty());
}

TEST(IngestFormats, GeoPackageCollidingLayerIdsRejected) {
  TempDir dir;
  const std::string gpkg = dir.file("two.gpkg");
  write_named_points("GPKG", gpkg, {kHanoi});
  add_line_layer(gpkg, "Đường bộ", 21.0);
  add_line_layer(gpkg, "duong_bo", 21.0);
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = gpkg;
  try {
    ingest_layers(store, metadata_for("gt"), ingest);
    ADD_FAILURE() << "no error for two layers that map to gt_duong_bo";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
    EXPECT_NE(std::string(error.what()).find("gt_duong_bo"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(store.list_datasets().empty());
}

TEST(IngestFormats, InvalidPolygonRepairedNullKeptMixedTypes) {
  TempDir dir;
  const std::string path = dir.file("mixed.geojson");
  write_text(path, R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":7,"properties":{"k":"bowtie"},"geometry":{"type":"Polygon","coordinates":[[[105,21],[105.1,21.1],[105.1,21],[105,21.1],[105,21]]]}},
{"type":"Feature","id":8,"properties":{"k":"none"},"geometry":null},
{"type":"Feature","id":9,"properties":{"k":"point"},"geometry":{"type":"Point","coordinates":[105.5,21.5]}}]})");
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = path;
  const IngestReport report = ingest_file(store, metadata_for("mixed"), ingest);
  EXPECT_EQ(report.read, 3);
  EXPECT_EQ(report.written, 3);
  EXPECT_EQ(report.repaired, 1);
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0].feature_id, "7");
  EXPECT_EQ(report.dataset.geometry_type, "Mixed");
  int null_geometries = 0;
  store.scan_features("mixed", FeatureQuery{}, [&](const FeatureRecord& record) {
    if (record.wkb.empty()) ++null_geometries;
  });
  EXPECT_EQ(null_geometries, 1);
}

// Copies the bundled VN-2000 TM-3 Ha Noi shapefile with a .prj whose datum is WGS 84.
std::string write_wrong_datum_copy(const TempDir& dir) {
  const std::filesystem::path source = std::filesystem::path(BANDO_BUNDLED_DIR) / "vn2000";
  const std::string stem = "ha_noi_wards_2025_vn2000_tm3_105-00";
  for (const char* extension : {".shp", ".shx", ".dbf", ".cpg"}) {
    std::filesystem::copy_file(source / (stem + extension), dir.path() / (std::string("wards") + extension));
  }
  write_text(dir.file("wards.prj"),
             R"(PROJCS["VN_2000_TM-3_zone_482",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]])");
  return dir.file("wards.shp");
}

TEST(IngestFormats, Vn2000OnWgs84PrjWarnsWithFix) {
  TempDir dir;
  const std::string shp = write_wrong_datum_copy(dir);
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions ingest;
  ingest.path = shp;
  const IngestReport report = ingest_file(store, metadata_for("wards"), ingest);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("200 m"), std::string::npos) << report.warnings[0];
  EXPECT_NE(report.warnings[0].find("--s_srs EPSG:5897"), std::string::npos) << report.warnings[0];
}

TEST(IngestFormats, Vn2000FixMovesDataByAbout200m) {
  TempDir dir;
  const std::string shp = write_wrong_datum_copy(dir);
  SqliteStore store(dir.file("store.sqlite"));
  IngestOptions wrong;
  wrong.path = shp;
  const IngestReport as_declared = ingest_file(store, metadata_for("declared"), wrong);
  IngestOptions fixed = wrong;
  fixed.source_crs = "EPSG:5897";
  const IngestReport corrected = ingest_file(store, metadata_for("fixed"), fixed);
  EXPECT_TRUE(corrected.warnings.empty());
  // 200 m is about 0.002 degrees here; the shift is mostly in longitude and latitude alike.
  const double dx = std::abs(as_declared.dataset.extent_lonlat.min_x - corrected.dataset.extent_lonlat.min_x);
  const double dy = std::abs(as_declared.dataset.extent_lonlat.min_y - corrected.dataset.extent_lonlat.min_y);
  const double metres = std::hypot(dx * 104'000, dy * 111'000);
  EXPECT_GT(metres, 100);
  EXPECT_LT(metres, 400);
  EXPECT_GT(corrected.dataset.extent_lonlat.min_x, 105.2);
  EXPECT_LT(corrected.dataset.extent_lonlat.max_x, 106.1);
}

}  // namespace
}  // namespace bando::data

#include "publish_test_support.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace bando::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "bando_publish_tests_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_point_geojson(const std::string& path, int count) {
  std::ofstream out(path, std::ios::binary);
  out << R"({"type":"FeatureCollection","features":[)";
  for (int i = 0; i < count; ++i) {
    const double lon = 105.7 + (i % 1000) * 0.0002;
    const double lat = 20.9 + (i / 1000) * 0.0002;
    out << (i ? "," : "")
        << fmt::format(R"({{"type":"Feature","properties":{{"n":{},"name":"Điểm {}"}},)"
                       R"("geometry":{{"type":"Point","coordinates":[{:.6f},{:.6f}]}}}})",
                       i, i, lon, lat);
  }
  out << "]}";
  if (!out) throw std::runtime_error("cannot write " + path);
}

void zip_files(const std::string& zip_path, const std::vector<std::string>& files) {
  void* zip = CPLCreateZip(zip_path.c_str(), nullptr);
  if (zip == nullptr) throw std::runtime_error("cannot create " + zip_path);
  for (const auto& file : files) {
    const std::string content = read_text(file);
    const std::string name = std::filesystem::path(file).filename().string();
    CPLCreateFileInZip(zip, name.c_str(), nullptr);
    CPLWriteFileInZip(zip, content.data(), static_cast<int>(content.size()));
    CPLCloseFileInZip(zip);
  }
  CPLCloseZip(zip);
}

namespace {

// Adds a WGS 84 layer with a "name" field and one feature per geometry.
void add_layer(GDALDataset& dataset, const char* layer_name, OGRwkbGeometryType type,
               const std::vector<std::pair<std::string, OGRGeometry*>>& features, char** options = nullptr) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  OGRLayer* layer = dataset.CreateLayer(layer_name, &wgs84, type, options);
  if (layer == nullptr) throw std::runtime_error(std::string("cannot create layer ") + layer_name);
  OGRFieldDefn field("name", OFTString);
  if (layer->CreateField(&field) != OGRERR_NONE) throw std::runtime_error("cannot add field name");
  for (const auto& [name, geometry] : features) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("name", name.c_str());
    feature.SetGeometry(geometry);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("cannot write a feature");
  }
}

GDALDatasetUniquePtr create_vector(const char* driver_name, const std::string& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  if (driver == nullptr) throw std::runtime_error(std::string("no GDAL driver ") + driver_name);
  GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) throw std::runtime_error("cannot create " + path);
  return dataset;
}

}  // namespace

void write_two_layer_geopackage(const std::string& path) {
  GDALDatasetUniquePtr dataset = create_vector("GPKG", path);
  OGRPoint hanoi(105.8523, 21.0287), hue(107.5909, 16.4637);
  add_layer(*dataset, "points", wkbPoint, {{"Hà Nội", &hanoi}, {"Huế", &hue}});
  OGRLineString road;
  road.addPoint(105.8, 21.0);
  road.addPoint(105.9, 21.1);
  add_layer(*dataset, "Đường bộ", wkbLineString, {{"Quốc lộ 1", &road}});
}

void write_cp1258_shapefile_zip(const std::string& folder, const std::string& zip_path) {
  const std::string shp = (std::filesystem::path(folder) / "xa.shp").string();
  {
    GDALDatasetUniquePtr dataset = create_vector("ESRI Shapefile", shp);
    CPLStringList options;
    options.AddNameValue("ENCODING", "CP1258");
    OGRPoint hanoi(105.8523, 21.0287), hue(107.5909, 16.4637);
    add_layer(*dataset, "xa", wkbPoint, {{"Hà Nội", &hanoi}, {"Thừa Thiên Huế", &hue}}, options.List());
  }
  std::vector<std::string> parts;
  for (const char* extension : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
    parts.push_back((std::filesystem::path(folder) / (std::string("xa") + extension)).string());
  }
  zip_files(zip_path, parts);
}

}  // namespace bando::testing

#include "publish_test_support.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <cpl_conv.h>
#include <fmt/format.h>

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

}  // namespace bando::testing

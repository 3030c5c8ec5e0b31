#pragma once
// Helpers of the publish tests: temporary folders and small vector files written with GDAL.

#include <filesystem>
#include <string>
#include <vector>

namespace bando::testing {

// A fresh folder under the system temp folder, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `path`. Throws std::runtime_error when writing fails.
void write_text(const std::string& path, const std::string& text);
std::string read_text(const std::string& path);

// Creates a GeoJSON FeatureCollection of `count` points in Ha Noi, each with
// properties {"n": i, "name": "Điểm i"}.
void write_point_geojson(const std::string& path, int count);

// Zips `files` (full paths) into `zip_path`, each stored under its file name.
void zip_files(const std::string& zip_path, const std::vector<std::string>& files);

// Creates with GDAL a GeoPackage with two WGS 84 layers: "points" (two points,
// field "name" = "Hà Nội", "Huế") and "Đường bộ" (one line, "name" = "Quốc lộ 1").
void write_two_layer_geopackage(const std::string& path);

// Creates with GDAL the Shapefile `folder`/xa.shp of two points in WGS 84,
// whose "name" field ("Hà Nội", "Thừa Thiên Huế") is stored in CP1258 with a
// .cpg file naming CP1258, and zips its .shp, .shx, .dbf, .prj and .cpg into
// `zip_path`.
void write_cp1258_shapefile_zip(const std::string& folder, const std::string& zip_path);

}  // namespace bando::testing

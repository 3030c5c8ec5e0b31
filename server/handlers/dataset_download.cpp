// GET /datasets/{id}.gpkg and /datasets/{id}.geojson: the whole current
// version as a file in EPSG:4326, written by GDAL.

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "data/dataset_export.hpp"
#include "geo/error.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/temp_folder.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

struct DownloadFormat {
  const char* driver;
  const char* extension;
  const char* media_type;
};

constexpr DownloadFormat kGeoPackage{"GPKG", "gpkg", "application/geopackage+sqlite3"};
constexpr DownloadFormat kGeoJson{"GeoJSON", "geojson", "application/geo+json"};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    throw Error(ErrorKind::unavailable, {fmt::format("cannot read the download file '{}'", path.string()),
                                         fmt::format("không đọc được tệp tải xuống '{}'", path.string())});
  }
  return content;
}

// NOTE: the file is read into memory before it is sent, because responses here
// have string bodies, so a download needs memory for its whole size.
Response download_dataset(const AppContext& app, RequestContext& context, const DownloadFormat& format) {
  reject_unknown_params(context.target.query, {});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));
  const TempFolder folder(std::filesystem::temp_directory_path(), "download");
  const std::filesystem::path file = folder.path() / fmt::format("{}.{}", dataset.metadata.id, format.extension);
  data::export_dataset(app.store, dataset, format.driver, file.string());

  Response response{http::status::ok, 11};
  response.set(http::field::content_type, format.media_type);
  response.set(http::field::content_disposition,
               fmt::format("attachment; filename=\"{}.{}\"", dataset.metadata.id, format.extension));
  response.body() = read_file(file);
  response.prepare_payload();
  return response;
}

}  // namespace

void add_dataset_download_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/datasets/{id}.gpkg",
             [&app](RequestContext& context) { return download_dataset(app, context, kGeoPackage); });
  router.add(http::verb::get, "/datasets/{id}.geojson",
             [&app](RequestContext& context) { return download_dataset(app, context, kGeoJson); });
}

}  // namespace bando::server

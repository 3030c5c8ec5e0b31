#include "server/handlers/openapi_operations.hpp"

#include <string_view>

namespace bando::server {
namespace {

using Verb = http::verb;

constexpr const char* kJson = "application/json";
constexpr const char* kGeoJson = "application/geo+json";
constexpr const char* kMvt = "application/vnd.mapbox-vector-tile";

const ParameterDoc kFormat{"f", "string", false, "Response format: json or html. Without it, the Accept header decides."};
const ParameterDoc kIgnoredFormat{"f", "string", false, "Accepted for OGC clients and ignored: the response has one format"};
const ParameterDoc kLang{"lang", "string", false,
                         "Language of HTML pages: vi (default) or en. Without it, Accept-Language decides."};
const ParameterDoc kCrs{"crs", "string", false, "Output CRS URI; the collection's `crs` member lists them. Default CRS84."};

std::vector<ParameterDoc> items_parameters() {
  return {
      {"bbox", "string", false, "minLon,minLat,maxLon,maxLat (or 6 numbers with heights) in bbox-crs"},
      {"bbox-crs", "string", false, "CRS URI of bbox. Default CRS84."},
      kCrs,
      {"limit", "integer", false, "Page size, default 10; values above 10000 are clamped"},
      {"offset", "integer", false, "Number of matching features to skip"},
      {"properties", "string", false, "Comma-separated property names to return"},
      {"sortby", "string", false, "Comma-separated property names, each optionally prefixed by + or -"},
      {"datetime", "string", false, "RFC 3339 instant or interval; rejected while no collection has a temporal property"},
      {"filter", "string", false, "CQL2 filter expression"},
      {"filter-lang", "string", false, "cql2-text (default) or cql2-json"},
      {"filter-crs", "string", false, "CRS URI of filter geometries. Default CRS84."},
      {"dataset-version", "integer", false, "Dataset version that paging links pin"},
      {"propertyFilters", "object", false, "property=value equality filters on the collection's queryables"},
      kFormat,
      kLang,
  };
}

std::vector<OperationDoc> build_operations() {
  return {
      {Verb::get, "/", "Service", "Map viewer, or the landing page with f or a JSON Accept header",
       "Trình xem bản đồ, hoặc trang chính khi có f hay Accept JSON", {kFormat, kLang}, kJson, true},
      {Verb::get, "/api", "Service", "This OpenAPI 3.0 document, or its HTML rendering",
       "Tài liệu OpenAPI 3.0 này, hoặc bản HTML của nó", {kFormat, kLang},
       "application/vnd.oai.openapi+json;version=3.0", true},
      {Verb::get, "/health", "Service", "Status and counts",
       "Trạng thái và số lượng", {}, kJson},
      {Verb::get, "/web/{path*}", "Service", "Files of the map viewer",
       "Các tệp của trình xem bản đồ", {}, "application/octet-stream"},
      {Verb::get, "/conformance", "OGC API - Features", "Conformance classes",
       "Các lớp phù hợp", {kFormat, kLang}, kJson, true},
      {Verb::get, "/collections", "OGC API - Features", "Collections",
       "Các bộ dữ liệu", {kFormat, kLang}, kJson, true},
      {Verb::get, "/collections/{id}", "OGC API - Features", "One collection with its spatial and temporal extent",
       "Một bộ dữ liệu với phạm vi không gian và thời gian",
       {kFormat, kLang}, kJson, true},
      {Verb::get, "/collections/{id}/items", "OGC API - Features", "Features of a collection",
       "Các đối tượng của một bộ dữ liệu", items_parameters(), kGeoJson,
       true},
      {Verb::get, "/collections/{id}/items/{featureId}", "OGC API - Features", "One feature",
       "Một đối tượng", {kCrs, kFormat, kLang},
       kGeoJson, true},
      {Verb::get, "/collections/{id}/queryables", "OGC API - Features", "Filterable properties as JSON Schema",
       "Các thuộc tính lọc được, dạng JSON Schema", {kIgnoredFormat},
       "application/schema+json"},
      {Verb::get, "/tiles/{ids}/{z}/{x}/{y}.mvt", "Tiles",
       "Mapbox Vector Tile of one collection, of comma-separated collections, or of the base map",
       "Ô Mapbox Vector Tile của một bộ dữ liệu, của nhiều bộ cách nhau bằng dấu phẩy, hoặc của bản đồ nền", {}, kMvt},
      {Verb::get, "/tiles/{ids}.json", "Tiles", "TileJSON 3.0",
       "TileJSON 3.0", {}, kJson},
      {Verb::get, "/tileMatrixSets", "Tiles", "Tile matrix sets (OGC API - Tiles)",
       "Các lưới ô bản đồ (OGC API - Tiles)", {kIgnoredFormat}, kJson},
      {Verb::get, "/tileMatrixSets/{tileMatrixSetId}", "Tiles", "One tile matrix set",
       "Một lưới ô bản đồ", {kIgnoredFormat}, kJson},
      {Verb::get, "/collections/{collectionId}/tiles", "Tiles", "Tilesets of a collection",
       "Các bộ ô của một bộ dữ liệu", {kIgnoredFormat}, kJson},
      {Verb::get, "/collections/{collectionId}/tiles/{tileMatrixSetId}", "Tiles", "One tileset",
       "Một bộ ô", {kIgnoredFormat}, kJson},
      {Verb::get, "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", "Tiles",
       "One tile; the row comes before the column",
       "Một ô; hàng đứng trước cột", {kIgnoredFormat}, kMvt},
      {Verb::get, "/archives/{name}/{z}/{x}/{y}.mvt", "Archives", "Tile of an archive given to serve --archive",
       "Ô của một tệp lưu trữ khai báo bằng serve --archive", {}, kMvt},
      {Verb::get, "/archives/{name}.json", "Archives", "TileJSON of an archive",
       "TileJSON của một tệp lưu trữ", {}, kJson},
      {Verb::get, "/postcodes/{code}", "Addresses", "Communes with a 5-digit postcode, and former units",
       "Các xã có mã bưu chính 5 chữ số, và các đơn vị cũ", {}, kJson},
      {Verb::get, "/postcodes/{code}/validate", "Addresses", "Whether a postcode is in use, former or malformed",
       "Mã bưu chính đang dùng, đã cũ hay sai định dạng", {}, kJson},
      {Verb::get, "/postcodes/{code}/nearest", "Addresses", "Units neighbouring a postcode's area",
       "Các đơn vị lân cận vùng của một mã bưu chính",
       {{"limit", "integer", false, "Number of neighbours"}}, kJson},
      {Verb::get, "/postcodes", "Addresses", "Commune and province containing a point, with the postcode",
       "Xã và tỉnh chứa một điểm, kèm mã bưu chính",
       {{"lon", "number", true, "Longitude in degrees"}, {"lat", "number", true, "Latitude in degrees"}}, kJson},
      {Verb::post, "/postcodes", "Addresses", "Up to 100 postcodes or points, one result each",
       "Tối đa 100 mã bưu chính hoặc điểm, mỗi đầu vào một kết quả", {}, kJson, false, false,
       kJson},
      {Verb::get, "/places", "Addresses", "Search over current and former unit names, ignoring diacritics",
       "Tìm theo tên đơn vị hiện hành và cũ, không phân biệt dấu",
       {{"q", "string", true, "Search text"},
        {"limit", "integer", false, "Maximum number of results"},
        {"level", "string", false, "province, district or commune"},
        {"date", "string", false, "YYYY-MM-DD; units in force on that date"}},
       kJson},
      {Verb::get, "/admin-units/{code}", "Addresses", "The unit that had a code on a date",
       "Đơn vị mang một mã vào một ngày",
       {{"date", "string", false, "YYYY-MM-DD, default today (UTC)"}}, kJson},
      {Verb::get, "/address-codes/encode", "Addresses", "Address code (postcode plus Open Location Code) of a point",
       "Mã địa chỉ (mã bưu chính cộng Open Location Code) của một điểm",
       {{"lon", "number", true, "Longitude in degrees"}, {"lat", "number", true, "Latitude in degrees"}}, kJson},
      {Verb::get, "/address-codes/{code}", "Addresses", "Decode an address code",
       "Giải mã một mã địa chỉ", {}, kJson},
      {Verb::get, "/datasets", "Catalog", "Catalog search, ignoring diacritics",
       "Tìm trong danh mục, không phân biệt dấu",
       {{"q", "string", false, "Search text"},
        {"publisher", "string", false, "Exact publisher"},
        {"license", "string", false, "Exact license"},
        {"keyword", "string", false, "Exact keyword"},
        {"bbox", "string", false, "minLon,minLat,maxLon,maxLat in CRS84"},
        {"limit", "integer", false, "Page size"},
        {"offset", "integer", false, "Number of matches to skip"}},
       kJson},
      {Verb::get, "/datasets/{id}.jsonld", "Catalog", "DCAT-AP JSON-LD of a dataset",
       "JSON-LD DCAT-AP của một bộ dữ liệu", {}, "application/ld+json"},
      {Verb::get, "/datasets/{id}", "Catalog", "Metadata, versions and links of a dataset",
       "Siêu dữ liệu, các phiên bản và liên kết của một bộ dữ liệu", {}, kJson},
      {Verb::get, "/datasets/{id}.gpkg", "Catalog", "Download the current version as GeoPackage (EPSG:4326)",
       "Tải phiên bản hiện hành dạng GeoPackage (EPSG:4326)", {},
       "application/geopackage+sqlite3"},
      {Verb::get, "/datasets/{id}.geojson", "Catalog", "Download the current version as GeoJSON (RFC 7946)",
       "Tải phiên bản hiện hành dạng GeoJSON (RFC 7946)", {},
       "application/geo+json"},
      {Verb::post, "/datasets", "Publishing", "Publish a new dataset from an uploaded file",
       "Công bố một bộ dữ liệu mới từ tệp tải lên", {}, kJson, false, true,
       "multipart/form-data", 201},
      {Verb::put, "/datasets/{id}", "Publishing", "Publish a new version of a dataset",
       "Công bố phiên bản mới của một bộ dữ liệu", {}, kJson, false, true,
       "multipart/form-data"},
      {Verb::delete_, "/datasets/{id}", "Publishing", "Remove a dataset",
       "Xóa một bộ dữ liệu", {}, nullptr, false, true},
      {Verb::get, "/catalog.jsonld", "Catalog", "DCAT-AP JSON-LD catalog",
       "Danh mục JSON-LD DCAT-AP", {}, "application/ld+json"},
      {Verb::get, "/api/3/action/package_list", "CKAN", "CKAN package_list",
       "CKAN package_list", {}, kJson},
      {Verb::get, "/api/3/action/package_show", "CKAN", "CKAN package_show",
       "CKAN package_show",
       {{"id", "string", true, "Dataset id"}}, kJson},
      {Verb::get, "/api/3/action/package_search", "CKAN", "CKAN package_search",
       "CKAN package_search",
       {{"q", "string", false, "Search text"},
        {"fq", "string", false, "Space-separated field:value terms on organization, tags and license_id"},
        {"rows", "integer", false, "Page size, default 10"},
        {"start", "integer", false, "Number of matches to skip"}},
       kJson},
  };
}

}  // namespace

const std::vector<OperationDoc>& documented_operations() {
  static const std::vector<OperationDoc> operations = build_operations();
  return operations;
}

const char* path_parameter_description(const char* name) {
  const std::string_view n(name);
  if (n == "id" || n == "collectionId") return "Collection id";
  if (n == "featureId") return "Feature id, a positive integer";
  if (n == "ids") return "basemap, a collection id, or comma-separated collection ids";
  if (n == "z" || n == "tileMatrix") return "Zoom level";
  if (n == "x" || n == "tileCol") return "Tile column";
  if (n == "y" || n == "tileRow") return "Tile row";
  if (n == "tileMatrixSetId") return "Tile matrix set id: WebMercatorQuad";
  if (n == "name") return "Archive name given to serve --archive";
  if (n == "code") return "Postcode, administrative unit code or address code";
  if (n == "path") return "File path under the web root; may contain slashes";
  return "Path segment";
}

}  // namespace bando::server

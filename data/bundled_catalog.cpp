#include "data/bundled_catalog.hpp"

namespace bando::data {
namespace {

constexpr const char* kAdmin2025Publisher = "sapnhap.bando.com.vn, via thanglequoc/vietnamese-provinces-database";
constexpr const char* kAdminPre2025Publisher = "gis.chinhphu.vn / GSO, via daohoangson/dvhcvn";
constexpr const char* kNaturalEarth = "Made with Natural Earth";
constexpr const char* kLegoCity = "CTU-SematX/LegoCity open data";

BundledDataset dataset(std::string id, std::string path, std::string title, std::string description,
                       std::string publisher, std::string license, std::vector<std::string> keywords) {
  BundledDataset result;
  result.metadata.id = std::move(id);
  result.metadata.title = std::move(title);
  result.metadata.description = std::move(description);
  result.metadata.publisher = std::move(publisher);
  result.metadata.license = std::move(license);
  result.metadata.keywords = std::move(keywords);
  result.relative_path = std::move(path);
  return result;
}

BundledDataset base_layer(std::string id, std::string path, std::string title, std::string publisher,
                          std::string license) {
  BundledDataset result = dataset(std::move(id), std::move(path), std::move(title), "", std::move(publisher),
                                  std::move(license), {"basemap"});
  result.metadata.is_basemap = true;
  return result;
}

std::vector<BundledDataset> make_catalog() {
  std::vector<BundledDataset> all = {
      dataset("vn_provinces_2025", "admin/vn_provinces_34_2025.geojson", "Tỉnh, thành phố (từ 01/07/2025)",
              "34 đơn vị hành chính cấp tỉnh từ ngày 01/07/2025, gồm quần đảo Hoàng Sa và Trường Sa.",
              kAdmin2025Publisher, "MIT", {"hành chính", "tỉnh", "2025"}),
      dataset("vn_provinces_pre2025", "admin/vn_provinces_63_pre2025.geojson", "Tỉnh, thành phố (trước 2025)",
              "63 đơn vị hành chính cấp tỉnh đến ngày 30/06/2025.", kAdminPre2025Publisher, "GPL-3.0",
              {"hành chính", "tỉnh"}),
      dataset("vn_districts_pre2025", "admin/vn_districts_pre2025.geojson", "Quận, huyện (trước 2025)",
              "Đơn vị hành chính cấp huyện trước ngày 01/07/2025.", kAdminPre2025Publisher, "GPL-3.0",
              {"hành chính", "huyện"}),
      dataset("ha_noi_wards_2025", "admin/vn_wards_ha_noi_2025.geojson", "Phường, xã Hà Nội (2025)",
              "126 đơn vị hành chính cấp xã của Thành phố Hà Nội từ ngày 01/07/2025.", kAdmin2025Publisher, "MIT",
              {"hành chính", "phường", "xã", "Hà Nội"}),
      dataset("ho_chi_minh_wards_2025", "admin/vn_wards_ho_chi_minh_2025.geojson",
              "Phường, xã Thành phố Hồ Chí Minh (2025)",
              "168 đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh từ ngày 01/07/2025.", kAdmin2025Publisher,
              "MIT", {"hành chính", "phường", "xã", "Hồ Chí Minh"}),
      dataset("ha_noi_hospitals", "datasets/osm/ha_noi_hospitals_osm_2024-09.csv", "Bệnh viện Hà Nội (OSM)",
              "Bệnh viện trong và quanh Hà Nội theo OpenStreetMap, tháng 9/2024.", "© OpenStreetMap contributors",
              "ODbL-1.0", {"y tế", "bệnh viện", "Hà Nội"}),
      dataset("vn_transport_network", "datasets/legocity_opendata/vn_transport_network_giaothong.geojson",
              "Mạng lưới giao thông", "Đường chính, đường thứ cấp và đường sắt Bắc – Nam.", kLegoCity,
              "CC-BY-SA-4.0", {"giao thông", "đường bộ", "đường sắt"}),
      dataset("vn_hydropower_plants", "datasets/legocity_opendata/vn_hydropower_plants_thuydien.geojson",
              "Nhà máy thủy điện", "197 nhà máy thủy điện ở miền Bắc và miền Trung.", kLegoCity, "CC-BY-SA-4.0",
              {"năng lượng", "thủy điện"}),
      dataset("vn_biosphere_reserves", "datasets/legocity_opendata/vn_biosphere_reserves_heritage.geojson",
              "Khu dự trữ sinh quyển và bảo tồn", "14 khu bảo tồn và khu dự trữ sinh quyển.", kLegoCity,
              "CC-BY-SA-4.0", {"môi trường", "bảo tồn"}),
      base_layer("basemap_ocean", "basemap/naturalearth/ne_10m_ocean_vn.geojson", "Biển", kNaturalEarth,
                 "public domain"),
      base_layer("basemap_land", "basemap/naturalearth/ne_10m_land_vn.geojson", "Đất liền", kNaturalEarth,
                 "public domain"),
      base_layer("basemap_vietnam", "admin/vn_country_2025.geojson", "Việt Nam, gồm quần đảo Hoàng Sa và Trường Sa",
                 kAdmin2025Publisher, "MIT"),
      base_layer("basemap_minor_islands", "basemap/naturalearth/ne_10m_minor_islands_vn.geojson", "Đảo nhỏ",
                 kNaturalEarth, "public domain"),
      base_layer("basemap_lakes", "basemap/naturalearth/ne_10m_lakes_vn.geojson", "Hồ", kNaturalEarth,
                 "public domain"),
      base_layer("basemap_rivers", "basemap/naturalearth/ne_10m_rivers_lake_centerlines_vn.geojson", "Sông",
                 kNaturalEarth, "public domain"),
      base_layer("basemap_coastline", "basemap/naturalearth/ne_10m_coastline_vn.geojson", "Đường bờ biển",
                 kNaturalEarth, "public domain"),
      base_layer("basemap_boundaries", "basemap/naturalearth/ne_10m_admin_0_boundary_lines_land_vn.geojson",
                 "Biên giới trên đất liền", kNaturalEarth, "public domain"),
      base_layer("basemap_places", "basemap/naturalearth/ne_10m_populated_places_vn.geojson", "Điểm dân cư",
                 kNaturalEarth, "public domain"),
      base_layer("basemap_archipelagos", "basemap/bando/vn_archipelago_labels.geojson",
                 "Nhãn quần đảo Hoàng Sa và Trường Sa", "bando", "CC0-1.0"),
  };
  // Districts are dense (384 000 vertices); below zoom 5 they are too small to see.
  for (auto& entry : all)
    if (entry.metadata.id == "vn_districts_pre2025") entry.metadata.min_zoom = 5;
  return all;
}

}  // namespace

const std::vector<BundledDataset>& bundled_datasets() {
  static const std::vector<BundledDataset> catalog = make_catalog();
  return catalog;
}

void publish_missing_bundled(Store& store, const std::filesystem::path& bundled_dir,
                             const std::function<void(const IngestReport&)>& on_report) {
  for (const BundledDataset& entry : bundled_datasets()) {
    if (store.find_dataset(entry.metadata.id)) continue;
    IngestOptions options;
    options.path = (bundled_dir / entry.relative_path).string();
    on_report(ingest_file(store, entry.metadata, options));
  }
}

}  // namespace bando::data

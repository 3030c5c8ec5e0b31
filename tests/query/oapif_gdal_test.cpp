// GDAL's own OGC API - Features client (the OAPIF driver, through ogrinfo and ogr2ogr) against a running bando.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <ogrsf_frmts.h>
#include <utf8proc.h>

#include "http_fixture.hpp"
#include "query_http_support.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPlantsFile = BANDO_BUNDLED_DIR "/datasets/legocity_opendata/vn_hydropower_plants_thuydien.geojson";

class OapifGdal : public HttpApi {
 protected:
  void SetUp() override {
    HttpApi::SetUp();
    output_dir_ = std::filesystem::temp_directory_path() /
                  fmt::format("bando_oapif_{}_{}", getpid(), ::testing::UnitTest::GetInstance()->random_seed());
    std::filesystem::create_directories(output_dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(output_dir_, ignored);
  }

  std::filesystem::path output_dir_;
};

// The NFC form of UTF-8 text, because bando stores text in NFC and some source files use NFD.
std::string nfc(const char* text) {
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> normalized(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text)), &std::free);
  return normalized ? reinterpret_cast<const char*>(normalized.get()) : text;
}

GDALDatasetUniquePtr open_vector(const std::string& path) {
  GDALAllRegister();
  return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

// Compares two layers feature by feature, in order: count, every source
// attribute (in NFC), and every vertex within `tolerance` in the layers' own units.
void expect_same_features(OGRLayer& copy, OGRLayer& source, double tolerance) {
  ASSERT_EQ(copy.GetFeatureCount(), source.GetFeatureCount());
  copy.ResetReading();
  source.ResetReading();
  int compared = 0;
  while (true) {
    const OGRFeatureUniquePtr expected(source.GetNextFeature());
    const OGRFeatureUniquePtr actual(copy.GetNextFeature());
    if (!expected || !actual) {
      EXPECT_EQ(expected == nullptr, actual == nullptr);
      break;
    }
    for (int i = 0; i < expected->GetFieldCount(); ++i) {
      const char* name = expected->GetFieldDefnRef(i)->GetNameRef();
      const int index = actual->GetFieldIndex(name);
      ASSERT_GE(index, 0) << "the copy has no field " << name;
      EXPECT_EQ(actual->IsFieldSetAndNotNull(index), expected->IsFieldSetAndNotNull(i)) << name;
      if (expected->IsFieldSetAndNotNull(i)) {
        EXPECT_EQ(actual->GetFieldAsString(index), nfc(expected->GetFieldAsString(i))) << name << " #" << compared;
      }
    }
    const OGRGeometry* expected_geometry = expected->GetGeometryRef();
    const OGRGeometry* actual_geometry = actual->GetGeometryRef();
    ASSERT_NE(expected_geometry, nullptr);
    ASSERT_NE(actual_geometry, nullptr);
    const auto* expected_points = expected_geometry->toMultiPoint();
    const auto* actual_points = actual_geometry->toMultiPoint();
    ASSERT_EQ(actual_points->getNumGeometries(), expected_points->getNumGeometries());
    for (int i = 0; i < expected_points->getNumGeometries(); ++i) {
      EXPECT_NEAR(actual_points->getGeometryRef(i)->getX(), expected_points->getGeometryRef(i)->getX(), tolerance);
      EXPECT_NEAR(actual_points->getGeometryRef(i)->getY(), expected_points->getGeometryRef(i)->getY(), tolerance);
    }
    ++compared;
  }
  EXPECT_EQ(compared, 197);
}

TEST_F(OapifGdal, OgrinfoListsCollectionsWithCounts) {
  const Response collections = get("/collections");
  const rapidjson::Document document = parse_json(collections.body());
  const CommandResult listing = run_command(fmt::format("{} -ro -so -al OAPIF:{}", OGRINFO_EXECUTABLE, base_url()));
  ASSERT_EQ(listing.status, 0) << listing.output;
  for (const rapidjson::Value& collection : document["collections"].GetArray()) {
    const std::string id = collection["id"].GetString();
    const std::int64_t count = collection["featureCount"].GetInt64();
    EXPECT_THAT(listing.output, HasSubstr(fmt::format("Layer name: {}\n", id)));
    const auto at = listing.output.find(fmt::format("Layer name: {}\n", id));
    const auto count_at = listing.output.find("Feature Count: ", at);
    ASSERT_NE(count_at, std::string::npos) << id;
    EXPECT_EQ(std::stoll(listing.output.substr(count_at + 15)), count) << id;
  }
}

TEST_F(OapifGdal, Ogr2ogrCopyMatchesSource) {
  const std::string copy = (output_dir_ / "plants.geojson").string();
  const CommandResult result = run_command(fmt::format("{} -f GeoJSON {} OAPIF:{} vn_hydropower_plants -oo PAGE_SIZE=50",
                                                       OGR2OGR_EXECUTABLE, copy, base_url()));
  ASSERT_EQ(result.status, 0) << result.output;
  const GDALDatasetUniquePtr actual = open_vector(copy);
  const GDALDatasetUniquePtr expected = open_vector(kPlantsFile);
  ASSERT_NE(actual, nullptr);
  ASSERT_NE(expected, nullptr);
  expect_same_features(*actual->GetLayer(0), *expected->GetLayer(0), 1e-7);
}

// GDAL 3.6's OAPIF driver has no CRS open option (it came in GDAL 3.7), but it
// appends the query string of its connection URL to every request it sends.
// So `?crs=` makes it fetch VN-2000 TM-3 coordinates, which it still labels as
// WGS 84. -s_srs relabels them, and reprojecting them back to WGS 84 must give
// the source coordinates. Degrees read as metres would land nowhere near them.
TEST_F(OapifGdal, Ogr2ogrCopyInVn2000Zone) {
  const std::string copy = (output_dir_ / "plants_vn2000.geojson").string();
  const std::string url = fmt::format("{}/collections/vn_hydropower_plants?crs={}", base_url(),
                                      url_encode("http://www.opengis.net/def/crs/EPSG/0/5897"));
  const CommandResult result =
      run_command(fmt::format("{} -f GeoJSON -s_srs EPSG:5897 -t_srs OGC:CRS84 {} 'OAPIF:{}' vn_hydropower_plants "
                              "-oo PAGE_SIZE=50",
                              OGR2OGR_EXECUTABLE, copy, url));
  ASSERT_EQ(result.status, 0) << result.output;
  const GDALDatasetUniquePtr actual = open_vector(copy);
  const GDALDatasetUniquePtr expected = open_vector(kPlantsFile);
  ASSERT_NE(actual, nullptr);
  ASSERT_NE(expected, nullptr);
  expect_same_features(*actual->GetLayer(0), *expected->GetLayer(0), 1e-7);
}

}  // namespace
}  // namespace bando::server::testing

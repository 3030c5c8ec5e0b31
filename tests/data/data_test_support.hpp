#pragma once
// Helpers shared by the data tests: a temp directory per test, file writing,
// catalog queries on the raw SQLite file and WKB built from WKT.

#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "data/sqlite_db.hpp"
#include "data/store.hpp"
#include "geo/error.hpp"
#include "geo/geos_context.hpp"

namespace bando::data::testing {

// A fresh directory under the system temp folder, named after the running
// test and removed afterwards.
class TempDirectory {
 public:
  TempDirectory() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("bando_data_") + info->test_suite_name() + "_" + info->name() + "_" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

  // Writes `content` byte for byte to `name` and returns the file's path.
  std::string write(const std::string& name, std::string_view content) const {
    const std::string path = file(name);
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return path;
  }

 private:
  std::filesystem::path path_;
};

inline std::string bundled_path(const std::string& relative) {
  return (std::filesystem::path(BANDO_BUNDLED_DIR) / relative).string();
}

inline DatasetMetadata make_metadata(const std::string& id) {
  DatasetMetadata metadata;
  metadata.id = id;
  metadata.title = "Test dataset " + id;
  metadata.publisher = "bando tests";
  metadata.license = "CC0-1.0";
  return metadata;
}

// EPSG:3857 WKB of a WKT geometry, and its bounding box.
struct TestGeometry {
  std::vector<std::uint8_t> wkb;
  geo::Box bounds;
};

inline TestGeometry geometry_from_wkt(const std::string& wkt) {
  const geo::GeosGeometryPtr geometry = geo::geos_from_wkt(wkt);
  TestGeometry result;
  result.wkb = geo::geos_to_wkb(*geometry);
  GEOSContextHandle_t context = geo::geos_context();
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  GEOSGeom_getXMin_r(context, geometry.get(), &min_x);
  GEOSGeom_getYMin_r(context, geometry.get(), &min_y);
  GEOSGeom_getXMax_r(context, geometry.get(), &max_x);
  GEOSGeom_getYMax_r(context, geometry.get(), &max_y);
  result.bounds = {min_x, min_y, max_x, max_y};
  return result;
}

// Runs one scalar SQL query directly on the store file, bypassing the Store.
inline std::int64_t query_count(const std::string& store_path, const std::string& sql) {
  SqliteConnection db(store_path, SqliteConnection::Mode::read_only);
  auto statement = db.prepare(sql);
  statement.step();
  return statement.column_int(0);
}

// Tables whose names start with "features_" (the per-version feature tables).
inline std::int64_t count_feature_tables(const std::string& store_path) {
  return query_count(store_path,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'features\\_%' "
                     "ESCAPE '\\'");
}

// The ErrorKind of the bando::Error that `action` throws. Fails the test when
// it throws nothing or something else.
template <typename Action>
std::optional<ErrorKind> thrown_kind(Action&& action, std::string* message = nullptr) {
  try {
    action();
  } catch (const Error& error) {
    if (message != nullptr) *message = error.what();
    return error.kind();
  } catch (const std::exception& other) {
    ADD_FAILURE() << "expected bando::Error, got: " << other.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "expected bando::Error, nothing was thrown";
  return std::nullopt;
}

// Every feature of the current version, with copies of its WKB and properties.
struct StoredFeature {
  std::int64_t id = 0;
  std::vector<std::uint8_t> wkb;
  std::string properties_json;
};

inline std::vector<StoredFeature> read_all(const Store& store, std::string_view dataset_id,
                                           const FeatureQuery& query = {}) {
  std::vector<StoredFeature> features;
  store.scan_features(dataset_id, query, [&](const FeatureRecord& record) {
    features.push_back({record.id, {record.wkb.begin(), record.wkb.end()}, std::string(record.properties_json)});
  });
  return features;
}

inline rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  return document;
}

}  // namespace bando::data::testing

#include <filesystem>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "bundled_gazetteer.hpp"
#include "data/gazetteer/gazetteer_store.hpp"
#include "data/sqlite_db.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

// A fresh directory under the system temp folder, removed afterwards.
class TempDirectory {
 public:
  TempDirectory() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("bando_gazetteer_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void expect_same_unit(const AdminUnit& saved, const AdminUnit& loaded) {
  EXPECT_EQ(loaded.code, saved.code);
  EXPECT_EQ(loaded.level, saved.level);
  EXPECT_EQ(loaded.name, saved.name);
  EXPECT_EQ(loaded.full_name, saved.full_name);
  EXPECT_EQ(loaded.type, saved.type);
  EXPECT_EQ(loaded.province_code, saved.province_code);
  EXPECT_EQ(loaded.province_name, saved.province_name);
  EXPECT_EQ(loaded.parent_code, saved.parent_code);
  EXPECT_EQ(loaded.postcodes, saved.postcodes);
  EXPECT_EQ(loaded.centroid.has_value(), saved.centroid.has_value());
  if (loaded.centroid && saved.centroid) {
    EXPECT_EQ(*loaded.centroid, *saved.centroid);
  }
  EXPECT_EQ(loaded.valid_from, saved.valid_from);
  EXPECT_EQ(loaded.valid_to, saved.valid_to);
  EXPECT_EQ(loaded.boundary_wkb, saved.boundary_wkb);
}

TEST(GazetteerStore, RoundTripsBundledData) {
  TempDirectory directory;
  const GazetteerData& saved = testing::bundled_data();
  {
    SqliteConnection db(directory.file("store.sqlite"), SqliteConnection::Mode::read_write);
    save_gazetteer(db, saved);
  }
  SqliteConnection db(directory.file("store.sqlite"), SqliteConnection::Mode::read_write);
  const GazetteerData loaded = load_gazetteer(db);

  ASSERT_EQ(loaded.units.size(), saved.units.size());
  for (std::size_t i = 0; i < saved.units.size(); ++i) {
    SCOPED_TRACE(saved.units[i].code);
    expect_same_unit(saved.units[i], loaded.units[i]);
  }
  ASSERT_EQ(loaded.former_units.size(), saved.former_units.size());
  for (std::size_t i = 0; i < saved.former_units.size(); ++i) {
    SCOPED_TRACE(saved.former_units[i].code);
    expect_same_unit(saved.former_units[i], loaded.former_units[i]);
  }
  ASSERT_EQ(loaded.crosswalk.size(), saved.crosswalk.size());
  for (std::size_t i = 0; i < saved.crosswalk.size(); ++i) {
    EXPECT_EQ(loaded.crosswalk[i].old_level, saved.crosswalk[i].old_level);
    EXPECT_EQ(loaded.crosswalk[i].old_code, saved.crosswalk[i].old_code);
    EXPECT_EQ(loaded.crosswalk[i].new_code, saved.crosswalk[i].new_code);
    EXPECT_EQ(loaded.crosswalk[i].merge_type, saved.crosswalk[i].merge_type);
    EXPECT_EQ(loaded.crosswalk[i].note, saved.crosswalk[i].note);
  }
  ASSERT_EQ(loaded.issues.size(), saved.issues.size());
  for (std::size_t i = 0; i < saved.issues.size(); ++i) {
    EXPECT_EQ(loaded.issues[i].file, saved.issues[i].file);
    EXPECT_EQ(loaded.issues[i].line, saved.issues[i].line);
    EXPECT_EQ(loaded.issues[i].value, saved.issues[i].value);
    EXPECT_EQ(loaded.issues[i].reason, saved.issues[i].reason);
  }
}

TEST(GazetteerStore, LoadedDataAnswersLookups) {
  TempDirectory directory;
  SqliteConnection db(directory.file("store.sqlite"), SqliteConnection::Mode::read_write);
  save_gazetteer(db, testing::bundled_data());
  const Gazetteer gazetteer(load_gazetteer(db));

  const auto units = gazetteer.find_by_postcode("01139");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]->code, "06688");
  const Gazetteer::ReverseMatch match = gazetteer.reverse(105.8347, 21.0368);
  ASSERT_NE(match.commune, nullptr);
  EXPECT_EQ(match.commune->code, "00004");
}

TEST(GazetteerStore, SaveReplacesPreviousContent) {
  TempDirectory directory;
  SqliteConnection db(directory.file("store.sqlite"), SqliteConnection::Mode::read_write);
  save_gazetteer(db, testing::bundled_data());

  GazetteerData small;
  AdminUnit unit;
  unit.code = "01";
  unit.level = 1;
  unit.name = "Hà Nội";
  unit.full_name = "Thành phố Hà Nội";
  unit.type = "Thành phố";
  unit.province_code = "01";
  unit.province_name = "Thành phố Hà Nội";
  unit.postcodes = {"10", "11"};
  small.units.push_back(unit);
  small.issues.push_back({"a.tsv", 2, "x", "test issue"});
  save_gazetteer(db, small);

  const GazetteerData loaded = load_gazetteer(db);
  ASSERT_EQ(loaded.units.size(), 1u);
  expect_same_unit(unit, loaded.units[0]);
  ASSERT_EQ(loaded.issues.size(), 1u);
  EXPECT_EQ(loaded.issues[0].reason, "test issue");
}

TEST(GazetteerStore, RejectsInvalidBoundaryAndKeepsContent) {
  TempDirectory directory;
  SqliteConnection db(directory.file("store.sqlite"), SqliteConnection::Mode::read_write);
  AdminUnit ha_noi;
  ha_noi.code = "01";
  ha_noi.level = 1;
  GazetteerData first;
  first.units.push_back(ha_noi);
  save_gazetteer(db, first);

  AdminUnit ho_chi_minh;
  ho_chi_minh.code = "79";
  ho_chi_minh.level = 1;
  ho_chi_minh.boundary_wkb = {1, 2, 3};
  GazetteerData broken;
  broken.units.push_back(ho_chi_minh);
  EXPECT_THROW(save_gazetteer(db, broken), Error);

  const GazetteerData loaded = load_gazetteer(db);
  ASSERT_EQ(loaded.units.size(), 1u);
  EXPECT_EQ(loaded.units[0].code, "01");
}

TEST(GazetteerStore, LoadFromEmptyStoreThrows) {
  TempDirectory directory;
  SqliteConnection db(directory.file("empty.sqlite"), SqliteConnection::Mode::read_write);
  EXPECT_THROW(load_gazetteer(db), Error);
}

}  // namespace
}  // namespace bando::data

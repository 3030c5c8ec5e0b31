#include "data/gazetteer/gazetteer_store.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/gazetteer/former_import.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

bool has_table(SqliteConnection& db, std::string_view name) {
  auto statement = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  statement.bind(1, name);
  statement.step();
  return statement.column_int(0) > 0;
}

// Creates the tables on first use. Codes are reused across reforms, so a unit
// is identified by its code together with valid_from.
void create_tables(SqliteConnection& db) {
  if (!has_table(db, "spatial_ref_sys")) {
    // 1 = one internal transaction, which must not run inside ours.
    db.execute("SELECT InitSpatialMetadata(1)");
  }
  if (has_table(db, "admin_crosswalk")) return;

  Transaction transaction(db);
  if (has_table(db, "admin_units")) {
    // A store written before former units and the crosswalk were stored: its
    // tables lack columns, and save_gazetteer replaces their content anyway.
    spdlog::info("store '{}': replacing gazetteer tables of an older layout", db.path());
    db.execute(R"sql(
      SELECT DiscardGeometryColumn('admin_units', 'boundary');
      DROP TABLE IF EXISTS postcodes;
      DROP TABLE IF EXISTS admin_units;
      DROP TABLE IF EXISTS import_issues;
    )sql");
  }
  db.execute(R"sql(
    CREATE TABLE admin_units (
      code TEXT NOT NULL,
      valid_from TEXT NOT NULL,
      valid_to TEXT NOT NULL DEFAULT '',
      level INTEGER NOT NULL,
      name TEXT NOT NULL,
      full_name TEXT NOT NULL,
      type TEXT NOT NULL,
      province_code TEXT NOT NULL,
      province_name TEXT NOT NULL,
      parent_code TEXT NOT NULL DEFAULT '',
      centroid_lon REAL,
      centroid_lat REAL,
      PRIMARY KEY (code, valid_from)
    );
    SELECT AddGeometryColumn('admin_units', 'boundary', 4326, 'MULTIPOLYGON', 'XY');
    CREATE TABLE postcodes (
      postcode TEXT NOT NULL,
      unit_code TEXT NOT NULL,
      unit_valid_from TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (unit_code, unit_valid_from, position),
      FOREIGN KEY (unit_code, unit_valid_from) REFERENCES admin_units (code, valid_from) ON DELETE CASCADE
    );
    CREATE INDEX postcodes_by_postcode ON postcodes (postcode);
    CREATE TABLE admin_crosswalk (
      old_level INTEGER NOT NULL,
      old_code TEXT NOT NULL,
      new_code TEXT NOT NULL,
      merge_type TEXT NOT NULL CHECK (merge_type IN ('whole_unit', 'part_of_unit', 'part_of_area')),
      note TEXT NOT NULL,
      PRIMARY KEY (old_level, old_code, new_code)
    );
    CREATE INDEX admin_crosswalk_by_new_code ON admin_crosswalk (new_code);
    CREATE TABLE import_issues (
      position INTEGER PRIMARY KEY,
      file TEXT NOT NULL,
      line INTEGER NOT NULL,
      value TEXT NOT NULL,
      reason TEXT NOT NULL
    );
  )sql");
  // AddGeometryColumn reports failure as 0 instead of an SQL error.
  auto check = db.prepare(
      "SELECT count(*) FROM geometry_columns WHERE f_table_name = 'admin_units' AND f_geometry_column = 'boundary'");
  check.step();
  if (check.column_int(0) != 1) {
    throw Error(ErrorKind::unavailable,
                {fmt::format("SpatiaLite AddGeometryColumn failed for admin_units.boundary in '{}'", db.path()),
                 fmt::format("SpatiaLite không tạo được cột admin_units.boundary trong '{}'", db.path())});
  }
  transaction.commit();
}

void insert_unit(Statement& insert, const AdminUnit& unit) {
  insert.bind(1, unit.code);
  insert.bind(2, unit.valid_from);
  insert.bind(3, unit.valid_to);
  insert.bind(4, static_cast<std::int64_t>(unit.level));
  insert.bind(5, unit.name);
  insert.bind(6, unit.full_name);
  insert.bind(7, unit.type);
  insert.bind(8, unit.province_code);
  insert.bind(9, unit.province_name);
  insert.bind(10, unit.parent_code);
  if (unit.centroid) {
    insert.bind(11, unit.centroid->x);
    insert.bind(12, unit.centroid->y);
  } else {
    insert.bind_null(11);
    insert.bind_null(12);
  }
  if (unit.boundary_wkb.empty()) {
    insert.bind_null(13);
  } else {
    insert.bind_blob(13, unit.boundary_wkb);
  }

  // GeomFromWKB returns NULL instead of failing on bad WKB, so the RETURNING
  // clause returns the stored value to check.
  insert.step();
  const bool boundary_lost = !unit.boundary_wkb.empty() && insert.is_null(0);
  insert.reset();
  if (boundary_lost) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("boundary of unit {} is not polygon WKB that SpatiaLite accepts", unit.code),
                 fmt::format("ranh giới của đơn vị {} không phải WKB đa giác hợp lệ", unit.code)});
  }
}

}  // namespace

void save_gazetteer(SqliteConnection& db, const GazetteerData& data) {
  create_tables(db);

  Transaction transaction(db);
  db.execute(
      "DELETE FROM postcodes; DELETE FROM admin_units; DELETE FROM admin_crosswalk; DELETE FROM import_issues;");

  auto insert_unit_statement = db.prepare(R"sql(
    INSERT INTO admin_units (code, valid_from, valid_to, level, name, full_name, type, province_code,
                             province_name, parent_code, centroid_lon, centroid_lat, boundary)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CastToMultiPolygon(GeomFromWKB(?, 4326)))
    RETURNING boundary
  )sql");
  auto insert_postcode = db.prepare(
      "INSERT INTO postcodes (postcode, unit_code, unit_valid_from, position) VALUES (?, ?, ?, ?)");
  for (const auto* units : {&data.units, &data.former_units}) {
    for (const AdminUnit& unit : *units) {
      insert_unit(insert_unit_statement, unit);
      for (std::size_t i = 0; i < unit.postcodes.size(); ++i) {
        insert_postcode.bind(1, unit.postcodes[i]);
        insert_postcode.bind(2, unit.code);
        insert_postcode.bind(3, unit.valid_from);
        insert_postcode.bind(4, static_cast<std::int64_t>(i));
        insert_postcode.run();
      }
    }
  }

  auto insert_link = db.prepare(
      "INSERT INTO admin_crosswalk (old_level, old_code, new_code, merge_type, note) VALUES (?, ?, ?, ?, ?)");
  for (const CrosswalkLink& link : data.crosswalk) {
    insert_link.bind(1, static_cast<std::int64_t>(link.old_level));
    insert_link.bind(2, link.old_code);
    insert_link.bind(3, link.new_code);
    insert_link.bind(4, merge_type_name(link.merge_type));
    insert_link.bind(5, link.note);
    insert_link.run();
  }

  auto insert_issue =
      db.prepare("INSERT INTO import_issues (position, file, line, value, reason) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < data.issues.size(); ++i) {
    const ImportIssue& issue = data.issues[i];
    insert_issue.bind(1, static_cast<std::int64_t>(i));
    insert_issue.bind(2, issue.file);
    insert_issue.bind(3, static_cast<std::int64_t>(issue.line));
    insert_issue.bind(4, issue.value);
    insert_issue.bind(5, issue.reason);
    insert_issue.run();
  }
  transaction.commit();
}

bool has_gazetteer(SqliteConnection& db) {
  return has_table(db, "admin_units") && has_table(db, "postcodes") && has_table(db, "admin_crosswalk") &&
         has_table(db, "import_issues");
}

GazetteerData load_gazetteer(SqliteConnection& db) {
  for (const char* table : {"admin_units", "postcodes", "admin_crosswalk", "import_issues"}) {
    if (has_table(db, table)) continue;
    throw Error(ErrorKind::unavailable,
                {fmt::format("store '{}' has no table '{}'; import the gazetteer first", db.path(), table),
                 fmt::format("kho '{}' thiếu bảng '{}'; hãy nhập danh mục hành chính trước", db.path(), table)});
  }

  // Former units are read into their own vector, so the keys are
  // (valid_to empty, position) pairs.
  GazetteerData data;
  std::map<std::pair<std::string, std::string>, std::pair<bool, std::size_t>> unit_by_key;
  auto units = db.prepare(R"sql(
    SELECT code, valid_from, valid_to, level, name, full_name, type, province_code, province_name,
           parent_code, centroid_lon, centroid_lat, AsBinary(boundary)
    FROM admin_units ORDER BY level, code, valid_from
  )sql");
  while (units.step()) {
    AdminUnit unit;
    unit.code = units.column_text(0);
    unit.valid_from = units.column_text(1);
    unit.valid_to = units.column_text(2);
    unit.level = static_cast<int>(units.column_int(3));
    unit.name = units.column_text(4);
    unit.full_name = units.column_text(5);
    unit.type = units.column_text(6);
    unit.province_code = units.column_text(7);
    unit.province_name = units.column_text(8);
    unit.parent_code = units.column_text(9);
    if (!units.is_null(10) && !units.is_null(11)) {
      unit.centroid = geo::Point{units.column_double(10), units.column_double(11)};
    }
    const auto boundary = units.column_blob(12);
    unit.boundary_wkb.assign(boundary.begin(), boundary.end());
    const bool former = !unit.valid_to.empty();
    std::vector<AdminUnit>& target = former ? data.former_units : data.units;
    unit_by_key.emplace(std::make_pair(unit.code, unit.valid_from), std::make_pair(former, target.size()));
    target.push_back(std::move(unit));
  }

  auto postcodes = db.prepare(
      "SELECT unit_code, unit_valid_from, postcode FROM postcodes ORDER BY unit_code, unit_valid_from, position");
  while (postcodes.step()) {
    const auto found = unit_by_key.find({std::string(postcodes.column_text(0)), std::string(postcodes.column_text(1))});
    // The foreign key keeps every postcode attached to a stored unit.
    if (found == unit_by_key.end()) continue;
    auto& target = found->second.first ? data.former_units : data.units;
    target[found->second.second].postcodes.emplace_back(postcodes.column_text(2));
  }

  auto links = db.prepare(
      "SELECT old_level, old_code, new_code, merge_type, note FROM admin_crosswalk ORDER BY old_level, old_code, "
      "new_code");
  while (links.step()) {
    CrosswalkLink link;
    link.old_level = static_cast<int>(links.column_int(0));
    link.old_code = links.column_text(1);
    link.new_code = links.column_text(2);
    const std::string merge_type(links.column_text(3));
    link.merge_type = merge_type == "whole_unit"     ? MergeType::whole_unit
                      : merge_type == "part_of_area" ? MergeType::part_of_area
                                                     : MergeType::part_of_unit;
    link.note = links.column_text(4);
    data.crosswalk.push_back(std::move(link));
  }

  auto issues = db.prepare("SELECT file, line, value, reason FROM import_issues ORDER BY position");
  while (issues.step()) {
    data.issues.push_back({std::string(issues.column_text(0)), static_cast<int>(issues.column_int(1)),
                           std::string(issues.column_text(2)), std::string(issues.column_text(3))});
  }
  return data;
}

}  // namespace bando::data

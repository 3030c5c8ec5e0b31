#pragma once
// Persistence of the gazetteer in the tables admin_units, postcodes, admin_crosswalk and import_issues of a SpatiaLite store.

#include "data/gazetteer/admin_unit.hpp"
#include "data/sqlite_db.hpp"

namespace bando::data {

// Replaces the gazetteer tables' content with `data` in one transaction,
// creating the SpatiaLite metadata and the tables when missing. Tables of an
// older layout, without admin_crosswalk, are dropped and created again. Boundaries go
// into the MULTIPOLYGON column admin_units.boundary (SRID 4326). All values
// are bound as parameters. Not thread-safe for one connection. Throws
// bando::Error (unavailable) on a SQLite failure, after which the tables keep
// their previous content, and (invalid_argument) when a boundary is not
// polygon WKB SpatiaLite accepts.
void save_gazetteer(SqliteConnection& db, const GazetteerData& data);

// Reads what save_gazetteer stored: units and former units (those with a
// valid_to) sorted by level, then code, then valid_from, the crosswalk sorted
// by old level, old code and new code, with their postcodes in the saved order, and the issues in the
// saved order. Throws bando::Error (unavailable) when the tables are missing,
// which means no gazetteer was saved in this store, or on a SQLite failure.
GazetteerData load_gazetteer(SqliteConnection& db);

// True when save_gazetteer has written this store's gazetteer tables.
bool has_gazetteer(SqliteConnection& db);

}  // namespace bando::data

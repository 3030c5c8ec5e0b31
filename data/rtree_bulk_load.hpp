#pragma once
// Bulk loading of an empty SQLite R*Tree with a Sort-Tile-Recursive packed tree,
// written straight into the R*Tree's shadow tables. Inserting a million rows
// one at a time through the virtual table costs several seconds of node
// choosing and splitting; packing costs one sort per level.

#include <cstdint>
#include <string>
#include <vector>

#include "data/sqlite_db.hpp"
#include "geo/box.hpp"

namespace bando::data {

// One leaf of a 2D R*Tree ("rtree(id, min_x, max_x, min_y, max_y)"), with
// single-precision bounds as SQLite's rtree module stores them.
struct RtreeEntry {
  std::int64_t id = 0;
  float min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

// Returns the entry for `box`, rounded outward to floats so it contains the box.
RtreeEntry make_rtree_entry(std::int64_t id, const geo::Box& box);

// Fills the empty 2D R*Tree virtual table `rtree` with `entries`, keeping the
// node format, node size and rowid and parent maps that SQLite's rtree module
// reads, so the table is queried and updated as usual afterwards. Call it
// inside the transaction that created the rtree or that holds the write lock.
// Throws bando::Error (internal) when the rtree is not empty or its node size
// is not one this writer supports, and (unavailable) on a SQLite failure.
void bulk_load_rtree(SqliteConnection& db, const std::string& rtree, std::vector<RtreeEntry> entries);

}  // namespace bando::data

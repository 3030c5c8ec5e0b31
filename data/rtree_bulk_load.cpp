#include "data/rtree_bulk_load.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <span>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

// SQLite's rtree node blob: a 2-byte depth (used only in the root, node 1), a
// 2-byte cell count, then cells of an 8-byte id and four 4-byte floats, all
// big-endian. Leaf cells contain row ids, and other cells child node numbers.
constexpr std::size_t kNodeHeaderBytes = 4;
constexpr std::size_t kCellBytes = 8 + 4 * 4;
constexpr std::int64_t kRootNode = 1;

[[noreturn]] void throw_internal(std::string message) {
  throw Error(ErrorKind::internal, {std::move(message), {}});
}

void put_uint16(std::vector<std::uint8_t>& blob, std::size_t offset, std::uint16_t value) {
  const std::uint16_t big = __builtin_bswap16(value);
  std::memcpy(blob.data() + offset, &big, sizeof big);
}

void put_int64(std::vector<std::uint8_t>& blob, std::size_t offset, std::int64_t value) {
  const std::uint64_t big = __builtin_bswap64(static_cast<std::uint64_t>(value));
  std::memcpy(blob.data() + offset, &big, sizeof big);
}

void put_float(std::vector<std::uint8_t>& blob, std::size_t offset, float value) {
  const std::uint32_t big = __builtin_bswap32(std::bit_cast<std::uint32_t>(value));
  std::memcpy(blob.data() + offset, &big, sizeof big);
}

// Rounding to float as SQLite's rtree module does for a value inserted with
// SQL: when the nearest float lies on the wrong side, the value is first moved
// away by one part in 2^23, so the float box still contains the double box.
// Matching it keeps these entries identical to what SpatiaLite's per-row
// insert would store, which CheckSpatialIndex() compares against.
constexpr double kTowardZero = 1.0 - 1.0 / 8388608.0;
constexpr double kAwayFromZero = 1.0 + 1.0 / 8388608.0;

float round_down(double value) {
  float rounded = static_cast<float>(value);
  if (static_cast<double>(rounded) > value) {
    rounded = static_cast<float>(value * (value < 0 ? kAwayFromZero : kTowardZero));
  }
  return rounded;
}

float round_up(double value) {
  float rounded = static_cast<float>(value);
  if (static_cast<double>(rounded) < value) {
    rounded = static_cast<float>(value * (value < 0 ? kTowardZero : kAwayFromZero));
  }
  return rounded;
}

double center_x(const RtreeEntry& entry) { return (double{entry.min_x} + entry.max_x) / 2; }
double center_y(const RtreeEntry& entry) { return (double{entry.min_y} + entry.max_y) / 2; }

RtreeEntry bounding_entry(std::int64_t id, std::span<const RtreeEntry> cells) {
  RtreeEntry result = cells.front();
  result.id = id;
  for (const RtreeEntry& cell : cells) {
    result.min_x = std::min(result.min_x, cell.min_x);
    result.max_x = std::max(result.max_x, cell.max_x);
    result.min_y = std::min(result.min_y, cell.min_y);
    result.max_y = std::max(result.max_y, cell.max_y);
  }
  return result;
}

// Writes node blobs and the maps from each cell to its node.
class RtreeWriter {
 public:
  RtreeWriter(SqliteConnection& db, const std::string& rtree, std::size_t node_bytes)
      : node_bytes_(node_bytes),
        insert_node_(db.prepare(fmt::format("INSERT INTO \"{}_node\" (nodeno, data) VALUES (?, ?)", rtree))),
        update_root_(db.prepare(fmt::format("UPDATE \"{}_node\" SET data = ? WHERE nodeno = {}", rtree, kRootNode))),
        insert_rowid_(db.prepare(fmt::format("INSERT INTO \"{}_rowid\" (rowid, nodeno) VALUES (?, ?)", rtree))),
        insert_parent_(db.prepare(fmt::format("INSERT INTO \"{}_parent\" (nodeno, parentnode) VALUES (?, ?)", rtree))) {}

  // Writes node `number` holding `cells`. `is_leaf` picks the map its cells go to.
  void write_node(std::int64_t number, std::span<const RtreeEntry> cells, bool is_leaf, std::uint16_t depth) {
    std::vector<std::uint8_t> blob(node_bytes_, 0);
    if (number == kRootNode) put_uint16(blob, 0, depth);
    put_uint16(blob, 2, static_cast<std::uint16_t>(cells.size()));
    std::size_t offset = kNodeHeaderBytes;
    for (const RtreeEntry& cell : cells) {
      put_int64(blob, offset, cell.id);
      put_float(blob, offset + 8, cell.min_x);
      put_float(blob, offset + 12, cell.max_x);
      put_float(blob, offset + 16, cell.min_y);
      put_float(blob, offset + 20, cell.max_y);
      offset += kCellBytes;
      Statement& map = is_leaf ? insert_rowid_ : insert_parent_;
      map.bind(1, cell.id).bind(2, number);
      map.run();
    }
    if (number == kRootNode) {
      update_root_.bind_blob(1, blob);
      update_root_.run();
    } else {
      insert_node_.bind(1, number).bind_blob(2, blob);
      insert_node_.run();
    }
  }

 private:
  std::size_t node_bytes_;
  Statement insert_node_;
  Statement update_root_;
  Statement insert_rowid_;
  Statement insert_parent_;
};

std::size_t root_node_bytes(SqliteConnection& db, const std::string& rtree) {
  auto rows = db.prepare(fmt::format("SELECT count(*) FROM \"{}_rowid\"", rtree));
  rows.step();
  if (rows.column_int(0) != 0) throw_internal(fmt::format("the R*Tree '{}' is not empty", rtree));
  auto root = db.prepare(fmt::format("SELECT length(data) FROM \"{}_node\" WHERE nodeno = {}", rtree, kRootNode));
  if (!root.step()) throw_internal(fmt::format("the R*Tree '{}' has no root node", rtree));
  const auto bytes = static_cast<std::size_t>(root.column_int(0));
  if (bytes < kNodeHeaderBytes + 2 * kCellBytes) {
    throw_internal(fmt::format("the R*Tree '{}' has nodes of {} bytes, too small for 2 cells", rtree, bytes));
  }
  return bytes;
}

// Orders `cells` for Sort-Tile-Recursive packing into nodes of `capacity`:
// vertical slices by x centre, each sorted by y centre. Returns the start of
// each node's run of cells, followed by cells.size().
std::vector<std::size_t> pack_level(std::vector<RtreeEntry>& cells, std::size_t capacity) {
  const std::size_t nodes = (cells.size() + capacity - 1) / capacity;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t slice_cells = slices * capacity;
  std::sort(cells.begin(), cells.end(), [](const RtreeEntry& a, const RtreeEntry& b) { return center_x(a) < center_x(b); });

  std::vector<std::size_t> starts;
  for (std::size_t slice = 0; slice < cells.size(); slice += slice_cells) {
    const std::size_t slice_end = std::min(cells.size(), slice + slice_cells);
    std::sort(cells.begin() + static_cast<std::ptrdiff_t>(slice), cells.begin() + static_cast<std::ptrdiff_t>(slice_end),
              [](const RtreeEntry& a, const RtreeEntry& b) { return center_y(a) < center_y(b); });
    for (std::size_t start = slice; start < slice_end; start += capacity) starts.push_back(start);
  }
  starts.push_back(cells.size());
  return starts;
}

}  // namespace

RtreeEntry make_rtree_entry(std::int64_t id, const geo::Box& box) {
  return {id, round_down(box.min_x), round_up(box.max_x), round_down(box.min_y), round_up(box.max_y)};
}

void bulk_load_rtree(SqliteConnection& db, const std::string& rtree, std::vector<RtreeEntry> entries) {
  const std::size_t node_bytes = root_node_bytes(db, rtree);
  if (entries.empty()) return;
  const std::size_t capacity = (node_bytes - kNodeHeaderBytes) / kCellBytes;
  RtreeWriter writer(db, rtree, node_bytes);

  // Pack level by level from the leaves up. The cells of each new level are the
  // nodes just written. Node 1 is the root, so the others are numbered from 2.
  std::vector<RtreeEntry> level = std::move(entries);
  std::int64_t next_node = kRootNode + 1;
  std::uint16_t depth = 0;
  bool is_leaf = true;
  while (level.size() > capacity) {
    const std::vector<std::size_t> starts = pack_level(level, capacity);
    std::vector<RtreeEntry> parents;
    parents.reserve(starts.size() - 1);
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
      const std::span<const RtreeEntry> cells(level.data() + starts[i], starts[i + 1] - starts[i]);
      const std::int64_t number = next_node++;
      writer.write_node(number, cells, is_leaf, 0);
      parents.push_back(bounding_entry(number, cells));
    }
    level = std::move(parents);
    is_leaf = false;
    ++depth;
  }
  writer.write_node(kRootNode, level, is_leaf, depth);
}

}  // namespace bando::data

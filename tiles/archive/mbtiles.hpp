#pragma once
// MBTiles 1.3 archives: a SQLite file with deduplicated gzip MVT tiles in TMS rows.

#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "data/sqlite_db.hpp"
#include "tiles/archive/tile_archive.hpp"

namespace bando::tiles::archive {

// Writes the `map`/`images` layout with a `tiles` view, so one stored blob
// serves every tile that has the same bytes. Everything happens in one
// transaction that finish() commits.
class MbtilesWriter final : public ArchiveWriter {
 public:
  // Throws bando::Error (unavailable) when `path` cannot be created.
  explicit MbtilesWriter(const std::filesystem::path& path);

  void add_tile(const geo::TileId& tile, std::string_view gzip_bytes, const ContentKey& key) override;
  void finish(const ArchiveMetadata& metadata) override;

 private:
  std::unique_ptr<sqlite3, data::SqliteCloser> db_;
  std::unique_ptr<data::Statement> insert_map_;
  std::unique_ptr<data::Statement> insert_image_;
  std::unordered_set<ContentKey, ContentKeyHash> stored_;
};

// Reads MBTiles written by bando or other tools (flat `tiles` table or view).
class MbtilesReader final : public ArchiveReader {
 public:
  // Throws bando::Error (unavailable) when `path` is not a readable MBTiles file.
  explicit MbtilesReader(const std::filesystem::path& path);

  const ArchiveMetadata& metadata() const noexcept override { return metadata_; }
  std::optional<std::string> read_tile(const geo::TileId& tile) const override;

 private:
  std::unique_ptr<sqlite3, data::SqliteCloser> db_;
  mutable std::mutex mutex_;  // guards select_tile_, since a statement is single-threaded
  std::unique_ptr<data::Statement> select_tile_;
  ArchiveMetadata metadata_;
};

}  // namespace bando::tiles::archive

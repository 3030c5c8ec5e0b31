#pragma once
// PMTiles v3 archives: one file with a Hilbert-ordered directory tree and deduplicated tile data.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tiles/archive/pmtiles_format.hpp"
#include "tiles/archive/tile_archive.hpp"

namespace bando::tiles::archive {

struct FileCloser {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using FilePointer = std::unique_ptr<std::FILE, FileCloser>;

// Spools unique tile contents to `path` + ".spool" while tiles arrive in any
// order, then finish() writes header, root directory, JSON metadata, leaf
// directories and the data in tile id order (a clustered archive). Identical
// contents are stored once and consecutive tile ids with the same content
// become one run-length entry. Directories and metadata are gzip-compressed.
class PmtilesWriter final : public ArchiveWriter {
 public:
  // Throws bando::Error (unavailable) when `path` or its spool cannot be created.
  explicit PmtilesWriter(const std::filesystem::path& path);
  ~PmtilesWriter() override;

  void add_tile(const geo::TileId& tile, std::string_view gzip_bytes, const ContentKey& key) override;
  void finish(const ArchiveMetadata& metadata) override;

 private:
  struct Content {
    std::uint64_t spool_offset = 0;
    std::uint32_t length = 0;
  };

  void write(std::string_view bytes);

  std::filesystem::path path_;
  std::filesystem::path spool_path_;
  FilePointer spool_;
  FilePointer output_;
  std::uint64_t spool_size_ = 0;
  std::vector<Content> contents_;
  std::unordered_map<ContentKey, std::uint32_t, ContentKeyHash> content_index_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tiles_;  // tile id and content index
  int min_zoom_ = 255;
  int max_zoom_ = 0;
};

// Reads tiles with pread, so concurrent read_tile calls need no lock. Leaf
// directories are read and decompressed on each lookup.
class PmtilesReader final : public ArchiveReader {
 public:
  // Throws bando::Error (unavailable) when `path` is not a readable PMTiles v3 file.
  explicit PmtilesReader(const std::filesystem::path& path);
  ~PmtilesReader() override;

  const ArchiveMetadata& metadata() const noexcept override { return metadata_; }
  std::optional<std::string> read_tile(const geo::TileId& tile) const override;
  const pmtiles::Header& header() const noexcept { return header_; }

 private:
  std::string read_range(std::uint64_t offset, std::uint64_t length) const;
  std::string read_internal(std::uint64_t offset, std::uint64_t length) const;

  std::filesystem::path path_;
  int fd_ = -1;
  pmtiles::Header header_;
  std::vector<pmtiles::Entry> root_;
  ArchiveMetadata metadata_;
};

}  // namespace bando::tiles::archive

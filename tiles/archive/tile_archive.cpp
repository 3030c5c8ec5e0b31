#include "tiles/archive/tile_archive.hpp"

#include <fstream>
#include <functional>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "tiles/archive/mbtiles.hpp"
#include "tiles/archive/pmtiles.hpp"

namespace bando::tiles::archive {

const char* to_string(ArchiveFormat format) noexcept {
  return format == ArchiveFormat::mbtiles ? "mbtiles" : "pmtiles";
}

ContentKey content_key(std::string_view bytes) noexcept {
  // 64-bit FNV-1a, independent of the MurmurHash-based std::hash of libstdc++.
  std::uint64_t fnv = 0xcbf29ce484222325ULL;
  for (const char byte : bytes) {
    fnv ^= static_cast<unsigned char>(byte);
    fnv *= 0x100000001b3ULL;
  }
  return {fnv, static_cast<std::uint64_t>(std::hash<std::string_view>{}(bytes)), bytes.size()};
}

std::string to_hex(const ContentKey& key) { return fmt::format("{:016x}{:016x}", key.fnv, key.murmur); }

std::unique_ptr<ArchiveWriter> make_archive_writer(ArchiveFormat format, const std::filesystem::path& path) {
  if (format == ArchiveFormat::mbtiles) return std::make_unique<MbtilesWriter>(path);
  return std::make_unique<PmtilesWriter>(path);
}

std::unique_ptr<ArchiveReader> open_archive(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw Error(ErrorKind::unavailable, {fmt::format("cannot open archive '{}'", path.string()),
                                         fmt::format("không mở được tệp lưu trữ '{}'", path.string())});
  }
  char magic[7] = {};
  file.read(magic, sizeof magic);
  if (file.gcount() == sizeof magic && std::string_view(magic, sizeof magic) == "PMTiles") {
    return std::make_unique<PmtilesReader>(path);
  }
  return std::make_unique<MbtilesReader>(path);
}

}  // namespace bando::tiles::archive

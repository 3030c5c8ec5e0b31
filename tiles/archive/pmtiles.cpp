#include "tiles/archive/pmtiles.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "geo/error.hpp"
#include "tiles/archive/gzip.hpp"

namespace bando::tiles::archive {
namespace {

using pmtiles::Entry;

// Leaf directories start at this many entries and double until the root fits.
constexpr std::size_t kFirstLeafSize = 4096;
// Bounds on what a reader accepts, so a corrupt file cannot exhaust memory.
constexpr std::size_t kMaxDirectoryEntries = std::size_t{1} << 24;
constexpr std::size_t kMaxInternalBytes = std::size_t{256} << 20;
constexpr int kMaxDirectoryDepth = 4;

Error io_error(const std::filesystem::path& path, const char* action, int code) {
  const std::string reason = std::strerror(code);
  return Error(ErrorKind::unavailable, {fmt::format("cannot {} PMTiles file '{}': {}", action, path.string(), reason),
                                        fmt::format("không {} được tệp PMTiles '{}': {}", action, path.string(), reason)});
}

FilePointer open_file(const std::filesystem::path& path, const char* mode) {
  FilePointer file(std::fopen(path.c_str(), mode));
  if (!file) throw io_error(path, "create", errno);
  return file;
}

std::int32_t to_e7(double degrees) { return static_cast<std::int32_t>(std::lround(degrees * 1e7)); }

struct Directories {
  std::string root;    // gzip-compressed
  std::string leaves;  // gzip-compressed leaf directories, back to back
};

// Puts every entry in the root when it fits in the first 16 KiB, else splits
// them into leaves of equal entry count and lists the leaves in the root.
Directories build_directories(const std::vector<Entry>& entries) {
  Directories result{gzip_compress(pmtiles::encode_directory(entries)), {}};
  if (pmtiles::kHeaderSize + result.root.size() <= pmtiles::kRootLimit) return result;
  for (std::size_t leaf_size = kFirstLeafSize;; leaf_size *= 2) {
    std::vector<Entry> pointers;
    result.leaves.clear();
    for (std::size_t start = 0; start < entries.size(); start += leaf_size) {
      const std::size_t end = std::min(start + leaf_size, entries.size());
      const std::vector<Entry> leaf_entries(entries.begin() + static_cast<std::ptrdiff_t>(start),
                                            entries.begin() + static_cast<std::ptrdiff_t>(end));
      const std::string leaf = gzip_compress(pmtiles::encode_directory(leaf_entries));
      pointers.push_back({entries[start].tile_id, result.leaves.size(), static_cast<std::uint32_t>(leaf.size()), 0});
      result.leaves += leaf;
    }
    result.root = gzip_compress(pmtiles::encode_directory(pointers));
    if (pmtiles::kHeaderSize + result.root.size() <= pmtiles::kRootLimit) return result;
  }
}

std::string metadata_json(const ArchiveMetadata& metadata) {
  rapidjson::Document document(rapidjson::kObjectType);
  auto& allocator = document.GetAllocator();
  const auto add_string = [&](const char* key, const std::string& value) {
    document.AddMember(rapidjson::StringRef(key), rapidjson::Value(value.c_str(), allocator), allocator);
  };
  add_string("name", metadata.name);
  add_string("description", metadata.description);
  add_string("attribution", metadata.attribution);
  add_string("type", "overlay");
  rapidjson::Document layers(&allocator);
  layers.Parse(metadata.vector_layers_json.empty() ? "[]" : metadata.vector_layers_json.c_str());
  if (layers.HasParseError() || !layers.IsArray()) layers.SetArray();
  document.AddMember("vector_layers", rapidjson::Value(layers, allocator), allocator);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

std::string json_member(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

PmtilesWriter::PmtilesWriter(const std::filesystem::path& path)
    : path_(path), spool_path_(path.string() + ".spool") {
  output_ = open_file(path_, "wb");
  spool_ = open_file(spool_path_, "w+b");
}

PmtilesWriter::~PmtilesWriter() {
  spool_.reset();
  std::error_code ignored;
  std::filesystem::remove(spool_path_, ignored);
}

void PmtilesWriter::write(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), output_.get()) != bytes.size()) throw io_error(path_, "write", errno);
}

void PmtilesWriter::add_tile(const geo::TileId& tile, std::string_view gzip_bytes, const ContentKey& key) {
  if (gzip_bytes.empty() || gzip_bytes.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorKind::internal, {fmt::format("tile {} has {} bytes; PMTiles needs 1 to 2^32 - 1",
                                                  geo::to_string(tile), gzip_bytes.size()),
                                      fmt::format("ô {} có {} byte; PMTiles cần từ 1 đến 2^32 - 1",
                                                  geo::to_string(tile), gzip_bytes.size())});
  }
  auto [it, inserted] = content_index_.try_emplace(key, static_cast<std::uint32_t>(contents_.size()));
  if (inserted) {
    if (std::fwrite(gzip_bytes.data(), 1, gzip_bytes.size(), spool_.get()) != gzip_bytes.size()) {
      throw io_error(spool_path_, "write", errno);
    }
    contents_.push_back({spool_size_, static_cast<std::uint32_t>(gzip_bytes.size())});
    spool_size_ += gzip_bytes.size();
  }
  tiles_.emplace_back(pmtiles::tile_id(tile), it->second);
  min_zoom_ = std::min(min_zoom_, static_cast<int>(tile.z));
  max_zoom_ = std::max(max_zoom_, static_cast<int>(tile.z));
}

void PmtilesWriter::finish(const ArchiveMetadata& metadata) {
  std::sort(tiles_.begin(), tiles_.end());

  // Lay out contents in the order their first tile appears, and merge runs of
  // consecutive tile ids that share one content into one entry.
  constexpr auto kUnplaced = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::uint64_t> data_offset(contents_.size(), kUnplaced);
  std::vector<std::uint32_t> data_order;
  std::uint64_t data_length = 0;
  std::vector<Entry> entries;
  for (const auto& [id, content] : tiles_) {
    if (data_offset[content] == kUnplaced) {
      data_offset[content] = data_length;
      data_length += contents_[content].length;
      data_order.push_back(content);
    }
    if (!entries.empty()) {
      Entry& last = entries.back();
      if (last.tile_id + last.run_length == id && last.offset == data_offset[content]) {
        ++last.run_length;
        continue;
      }
    }
    entries.push_back({id, data_offset[content], contents_[content].length, 1});
  }

  // NOTE: an archive without tiles gets an empty root directory, which the
  // PMTiles 3.1 specification does not allow; readers may reject it.
  const Directories directories = build_directories(entries);
  const std::string json = gzip_compress(metadata_json(metadata));

  pmtiles::Header header;
  header.root_offset = pmtiles::kHeaderSize;
  header.root_length = directories.root.size();
  header.metadata_offset = header.root_offset + header.root_length;
  header.metadata_length = json.size();
  header.leaves_offset = header.metadata_offset + header.metadata_length;
  header.leaves_length = directories.leaves.size();
  header.data_offset = header.leaves_offset + header.leaves_length;
  header.data_length = data_length;
  header.addressed_tiles = tiles_.size();
  header.tile_entries = entries.size();
  header.tile_contents = contents_.size();
  header.clustered = true;
  header.min_zoom = static_cast<std::uint8_t>(tiles_.empty() ? metadata.min_zoom : std::max(metadata.min_zoom, min_zoom_));
  header.max_zoom = static_cast<std::uint8_t>(tiles_.empty() ? metadata.max_zoom : std::min(metadata.max_zoom, max_zoom_));
  const auto& b = metadata.bounds_lonlat;
  header.min_lon_e7 = to_e7(b.min_x);
  header.min_lat_e7 = to_e7(b.min_y);
  header.max_lon_e7 = to_e7(b.max_x);
  header.max_lat_e7 = to_e7(b.max_y);
  header.center_zoom = static_cast<std::uint8_t>(metadata.center_zoom);
  header.center_lon_e7 = to_e7((b.min_x + b.max_x) / 2);
  header.center_lat_e7 = to_e7((b.min_y + b.max_y) / 2);

  write(pmtiles::serialize_header(header));
  write(directories.root);
  write(json);
  write(directories.leaves);
  std::string buffer;
  for (const std::uint32_t content : data_order) {
    buffer.resize(contents_[content].length);
    if (std::fseek(spool_.get(), static_cast<long>(contents_[content].spool_offset), SEEK_SET) != 0 ||
        std::fread(buffer.data(), 1, buffer.size(), spool_.get()) != buffer.size()) {
      throw io_error(spool_path_, "read", errno);
    }
    write(buffer);
  }
  if (std::fflush(output_.get()) != 0) throw io_error(path_, "write", errno);
  output_.reset();
}

PmtilesReader::PmtilesReader(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw io_error(path_, "open", errno);
  try {
    header_ = pmtiles::parse_header(read_range(0, pmtiles::kHeaderSize));
    if (header_.tile_type != pmtiles::kTileTypeMvt) {
      throw Error(ErrorKind::unavailable, {fmt::format("PMTiles file '{}' has tile type {}, expected MVT (1)",
                                                       path.string(), header_.tile_type),
                                           fmt::format("tệp PMTiles '{}' có loại ô {}, cần MVT (1)",
                                                       path.string(), header_.tile_type)});
    }
    root_ = pmtiles::decode_directory(read_internal(header_.root_offset, header_.root_length), kMaxDirectoryEntries);
    const std::string json = read_internal(header_.metadata_offset, header_.metadata_length);
    rapidjson::Document document;
    document.Parse(json.c_str());
    metadata_.vector_layers_json = "[]";
    if (!document.HasParseError() && document.IsObject()) {
      metadata_.name = json_member(document, "name");
      metadata_.description = json_member(document, "description");
      metadata_.attribution = json_member(document, "attribution");
      const auto layers = document.FindMember("vector_layers");
      if (layers != document.MemberEnd() && layers->value.IsArray()) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        layers->value.Accept(writer);
        metadata_.vector_layers_json = buffer.GetString();
      }
    }
  } catch (const Error& error) {
    ::close(fd_);
    if (error.kind() != ErrorKind::invalid_argument) throw;
    throw Error(ErrorKind::unavailable, {fmt::format("cannot read PMTiles file '{}': {}", path.string(), error.detail().en),
                                         fmt::format("không đọc được tệp PMTiles '{}': {}", path.string(), error.detail().vi)});
  }
  metadata_.min_zoom = header_.min_zoom;
  metadata_.max_zoom = header_.max_zoom;
  metadata_.center_zoom = header_.center_zoom;
  metadata_.bounds_lonlat = {header_.min_lon_e7 / 1e7, header_.min_lat_e7 / 1e7, header_.max_lon_e7 / 1e7,
                             header_.max_lat_e7 / 1e7};
}

PmtilesReader::~PmtilesReader() { ::close(fd_); }

std::string PmtilesReader::read_range(std::uint64_t offset, std::uint64_t length) const {
  if (length > kMaxInternalBytes) {
    throw Error(ErrorKind::invalid_argument, {fmt::format("section of {} bytes exceeds {} bytes", length, kMaxInternalBytes),
                                              fmt::format("phần dài {} byte vượt {} byte", length, kMaxInternalBytes)});
  }
  std::string bytes(length, '\0');
  std::size_t done = 0;
  while (done < length) {
    const ssize_t count = ::pread(fd_, bytes.data() + done, length - done, static_cast<off_t>(offset + done));
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) throw io_error(path_, "read", errno);
    if (count == 0) {
      throw Error(ErrorKind::unavailable, {fmt::format("PMTiles file '{}' ends before byte {}", path_.string(), offset + length),
                                           fmt::format("tệp PMTiles '{}' kết thúc trước byte {}", path_.string(), offset + length)});
    }
    done += static_cast<std::size_t>(count);
  }
  return bytes;
}

std::string PmtilesReader::read_internal(std::uint64_t offset, std::uint64_t length) const {
  std::string bytes = read_range(offset, length);
  if (header_.internal_compression == pmtiles::gzip) return gzip_decompress(bytes, kMaxInternalBytes);
  if (header_.internal_compression == pmtiles::none) return bytes;
  throw Error(ErrorKind::unavailable,
              {fmt::format("PMTiles file '{}' uses internal compression {}; bando reads only none (1) and gzip (2)",
                           path_.string(), header_.internal_compression),
               fmt::format("tệp PMTiles '{}' dùng nén nội bộ {}; bando chỉ đọc none (1) và gzip (2)",
                           path_.string(), header_.internal_compression)});
}

std::optional<std::string> PmtilesReader::read_tile(const geo::TileId& tile) const {
  if (tile.z < header_.min_zoom || tile.z > header_.max_zoom) return std::nullopt;
  const std::uint64_t id = pmtiles::tile_id(tile);
  std::vector<Entry> leaf;
  const std::vector<Entry>* directory = &root_;
  for (int depth = 0; depth < kMaxDirectoryDepth; ++depth) {
    const auto entry = pmtiles::find_entry(*directory, id);
    if (!entry) return std::nullopt;
    if (entry->run_length > 0) return read_range(header_.data_offset + entry->offset, entry->length);
    leaf = pmtiles::decode_directory(read_internal(header_.leaves_offset + entry->offset, entry->length),
                                     kMaxDirectoryEntries);
    directory = &leaf;
  }
  throw Error(ErrorKind::unavailable, {fmt::format("PMTiles file '{}' nests directories deeper than {} levels",
                                                   path_.string(), kMaxDirectoryDepth),
                                       fmt::format("tệp PMTiles '{}' lồng thư mục sâu hơn {} cấp",
                                                   path_.string(), kMaxDirectoryDepth)});
}

}  // namespace bando::tiles::archive

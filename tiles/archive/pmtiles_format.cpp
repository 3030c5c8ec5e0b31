#include "tiles/archive/pmtiles_format.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles::archive::pmtiles {
namespace {

constexpr char kMagic[] = "PMTiles";
constexpr std::uint8_t kVersion = 3;

Error invalid(const std::string& reason) {
  return Error(ErrorKind::invalid_argument, {fmt::format("invalid PMTiles data: {}", reason),
                                             fmt::format("dữ liệu PMTiles không hợp lệ: {}", reason)});
}

template <typename T>
void put_le(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  auto bits = static_cast<U>(value);
  for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

template <typename T>
T get_le(std::string_view bytes, std::size_t offset) {
  using U = std::make_unsigned_t<T>;
  U bits = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) bits |= static_cast<U>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
  return static_cast<T>(bits);
}

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

std::uint64_t get_varint(std::string_view bytes, std::size_t& position) {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (position >= bytes.size()) throw invalid("truncated varint in a directory");
    const auto byte = static_cast<unsigned char>(bytes[position++]);
    value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  throw invalid("varint longer than 10 bytes in a directory");
}

}  // namespace

std::string serialize_header(const Header& h) {
  std::string out(kMagic, 7);
  out.push_back(static_cast<char>(kVersion));
  for (const std::uint64_t value : {h.root_offset, h.root_length, h.metadata_offset, h.metadata_length,
                                    h.leaves_offset, h.leaves_length, h.data_offset, h.data_length,
                                    h.addressed_tiles, h.tile_entries, h.tile_contents}) {
    put_le(out, value);
  }
  for (const std::uint8_t value : {static_cast<std::uint8_t>(h.clustered ? 1 : 0), h.internal_compression,
                                   h.tile_compression, h.tile_type, h.min_zoom, h.max_zoom}) {
    out.push_back(static_cast<char>(value));
  }
  for (const std::int32_t value : {h.min_lon_e7, h.min_lat_e7, h.max_lon_e7, h.max_lat_e7}) put_le(out, value);
  out.push_back(static_cast<char>(h.center_zoom));
  put_le(out, h.center_lon_e7);
  put_le(out, h.center_lat_e7);
  return out;
}

Header parse_header(std::string_view bytes) {
  if (bytes.size() < kHeaderSize) throw invalid(fmt::format("header has {} bytes, expected 127", bytes.size()));
  if (bytes.substr(0, 7) != std::string_view(kMagic, 7)) throw invalid("missing the PMTiles magic number");
  if (static_cast<std::uint8_t>(bytes[7]) != kVersion) {
    throw invalid(fmt::format("version {} is not supported, expected 3", static_cast<int>(bytes[7])));
  }
  Header h;
  std::uint64_t* fields[] = {&h.root_offset, &h.root_length, &h.metadata_offset, &h.metadata_length,
                             &h.leaves_offset, &h.leaves_length, &h.data_offset, &h.data_length,
                             &h.addressed_tiles, &h.tile_entries, &h.tile_contents};
  std::size_t offset = 8;
  for (auto* field : fields) {
    *field = get_le<std::uint64_t>(bytes, offset);
    offset += 8;
  }
  h.clustered = bytes[96] == 1;
  h.internal_compression = static_cast<std::uint8_t>(bytes[97]);
  h.tile_compression = static_cast<std::uint8_t>(bytes[98]);
  h.tile_type = static_cast<std::uint8_t>(bytes[99]);
  h.min_zoom = static_cast<std::uint8_t>(bytes[100]);
  h.max_zoom = static_cast<std::uint8_t>(bytes[101]);
  h.min_lon_e7 = get_le<std::int32_t>(bytes, 102);
  h.min_lat_e7 = get_le<std::int32_t>(bytes, 106);
  h.max_lon_e7 = get_le<std::int32_t>(bytes, 110);
  h.max_lat_e7 = get_le<std::int32_t>(bytes, 114);
  h.center_zoom = static_cast<std::uint8_t>(bytes[118]);
  h.center_lon_e7 = get_le<std::int32_t>(bytes, 119);
  h.center_lat_e7 = get_le<std::int32_t>(bytes, 123);
  return h;
}

std::uint64_t tile_id(const geo::TileId& tile) noexcept {
  // Tiles of zooms 0..z-1 number (4^z - 1) / 3.
  std::uint64_t id = ((std::uint64_t{1} << (2 * tile.z)) - 1) / 3;
  const std::uint64_t n = std::uint64_t{1} << tile.z;
  std::uint64_t x = tile.x, y = tile.y;
  for (std::uint64_t s = n / 2; s > 0; s /= 2) {
    const std::uint64_t rx = (x & s) ? 1 : 0;
    const std::uint64_t ry = (y & s) ? 1 : 0;
    id += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve in it has the standard orientation.
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return id;
}

std::string encode_directory(const std::vector<Entry>& entries) {
  std::string out;
  put_varint(out, entries.size());
  std::uint64_t previous_id = 0;
  for (const auto& entry : entries) {
    put_varint(out, entry.tile_id - previous_id);
    previous_id = entry.tile_id;
  }
  for (const auto& entry : entries) put_varint(out, entry.run_length);
  for (const auto& entry : entries) put_varint(out, entry.length);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const bool contiguous = i > 0 && entries[i].offset == entries[i - 1].offset + entries[i - 1].length;
    put_varint(out, contiguous ? 0 : entries[i].offset + 1);
  }
  return out;
}

std::vector<Entry> decode_directory(std::string_view bytes, std::size_t max_entries) {
  std::size_t position = 0;
  const std::uint64_t count = get_varint(bytes, position);
  if (count > max_entries) throw invalid(fmt::format("directory has {} entries, limit {}", count, max_entries));
  // Each entry takes at least 4 bytes, which bounds the allocation by the input size.
  if (count > bytes.size()) throw invalid(fmt::format("directory claims {} entries in {} bytes", count, bytes.size()));
  std::vector<Entry> entries(count);
  std::uint64_t id = 0;
  for (auto& entry : entries) {
    id += get_varint(bytes, position);
    entry.tile_id = id;
  }
  for (auto& entry : entries) entry.run_length = static_cast<std::uint32_t>(get_varint(bytes, position));
  for (auto& entry : entries) entry.length = static_cast<std::uint32_t>(get_varint(bytes, position));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::uint64_t value = get_varint(bytes, position);
    if (value == 0 && i == 0) throw invalid("first directory entry has offset code 0");
    entries[i].offset = value == 0 ? entries[i - 1].offset + entries[i - 1].length : value - 1;
  }
  return entries;
}

std::optional<Entry> find_entry(const std::vector<Entry>& entries, std::uint64_t id) {
  // The last entry whose tile_id is <= id.
  auto it = std::upper_bound(entries.begin(), entries.end(), id,
                             [](std::uint64_t value, const Entry& entry) { return value < entry.tile_id; });
  if (it == entries.begin()) return std::nullopt;
  --it;
  if (it->run_length == 0) return *it;
  if (id - it->tile_id < it->run_length) return *it;
  return std::nullopt;
}

}  // namespace bando::tiles::archive::pmtiles

#include "data/spatialite_blob.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/geometry.hpp"

namespace bando::data {
namespace {

static_assert(std::endian::native == std::endian::little, "the BLOB writer copies native little-endian values");

constexpr std::uint8_t kBlobStart = 0x00;
constexpr std::uint8_t kLittleEndian = 0x01;
constexpr std::uint8_t kMbrEnd = 0x7C;
constexpr std::uint8_t kEntity = 0x69;
constexpr std::uint8_t kBlobEnd = 0xFE;

// The WKB type codes that the writer compares, from geo::GeometryType.
constexpr std::uint32_t code_of(geo::GeometryType type) { return static_cast<std::uint32_t>(type); }
constexpr std::uint32_t kPoint = code_of(geo::GeometryType::point);
constexpr std::uint32_t kLineString = code_of(geo::GeometryType::line_string);
constexpr std::uint32_t kMultiPoint = code_of(geo::GeometryType::multi_point);
constexpr std::uint32_t kGeometryCollection = code_of(geo::GeometryType::geometry_collection);

[[noreturn]] void throw_bad_wkb(const std::string& reason) {
  throw Error(ErrorKind::invalid_argument, {fmt::format("cannot store geometry: {}", reason),
                                            fmt::format("không lưu được hình học: {}", reason)});
}

// Reads WKB values in the byte order that each geometry's first byte declares.
class WkbReader {
 public:
  explicit WkbReader(std::span<const std::uint8_t> wkb) : wkb_(wkb) {}

  void read_byte_order() {
    const std::uint8_t order = read_byte();
    if (order > 1) throw_bad_wkb(fmt::format("invalid WKB byte order {}", order));
    swap_ = (order == 1) != (std::endian::native == std::endian::little);
  }

  std::uint32_t read_uint32() {
    std::uint32_t value;
    copy(&value, sizeof value);
    return swap_ ? __builtin_bswap32(value) : value;
  }

  double read_double() {
    std::uint64_t bits;
    copy(&bits, sizeof bits);
    return std::bit_cast<double>(swap_ ? __builtin_bswap64(bits) : bits);
  }

  bool at_end() const noexcept { return offset_ == wkb_.size(); }

 private:
  std::uint8_t read_byte() {
    std::uint8_t value;
    copy(&value, 1);
    return value;
  }

  void copy(void* target, std::size_t size) {
    if (wkb_.size() - offset_ < size) throw_bad_wkb("truncated WKB");
    std::memcpy(target, wkb_.data() + offset_, size);
    offset_ += size;
  }

  std::span<const std::uint8_t> wkb_;
  std::size_t offset_ = 0;
  bool swap_ = false;
};

class BlobWriter {
 public:
  BlobWriter(WkbReader& reader, std::vector<std::uint8_t>& out) : reader_(reader), out_(out) {}

  void append_byte(std::uint8_t value) { out_.push_back(value); }

  void append_uint32(std::uint32_t value) { append_raw(&value, sizeof value); }

  // Overwrites a uint32 written earlier at `offset`.
  void patch_uint32(std::size_t offset, std::uint32_t value) { std::memcpy(out_.data() + offset, &value, sizeof value); }

  void append_double(double value) { append_raw(&value, sizeof value); }

  std::size_t size() const noexcept { return out_.size(); }

  // Copies `count` points, checking that each is finite, and grows the MBR.
  void copy_points(std::uint32_t count) {
    for (std::uint32_t i = 0; i < count; ++i) {
      const double x = reader_.read_double();
      const double y = reader_.read_double();
      if (!std::isfinite(x) || !std::isfinite(y)) throw_bad_wkb("a coordinate is not a finite number");
      append_double(x);
      append_double(y);
      mbr_.expand(x, y);
    }
  }

  // Copies the body (everything after the type code) of an atomic geometry.
  void copy_atomic_body(std::uint32_t type) {
    if (type == kPoint) {
      copy_points(1);
      return;
    }
    if (type == kLineString) {
      const std::uint32_t count = reader_.read_uint32();
      append_uint32(count);
      copy_points(count);
      return;
    }
    const std::uint32_t rings = reader_.read_uint32();
    append_uint32(rings);
    for (std::uint32_t ring = 0; ring < rings; ++ring) {
      const std::uint32_t count = reader_.read_uint32();
      append_uint32(count);
      copy_points(count);
    }
  }

  const geo::Box& mbr() const noexcept { return mbr_; }

 private:
  void append_raw(const void* bytes, std::size_t size) {
    const auto* first = static_cast<const std::uint8_t*>(bytes);
    out_.insert(out_.end(), first, first + size);
  }

  WkbReader& reader_;
  std::vector<std::uint8_t>& out_;
  geo::Box mbr_;
};

std::uint32_t read_type(WkbReader& reader) {
  reader.read_byte_order();
  const std::uint32_t type = reader.read_uint32();
  if (type < kPoint || type > kGeometryCollection) {
    throw_bad_wkb(fmt::format("WKB type {} is not a 2D OGC geometry type", type));
  }
  return type;
}

// Copies the members of a collection as SpatiaLite entities and returns how
// many it wrote. Members of a nested collection are written in its place.
std::uint32_t copy_members(WkbReader& reader, BlobWriter& writer, std::uint32_t count) {
  std::uint32_t written = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t type = read_type(reader);
    if (type >= kMultiPoint) {
      written += copy_members(reader, writer, reader.read_uint32());
      continue;
    }
    writer.append_byte(kEntity);
    writer.append_uint32(type);
    writer.copy_atomic_body(type);
    ++written;
  }
  return written;
}

}  // namespace

namespace {

geo::Box write_blob(std::span<const std::uint8_t> wkb, std::int32_t srid, std::vector<std::uint8_t>& out) {
  WkbReader reader(wkb);
  BlobWriter writer(reader, out);
  writer.append_byte(kBlobStart);
  writer.append_byte(kLittleEndian);
  writer.append_uint32(static_cast<std::uint32_t>(srid));
  const std::size_t mbr_offset = writer.size();
  for (int i = 0; i < 4; ++i) writer.append_double(0);
  writer.append_byte(kMbrEnd);

  const std::uint32_t type = read_type(reader);
  writer.append_uint32(type);
  if (type < kMultiPoint) {
    writer.copy_atomic_body(type);
  } else {
    const std::size_t count_offset = writer.size();
    writer.append_uint32(0);
    writer.patch_uint32(count_offset, copy_members(reader, writer, reader.read_uint32()));
  }
  writer.append_byte(kBlobEnd);
  if (!reader.at_end()) throw_bad_wkb("trailing bytes after the WKB geometry");

  const geo::Box& mbr = writer.mbr();
  if (mbr.empty()) throw_bad_wkb("the geometry is empty");
  const double corners[4] = {mbr.min_x, mbr.min_y, mbr.max_x, mbr.max_y};
  std::memcpy(out.data() + mbr_offset, corners, sizeof corners);
  return mbr;
}

}  // namespace

geo::Box append_spatialite_blob(std::span<const std::uint8_t> wkb, std::int32_t srid, std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  try {
    return write_blob(wkb, srid, out);
  } catch (...) {
    out.resize(start);
    throw;
  }
}

}  // namespace bando::data

namespace bando::data {
namespace {

// Header: start byte, byte order, SRID, MBR (4 doubles), MBR end marker.
constexpr std::size_t kBlobHeaderBytes = 39;
constexpr int kMaxNesting = 8;

// Copies the body of a BLOB geometry into WKB, one bounds-checked step at a time.
class BlobToWkb {
 public:
  BlobToWkb(std::span<const std::uint8_t> body, std::vector<std::uint8_t>& out) : body_(body), out_(out) {}

  bool copy_geometry(std::uint32_t type, int depth) {
    if (depth > kMaxNesting) return false;
    switch (type) {
      case 1: return copy_bytes(16);
      case 2: return copy_points();
      case 3: {
        std::uint32_t rings = 0;
        if (!copy_count(rings)) return false;
        for (std::uint32_t i = 0; i < rings; ++i) {
          if (!copy_points()) return false;
        }
        return true;
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        std::uint32_t members = 0;
        if (!copy_count(members)) return false;
        for (std::uint32_t i = 0; i < members; ++i) {
          if (position_ >= body_.size() || body_[position_] != kEntity) return false;
          ++position_;
          out_.push_back(kLittleEndian);
          std::uint32_t member_type = 0;
          if (!copy_count(member_type) || !copy_geometry(member_type, depth + 1)) return false;
        }
        return true;
      }
      default: return false;  // Z, M, compressed or unknown classes
    }
  }

  bool at_end() const { return position_ == body_.size(); }

 private:
  bool copy_bytes(std::size_t count) {
    if (body_.size() - position_ < count) return false;
    out_.insert(out_.end(), body_.begin() + static_cast<std::ptrdiff_t>(position_),
                body_.begin() + static_cast<std::ptrdiff_t>(position_ + count));
    position_ += count;
    return true;
  }

  bool copy_count(std::uint32_t& value) {
    if (body_.size() - position_ < 4) return false;
    value = static_cast<std::uint32_t>(body_[position_]) | static_cast<std::uint32_t>(body_[position_ + 1]) << 8 |
            static_cast<std::uint32_t>(body_[position_ + 2]) << 16 |
            static_cast<std::uint32_t>(body_[position_ + 3]) << 24;
    return copy_bytes(4);
  }

  bool copy_points() {
    std::uint32_t count = 0;
    if (!copy_count(count)) return false;
    if ((body_.size() - position_) / 16 < count) return false;
    return copy_bytes(std::size_t{count} * 16);
  }

  std::span<const std::uint8_t> body_;
  std::vector<std::uint8_t>& out_;
  std::size_t position_ = 0;
};

}  // namespace

bool spatialite_blob_to_wkb(std::span<const std::uint8_t> blob, std::vector<std::uint8_t>& wkb) {
  wkb.clear();
  if (blob.size() < kBlobHeaderBytes + 5 || blob[0] != kBlobStart || blob[1] != kLittleEndian ||
      blob[kBlobHeaderBytes - 1] != kMbrEnd || blob.back() != kBlobEnd) {
    return false;
  }
  // The class type follows the header; the body runs up to the end marker.
  const std::span<const std::uint8_t> body = blob.subspan(kBlobHeaderBytes, blob.size() - kBlobHeaderBytes - 1);
  wkb.push_back(kLittleEndian);
  wkb.insert(wkb.end(), body.begin(), body.begin() + 4);
  const std::uint32_t type = static_cast<std::uint32_t>(body[0]) | static_cast<std::uint32_t>(body[1]) << 8 |
         static_cast<std::uint32_t>(body[2]) << 16 | static_cast<std::uint32_t>(body[3]) << 24;
  BlobToWkb rest(body.subspan(4), wkb);
  if (!rest.copy_geometry(type, 0) || !rest.at_end()) {
    wkb.clear();
    return false;
  }
  return true;
}

}  // namespace bando::data

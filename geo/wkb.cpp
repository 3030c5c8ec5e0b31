#include "geo/wkb.hpp"

#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::geo {
namespace {

[[noreturn]] void throw_invalid_wkb(const char* reason) {
  throw Error(ErrorKind::invalid_argument, {fmt::format("invalid WKB: {}", reason),
                                            fmt::format("WKB không hợp lệ: {}", reason)});
}

// Sequential reader over a WKB buffer that tracks the current byte order.
class WkbCursor {
 public:
  explicit WkbCursor(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  void read_byte_order() {
    const std::uint8_t order = read_u8();
    if (order > 1) throw_invalid_wkb("byte order flag is neither 0 nor 1");
    little_endian_ = order == 1;
  }

  std::uint32_t read_u32() {
    std::uint32_t value;
    copy_out(&value, sizeof value);
    if (little_endian_ != (std::endian::native == std::endian::little)) value = __builtin_bswap32(value);
    return value;
  }

  double read_f64() {
    std::uint64_t bits;
    copy_out(&bits, sizeof bits);
    if (little_endian_ != (std::endian::native == std::endian::little)) bits = __builtin_bswap64(bits);
    return std::bit_cast<double>(bits);
  }

  void skip_f64(std::size_t count) {
    if (bytes_.size() - offset_ < count * 8) throw_invalid_wkb("truncated coordinates");
    offset_ += count * 8;
  }

  // Guards a count read from the input against the bytes that remain, so a
  // corrupt count cannot trigger a huge allocation.
  void check_count(std::uint32_t count, std::size_t min_bytes_each) const {
    if (static_cast<std::uint64_t>(count) * min_bytes_each > bytes_.size() - offset_) {
      throw_invalid_wkb("element count exceeds the remaining bytes");
    }
  }

 private:
  std::uint8_t read_u8() {
    std::uint8_t value;
    copy_out(&value, 1);
    return value;
  }

  void copy_out(void* target, std::size_t size) {
    if (bytes_.size() - offset_ < size) throw_invalid_wkb("unexpected end of data");
    std::memcpy(target, bytes_.data() + offset_, size);
    offset_ += size;
  }

  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
  bool little_endian_ = true;
};

struct TypeCode {
  GeometryType type;
  std::size_t extra_ordinates;  // Z and/or M values to skip after x, y
};

TypeCode split_type_code(std::uint32_t raw) {
  // EWKB keeps Z and M as high flag bits; ISO WKB adds 1000, 2000 or 3000.
  std::size_t extra = 0;
  if (raw & 0x80000000u) ++extra;
  if (raw & 0x40000000u) ++extra;
  raw &= 0x0fffffffu;
  const std::uint32_t dimension_block = raw / 1000;
  if (dimension_block == 1 || dimension_block == 2) ++extra;
  if (dimension_block == 3) extra += 2;
  const std::uint32_t base = raw % 1000;
  if (base < 1 || base > 7) throw_invalid_wkb("unsupported geometry type code");
  return {static_cast<GeometryType>(base), extra};
}

Point read_point(WkbCursor& cursor, std::size_t extra) {
  Point point{cursor.read_f64(), cursor.read_f64()};
  cursor.skip_f64(extra);
  return point;
}

Path read_path(WkbCursor& cursor, std::size_t extra) {
  const std::uint32_t count = cursor.read_u32();
  cursor.check_count(count, 16);
  Path path;
  path.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) path.push_back(read_point(cursor, extra));
  return path;
}

PolygonRings read_polygon(WkbCursor& cursor, std::size_t extra) {
  const std::uint32_t ring_count = cursor.read_u32();
  cursor.check_count(ring_count, 4);
  PolygonRings rings;
  rings.reserve(ring_count);
  for (std::uint32_t i = 0; i < ring_count; ++i) rings.push_back(read_path(cursor, extra));
  return rings;
}

Geometry read_geometry(WkbCursor& cursor, int depth);

// Reads the members of a Multi* geometry, each a full WKB geometry of the single type.
void read_multi_members(WkbCursor& cursor, Geometry& result, int depth) {
  const std::uint32_t count = cursor.read_u32();
  cursor.check_count(count, 5);
  for (std::uint32_t i = 0; i < count; ++i) {
    Geometry member = read_geometry(cursor, depth + 1);
    if (result.type == GeometryType::geometry_collection) {
      result.members.push_back(std::move(member));
      continue;
    }
    for (auto& point : member.points) result.points.push_back(point);
    for (auto& line : member.lines) result.lines.push_back(std::move(line));
    for (auto& polygon : member.polygons) result.polygons.push_back(std::move(polygon));
  }
}

Geometry read_geometry(WkbCursor& cursor, int depth) {
  if (depth > 32) throw_invalid_wkb("geometry collections nested too deeply");
  cursor.read_byte_order();
  const TypeCode code = split_type_code(cursor.read_u32());

  Geometry result;
  result.type = code.type;
  switch (code.type) {
    case GeometryType::point:
      result.points.push_back(read_point(cursor, code.extra_ordinates));
      break;
    case GeometryType::line_string:
      result.lines.push_back(read_path(cursor, code.extra_ordinates));
      break;
    case GeometryType::polygon:
      result.polygons.push_back(read_polygon(cursor, code.extra_ordinates));
      break;
    case GeometryType::multi_point:
    case GeometryType::multi_line_string:
    case GeometryType::multi_polygon:
    case GeometryType::geometry_collection:
      read_multi_members(cursor, result, depth);
      break;
  }
  return result;
}

}  // namespace

Geometry decode_wkb(std::span<const std::uint8_t> wkb) {
  WkbCursor cursor(wkb);
  return read_geometry(cursor, 0);
}

Box Geometry::bounds() const noexcept {
  Box box;
  for (const Point& p : points) box.expand(p.x, p.y);
  for (const Path& line : lines)
    for (const Point& p : line) box.expand(p.x, p.y);
  for (const PolygonRings& polygon : polygons)
    if (!polygon.empty())
      for (const Point& p : polygon.front()) box.expand(p.x, p.y);
  for (const Geometry& member : members) box.expand(member.bounds());
  return box;
}

}  // namespace bando::geo

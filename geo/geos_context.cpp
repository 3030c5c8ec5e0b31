#include "geo/geos_context.hpp"

#include <cstdarg>
#include <cstdio>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::geo {
namespace {

// Formats a GEOS printf-style message into this thread's last-error slot.
thread_local std::string tls_last_error;

void store_geos_error(const char* format, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  tls_last_error = buffer;
}

void ignore_geos_notice(const char*, ...) {}

struct ThreadContext {
  GEOSContextHandle_t handle;
  ThreadContext() : handle(GEOS_init_r()) {
    GEOSContext_setErrorHandler_r(handle, store_geos_error);
    GEOSContext_setNoticeHandler_r(handle, ignore_geos_notice);
  }
  ~ThreadContext() { GEOS_finish_r(handle); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;
};

}  // namespace

GEOSContextHandle_t geos_context() {
  thread_local ThreadContext context;
  return context.handle;
}

std::string geos_last_error() { return tls_last_error; }

void GeosGeometryDeleter::operator()(GEOSGeometry* geometry) const noexcept {
  GEOSGeom_destroy_r(geos_context(), geometry);
}

void GeosPreparedDeleter::operator()(const GEOSPreparedGeometry* prepared) const noexcept {
  GEOSPreparedGeom_destroy_r(geos_context(), prepared);
}

GeosGeometryPtr check_geos(GEOSGeometry* geometry, const char* operation) {
  if (geometry == nullptr) {
    throw Error(ErrorKind::internal,
                {fmt::format("GEOS {} failed: {}", operation, geos_last_error()), {}});
  }
  return GeosGeometryPtr(geometry);
}

GeosGeometryPtr geos_from_wkb(std::span<const std::uint8_t> wkb) {
  GEOSContextHandle_t context = geos_context();
  GEOSWKBReader* reader = GEOSWKBReader_create_r(context);
  GEOSGeometry* geometry = GEOSWKBReader_read_r(context, reader, wkb.data(), wkb.size());
  GEOSWKBReader_destroy_r(context, reader);
  if (geometry == nullptr) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("invalid WKB geometry: {}", geos_last_error()),
                 fmt::format("hình học WKB không hợp lệ: {}", geos_last_error())});
  }
  return GeosGeometryPtr(geometry);
}

std::vector<std::uint8_t> geos_to_wkb(const GEOSGeometry& geometry) {
  GEOSContextHandle_t context = geos_context();
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(context);
  GEOSWKBWriter_setOutputDimension_r(context, writer, 2);
  GEOSWKBWriter_setByteOrder_r(context, writer, GEOS_WKB_NDR);
  std::size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(context, writer, &geometry, &size);
  GEOSWKBWriter_destroy_r(context, writer);
  if (bytes == nullptr) {
    throw Error(ErrorKind::internal, {fmt::format("GEOS WKB write failed: {}", geos_last_error()), {}});
  }
  std::vector<std::uint8_t> result(bytes, bytes + size);
  GEOSFree_r(context, bytes);
  return result;
}

std::string geos_to_wkt(const GEOSGeometry& geometry, int decimals) {
  GEOSContextHandle_t context = geos_context();
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(context);
  GEOSWKTWriter_setRoundingPrecision_r(context, writer, decimals);
  GEOSWKTWriter_setTrim_r(context, writer, 1);
  char* text = GEOSWKTWriter_write_r(context, writer, &geometry);
  GEOSWKTWriter_destroy_r(context, writer);
  if (text == nullptr) {
    throw Error(ErrorKind::internal, {fmt::format("GEOS WKT write failed: {}", geos_last_error()), {}});
  }
  std::string result(text);
  GEOSFree_r(context, text);
  return result;
}

GeosGeometryPtr geos_from_wkt(const std::string& wkt) {
  GEOSContextHandle_t context = geos_context();
  GEOSWKTReader* reader = GEOSWKTReader_create_r(context);
  GEOSGeometry* geometry = GEOSWKTReader_read_r(context, reader, wkt.c_str());
  GEOSWKTReader_destroy_r(context, reader);
  if (geometry == nullptr) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("invalid WKT '{}': {}", wkt, geos_last_error()),
                 fmt::format("WKT không hợp lệ '{}': {}", wkt, geos_last_error())});
  }
  return GeosGeometryPtr(geometry);
}

}  // namespace bando::geo

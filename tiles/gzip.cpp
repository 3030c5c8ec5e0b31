#include "tiles/gzip.hpp"

#include <zlib.h>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles {
namespace {

// windowBits 15 plus 16 makes deflate write a gzip header and trailer (zlib.h).
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemoryLevel = 8;

[[noreturn]] void throw_zlib(const char* step, int code) {
  throw Error(ErrorKind::internal, {fmt::format("zlib {} failed with code {}", step, code), {}});
}

}  // namespace

std::string gzip_compress(std::string_view data) {
  z_stream stream{};
  int code = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                          Z_DEFAULT_STRATEGY);
  if (code != Z_OK) throw_zlib("deflateInit2", code);

  std::string output(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  // deflateBound guarantees one Z_FINISH call completes.
  code = deflate(&stream, Z_FINISH);
  const std::size_t written = stream.total_out;
  deflateEnd(&stream);
  if (code != Z_STREAM_END) throw_zlib("deflate", code);

  output.resize(written);
  return output;
}

}  // namespace bando::tiles

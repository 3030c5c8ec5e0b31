#include "tiles/archive/gzip.hpp"

#include <zlib.h>

#include <climits>
#include <memory>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles::archive {
namespace {

// 15 window bits plus 16 selects the gzip wrapper in deflateInit2 and inflateInit2.
constexpr int kGzipWindowBits = 15 + 16;

struct DeflateEnd {
  void operator()(z_stream* stream) const noexcept { deflateEnd(stream); }
};
struct InflateEnd {
  void operator()(z_stream* stream) const noexcept { inflateEnd(stream); }
};

Error zlib_error(const char* step, int code) {
  return Error(ErrorKind::internal, {fmt::format("zlib {} failed with code {}", step, code),
                                     fmt::format("zlib {} lỗi, mã {}", step, code)});
}

}  // namespace

bool is_gzip(std::string_view bytes) noexcept {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gzip_compress(std::string_view bytes) {
  if (bytes.size() > UINT_MAX) throw zlib_error("deflate input size check", Z_BUF_ERROR);
  z_stream stream{};
  int code = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
  if (code != Z_OK) throw zlib_error("deflateInit2", code);
  const std::unique_ptr<z_stream, DeflateEnd> guard(&stream);

  std::string output(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  code = deflate(&stream, Z_FINISH);
  if (code != Z_STREAM_END) throw zlib_error("deflate", code);
  output.resize(stream.total_out);
  return output;
}

std::string gzip_decompress(std::string_view bytes, std::size_t max_bytes) {
  const auto invalid = [](const std::string& reason) {
    return Error(ErrorKind::invalid_argument, {fmt::format("invalid gzip data: {}", reason),
                                               fmt::format("dữ liệu gzip không hợp lệ: {}", reason)});
  };
  if (!is_gzip(bytes)) throw invalid("missing the gzip magic number");
  if (bytes.size() > UINT_MAX) throw invalid("input larger than 4 GiB");

  z_stream stream{};
  int code = inflateInit2(&stream, kGzipWindowBits);
  if (code != Z_OK) throw zlib_error("inflateInit2", code);
  const std::unique_ptr<z_stream, InflateEnd> guard(&stream);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());

  std::string output;
  char chunk[16384];
  do {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    code = inflate(&stream, Z_NO_FLUSH);
    if (code != Z_OK && code != Z_STREAM_END) throw invalid(fmt::format("zlib inflate returned {}", code));
    output.append(chunk, sizeof chunk - stream.avail_out);
    if (output.size() > max_bytes) throw invalid(fmt::format("output exceeds {} bytes", max_bytes));
    if (code == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) throw invalid("truncated input");
  } while (code != Z_STREAM_END);
  return output;
}

}  // namespace bando::tiles::archive

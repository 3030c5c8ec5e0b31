#include "server/content_coding.hpp"

#include <zlib.h>

#include <cstdlib>

#include <boost/beast/core/string.hpp>
#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {
namespace {

// windowBits 15 plus 16 makes deflate write a gzip header and trailer (zlib.h).
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemoryLevel = 8;
constexpr std::size_t kOutputStep = 16 * 1024;

[[noreturn]] void throw_zlib(const char* step, int code) {
  throw Error(ErrorKind::internal, {fmt::format("zlib {} failed with code {}", step, code), {}});
}

bool is_json_type(std::string_view content_type) {
  const std::string_view type = content_type.substr(0, content_type.find(';'));
  return type.starts_with("application/") && type.ends_with("json");
}

// Wraps a body stream and gzip-compresses each part it produces.
class GzipBodyStream final : public BodyStream {
 public:
  explicit GzipBodyStream(std::unique_ptr<BodyStream> source) : source_(std::move(source)) {}

  bool next(std::string& chunk) override {
    chunk.clear();
    // zlib keeps small inputs in its window, so read on until it has output.
    while (more_ && chunk.empty()) {
      more_ = source_->next(plain_);
      encoder_.update(plain_, chunk);
    }
    if (!more_) encoder_.finish(chunk);
    return more_;
  }

 private:
  std::unique_ptr<BodyStream> source_;
  GzipEncoder encoder_;
  std::string plain_;
  bool more_ = true;
};

}  // namespace

struct GzipEncoder::State {
  z_stream stream{};
};

GzipEncoder::GzipEncoder() : state_(std::make_unique<State>()) {
  const int code = deflateInit2(&state_->stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits,
                                kMemoryLevel, Z_DEFAULT_STRATEGY);
  if (code != Z_OK) throw_zlib("deflateInit2", code);
}

GzipEncoder::~GzipEncoder() { deflateEnd(&state_->stream); }

void GzipEncoder::update(std::string_view input, std::string& output) { deflate_into(input, Z_NO_FLUSH, output); }

void GzipEncoder::finish(std::string& output) { deflate_into({}, Z_FINISH, output); }

void GzipEncoder::deflate_into(std::string_view input, int flush, std::string& output) {
  z_stream& stream = state_->stream;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  while (true) {
    const std::size_t used = output.size();
    output.resize(used + kOutputStep);
    stream.next_out = reinterpret_cast<Bytef*>(output.data() + used);
    stream.avail_out = static_cast<uInt>(kOutputStep);
    const int code = deflate(&stream, flush);
    output.resize(used + kOutputStep - stream.avail_out);
    if (code == Z_STREAM_END) return;
    if (code != Z_OK && code != Z_BUF_ERROR) throw_zlib("deflate", code);
    // Output space left over means zlib consumed the input and has nothing more to write yet.
    if (stream.avail_out != 0 && stream.avail_in == 0 && flush != Z_FINISH) return;
  }
}

bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);

    const std::size_t semicolon = item.find(';');
    std::string_view coding = item.substr(0, semicolon);
    while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (!boost::beast::iequals(coding, "gzip") && coding != "*") continue;

    // A quality value of 0 means "not acceptable" (RFC 9110 section 12.4.2).
    const std::string_view parameters = semicolon == std::string_view::npos ? "" : item.substr(semicolon + 1);
    const std::size_t q = parameters.find("q=");
    const bool rejected =
        q != std::string_view::npos && std::strtod(std::string(parameters.substr(q + 2)).c_str(), nullptr) <= 0;
    if (!rejected) return true;
  }
  return false;
}

void encode_json_reply(const Request& request, Reply& reply) {
  Response& response = reply.response;
  if (!is_json_type(response[http::field::content_type])) return;
  if (response.find(http::field::content_encoding) != response.end()) return;
  // Keep what the handler listed, such as Accept for a negotiated format.
  const std::string_view vary = response[http::field::vary];
  if (vary.empty()) {
    response.set(http::field::vary, "Accept-Encoding");
  } else if (vary.find("Accept-Encoding") == std::string_view::npos) {
    response.set(http::field::vary, std::string(vary) + ", Accept-Encoding");
  }
  if (!accepts_gzip(request[http::field::accept_encoding])) return;
  if (!reply.stream && response.body().empty()) return;

  response.set(http::field::content_encoding, "gzip");
  if (reply.stream) {
    reply.stream = std::make_unique<GzipBodyStream>(std::move(reply.stream));
    return;
  }
  std::string compressed;
  GzipEncoder encoder;
  encoder.update(response.body(), compressed);
  encoder.finish(compressed);
  response.body() = std::move(compressed);
}

}  // namespace bando::server

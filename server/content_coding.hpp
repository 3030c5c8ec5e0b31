#pragma once
// Gzip content coding of responses: negotiation by Accept-Encoding and compression of whole or streamed bodies.

#include <memory>
#include <string>
#include <string_view>

#include "server/http_types.hpp"

namespace bando::server {

// True when an Accept-Encoding header lists gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// Compresses a JSON reply (any application/...json media type) with gzip when
// the request's Accept-Encoding allows it, and adds Vary: Accept-Encoding to
// every JSON reply. Leaves other replies, empty bodies and bodies that already
// have a Content-Encoding unchanged. A streamed body stays streamed.
void encode_json_reply(const Request& request, Reply& reply);

// Gzip encoder (RFC 1952) that compresses a body part by part with zlib.
class GzipEncoder {
 public:
  GzipEncoder();
  ~GzipEncoder();
  GzipEncoder(const GzipEncoder&) = delete;
  GzipEncoder& operator=(const GzipEncoder&) = delete;

  // Compresses `input` and appends the output that zlib has ready to `output`.
  // Throws bando::Error (internal) when zlib fails.
  void update(std::string_view input, std::string& output);
  // Appends the rest of the compressed data and the gzip trailer.
  void finish(std::string& output);

 private:
  void deflate_into(std::string_view input, int flush, std::string& output);

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bando::server

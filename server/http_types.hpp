#pragma once
// Beast message types shared by the server, the router and the handlers.

#include <memory>
#include <string>

#include <boost/beast/http.hpp>

namespace bando::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Producer of a response body that the server sends in parts with chunked
// transfer coding (RFC 9112 section 7.1), so the whole body never has to be
// in memory. The server calls next() on one I/O thread at a time.
class BodyStream {
 public:
  virtual ~BodyStream() = default;

  // Replaces `chunk` with the next part of the body, which may be empty.
  // Returns false when the body is complete after this part. A throw after the
  // header was sent makes the server close the connection without the last
  // chunk, so the client sees a truncated body.
  virtual bool next(std::string& chunk) = 0;
};

// The result of a streaming handler: the response header, and either the whole
// body in `response.body()` (when `stream` is null) or a body stream.
struct Reply {
  Response response;
  std::unique_ptr<BodyStream> stream;
};

}  // namespace bando::server

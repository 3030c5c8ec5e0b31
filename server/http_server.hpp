#pragma once
// Asynchronous HTTP/1.1 server on Boost.Beast: accepts connections and runs a handler per request.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/http_types.hpp"

namespace bando::server {

// Explicit limits on what a client may send and how long it may take.
struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Larger body limit for uploads: POST and PUT requests whose path starts with
  // `upload_path_prefix`. The body is held in memory, so this bounds memory per upload.
  std::size_t max_upload_bytes = 1024 * 1024;
  std::string upload_path_prefix = "/datasets";
  std::chrono::seconds read_timeout{30};   // per request, headers and body
  std::chrono::seconds write_timeout{60};  // per response
};

// Turns a request into a reply, whose body may be streamed. Called on the I/O
// threads, concurrently; it must not throw (the router converts exceptions to
// problem responses).
using RequestHandler = std::function<Reply(Request&)>;

class HttpServer {
 public:
  // Binds and listens on `endpoint` (port 0 picks a free port) with the
  // acceptor on `io`. Accepted connections go to `session_contexts` in turn,
  // or to `io` when it is empty. Each of these contexts must be run by exactly
  // one thread: a connection then stays on one thread, and no request hands
  // work between threads or takes a lock in the server. Throws
  // boost::system::system_error when the address is unavailable.
  HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             RequestHandler handler, ServerLimits limits,
             std::vector<boost::asio::io_context*> session_contexts = {});
  ~HttpServer();

  // The bound address, with the real port when 0 was requested.
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  void start();
  // Stops accepting; connections finish the request in progress.
  void stop();

 private:
  class Listener;
  std::shared_ptr<Listener> listener_;
};

}  // namespace bando::server

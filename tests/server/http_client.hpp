#pragma once
// A small blocking HTTP/1.1 client on Boost.Beast for the integration tests. It connects only to 127.0.0.1.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/system/error_code.hpp>

#include "server/http_types.hpp"

namespace bando::server::testing {

// The outcome of one request on its own connection.
struct Exchange {
  Response response;
  boost::system::error_code write_error;
  boost::system::error_code read_error;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port, std::chrono::seconds timeout = std::chrono::seconds(30))
      : port_(port), timeout_(timeout) {}

  // Sends `request` on a new connection to 127.0.0.1 and reads the response
  // while the request is still being written, so a server that responds before
  // reading the whole body is seen. Sets Host and Content-Length.
  Exchange exchange(Request request) const;

  // GET `target` with extra header fields. Throws std::runtime_error when the
  // connection, the write or the read fails, or the timeout passes.
  Response get(const std::string& target,
               const std::vector<std::pair<http::field, std::string>>& fields = {}) const;

  unsigned short port() const noexcept { return port_; }

 private:
  unsigned short port_;
  std::chrono::seconds timeout_;
};

}  // namespace bando::server::testing

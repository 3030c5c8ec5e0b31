#include "http_client.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <fmt/format.h>

namespace bando::server::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

Exchange HttpClient::exchange(Request request) const {
  request.set(http::field::host, fmt::format("127.0.0.1:{}", port_));
  request.set(http::field::user_agent, "bando-http-tests");
  request.prepare_payload();

  asio::io_context io;
  beast::tcp_stream stream(io);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  // Items pages of whole polygons run to several megabytes.
  parser.body_limit(256 * 1024 * 1024);

  Exchange result;
  result.read_error = asio::error::timed_out;
  result.write_error = asio::error::timed_out;
  stream.expires_after(timeout_);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port_);
  stream.async_connect(endpoint, [&](beast::error_code connect_error) {
    if (connect_error) {
      result.read_error = connect_error;
      result.write_error = connect_error;
      return;
    }
    http::async_write(stream, request, [&](beast::error_code ec, std::size_t) { result.write_error = ec; });
    http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) { result.read_error = ec; });
  });
  // The stream's expiry cancels pending operations, so run() returns by the timeout.
  io.run();

  if (parser.is_header_done()) result.response = parser.release();
  return result;
}

Response HttpClient::get(const std::string& target,
                         const std::vector<std::pair<http::field, std::string>>& fields) const {
  Request request{http::verb::get, target, 11};
  for (const auto& [field, value] : fields) request.set(field, value);
  Exchange result = exchange(std::move(request));
  if (result.write_error) {
    throw std::runtime_error(fmt::format("GET {}: writing the request failed: {}", target,
                                         result.write_error.message()));
  }
  if (result.read_error) {
    throw std::runtime_error(fmt::format("GET {}: reading the response failed: {}", target,
                                         result.read_error.message()));
  }
  return std::move(result.response);
}

}  // namespace bando::server::testing

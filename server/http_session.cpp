#include "server/http_session.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "server/problem.hpp"

namespace bando::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using error_code = beast::error_code;

constexpr std::size_t kReadSize = 64 * 1024;

// One connection. It reads and writes with non-blocking calls and waits for
// readiness only when the socket has nothing to give or cannot take more, so a
// small request costs one receive and one send. Requests are handled in
// order, one at a time. Timeouts come from ConnectionDeadlines.
class Session : public TimedConnection, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<const RequestHandler> handler, const ServerLimits& limits)
      : socket_(std::move(socket)), handler_(std::move(handler)), limits_(limits) {}

  void start() {
    error_code ec;
    const tcp::endpoint peer = socket_.remote_endpoint(ec);
    peer_ = ec ? "an unknown client" : fmt::format("{}:{}", peer.address().to_string(), peer.port());
    socket_.non_blocking(true, ec);
    if (ec) {
      spdlog::debug("the connection of {} cannot be made non-blocking: {}", peer_, ec.message());
      return;
    }
    read_request();
  }

  tcp::socket::executor_type socket_executor() { return socket_.get_executor(); }

  Clock::time_point deadline() const override { return deadline_; }

  void expire() override {
    if (phase_ == Phase::writing) {
      spdlog::warn("closed the connection of {}: it did not read the response within {} s (--write-timeout), "
                   "so the response was cut short",
                   peer_, limits_.write_timeout.count());
    } else if (buffer_.size() > 0 || parser_->got_some()) {
      spdlog::info("closed the connection of {}: its request was not complete within {} s (--read-timeout)", peer_,
                   limits_.read_timeout.count());
      send_request_timeout();
    } else {
      spdlog::debug("closed the idle connection of {} after {} s", peer_, limits_.read_timeout.count());
    }
    error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read_request() {
    phase_ = Phase::reading;
    parser_.emplace();
    parser_->eager(true);
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    // Beast checks Content-Length against the limit while it parses the header,
    // so the header is read under the larger limit and apply_body_limit() lowers it.
    body_limit_ = std::max(limits_.max_body_bytes, limits_.max_upload_bytes);
    parser_->body_limit(body_limit_);
    header_checked_ = false;
    deadline_ = Clock::now() + limits_.read_timeout;
    continue_read();
  }

  // Parses what is buffered and reads until the request is complete, the
  // socket has nothing more for now, or the connection ends.
  void continue_read() {
    for (;;) {
      error_code ec;
      if (parse_buffered(ec)) return handle_request();
      if (ec) return on_parse_error(ec);
      if (!socket_.is_open()) return;
      const std::size_t received = socket_.read_some(buffer_.prepare(kReadSize), ec);
      if (ec == asio::error::would_block) return wait_then(tcp::socket::wait_read, &Session::continue_read);
      if (ec == asio::error::eof) return close();
      if (ec) {
        spdlog::debug("reading a request from {} failed: {}", peer_, ec.message());
        return;
      }
      buffer_.commit(received);
    }
  }

  // Feeds the buffer to the parser. Returns true when a whole request has been
  // parsed; sets `ec` when the request is malformed or breaks a limit.
  bool parse_buffered(error_code& ec) {
    while (buffer_.size() > 0) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
        return false;
      }
      if (ec) return false;
      if (parser_->is_header_done() && !header_checked_) {
        header_checked_ = true;
        if (!apply_body_limit()) {
          ec = http::error::body_limit;
          return false;
        }
        if (!parser_->is_done()) answer_expect_continue();
      }
      if (parser_->is_done()) return true;
      if (used == 0) return false;
    }
    return false;
  }

  // Lowers the body limit for requests that are not uploads. Returns false
  // when the declared Content-Length is already over it.
  bool apply_body_limit() {
    const auto& header = parser_->get();
    const bool is_write = header.method() == http::verb::post || header.method() == http::verb::put;
    if (is_write && header.target().starts_with(limits_.upload_path_prefix)) return true;
    body_limit_ = limits_.max_body_bytes;
    const auto length = parser_->content_length();
    if (length && *length > body_limit_) return false;
    parser_->body_limit(body_limit_);
    return true;
  }

  // A client that sent "Expect: 100-continue" waits for this interim response
  // before it sends the body. When the socket cannot take it at once, the
  // client sends the body after its own wait (one second by default in curl).
  void answer_expect_continue() {
    const auto expect = parser_->get().find(http::field::expect);
    if (expect == parser_->get().end() || !beast::iequals(expect->value(), "100-continue")) return;
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    error_code ignored;
    socket_.send(asio::buffer(kContinue.data(), kContinue.size()), 0, ignored);
  }

  // Tells a client whose request stalled why the connection closes. The
  // socket is non-blocking, so a client that does not read gets nothing.
  void send_request_timeout() {
    Response response = request_timeout_response(limits_.read_timeout.count());
    response.keep_alive(false);
    response.prepare_payload();
    error_code ignored;
    http::write(socket_, response, ignored);
  }

  void on_parse_error(error_code ec) {
    if (ec == http::error::body_limit) return reject(http::status::payload_too_large, "body");
    if (ec == http::error::header_limit) return reject(http::status::request_header_fields_too_large, "header");
    spdlog::debug("a request from {} could not be parsed: {}", peer_, ec.message());
    response_ = malformed_request_response(ec.message());
    response_.keep_alive(false);
    write_response();
  }

  void handle_request() {
    Request request = parser_->release();
    Reply reply = (*handler_)(request);
    response_ = std::move(reply.response);
    body_stream_ = std::move(reply.stream);
    if (body_stream_ && request.version() < 11) {
      if (!read_whole_stream()) return abort_stream();
    }
    if (body_stream_) return write_stream_header();
    write_response();
  }

  // HTTP/1.0 has no chunked transfer coding, so its clients get the whole
  // body. Returns false when the stream failed; the error is logged.
  bool read_whole_stream() {
    std::string chunk;
    bool more = true;
    try {
      while (more) {
        more = body_stream_->next(chunk);
        response_.body() += chunk;
      }
    } catch (const std::exception& error) {
      spdlog::error("reading a streamed response body for an HTTP/1.0 client failed: {}", error.what());
      return false;
    }
    body_stream_.reset();
    return true;
  }

  void write_response() {
    phase_ = Phase::writing;
    response_.prepare_payload();
    serializer_.emplace(response_);
    deadline_ = Clock::now() + limits_.write_timeout;
    continue_write();
  }

  void continue_write() {
    error_code ec;
    http::write(socket_, *serializer_, ec);
    if (ec == asio::error::would_block) return wait_then(tcp::socket::wait_write, &Session::continue_write);
    if (ec) {
      spdlog::debug("writing a response to {} failed: {}", peer_, ec.message());
      return;
    }
    on_response_sent();
  }

  void on_response_sent() {
    if (!response_.keep_alive()) return close();
    serializer_.reset();
    header_serializer_.reset();
    body_stream_.reset();
    response_ = {};
    stream_more_ = true;
    read_request();
  }

  // Streamed bodies: the header with Transfer-Encoding: chunked, then one chunk
  // per BodyStream::next() call, then the last chunk. Parts are large, so
  // these writes use Asio's asynchronous operations.
  void write_stream_header() {
    phase_ = Phase::writing;
    response_.body().clear();
    response_.chunked(true);
    header_serializer_.emplace(response_);
    deadline_ = Clock::now() + limits_.write_timeout;
    http::async_write_header(socket_, *header_serializer_,
                             beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
  }

  void on_stream_write(error_code ec, std::size_t) {
    if (ec) {
      spdlog::debug("writing a streamed response to {} failed: {}", peer_, ec.message());
      return;
    }
    if (!stream_more_) return write_last_chunk();
    try {
      stream_more_ = body_stream_->next(chunk_);
    } catch (const std::exception& error) {
      spdlog::error("streaming a response failed after its header was sent: {}", error.what());
      return abort_stream();
    }
    if (chunk_.empty()) return on_stream_write({}, 0);
    deadline_ = Clock::now() + limits_.write_timeout;
    asio::async_write(socket_, http::make_chunk(asio::buffer(chunk_)),
                      beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
  }

  void write_last_chunk() {
    deadline_ = Clock::now() + limits_.write_timeout;
    asio::async_write(socket_, http::make_chunk_last(), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) {
        spdlog::debug("writing the last chunk to {} failed: {}", self->peer_, ec.message());
        return;
      }
      self->on_response_sent();
    });
  }

  // Closes the connection without the last chunk, so the client sees the body as truncated.
  void abort_stream() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // Sends the error response for a request that broke a size limit, then closes
  // the connection, because the rest of the oversized message is still unread.
  void reject(http::status status, const char* part) {
    const std::size_t limit = status == http::status::payload_too_large ? body_limit_ : limits_.max_header_bytes;
    response_ = limit_exceeded_response(status, part, limit);
    body_stream_.reset();
    response_.keep_alive(false);
    write_response();
  }

  // Waits until the socket is ready, then calls `next`. A closed socket (by
  // the client or by a deadline) ends the session here.
  void wait_then(tcp::socket::wait_type what, void (Session::*next)()) {
    socket_.async_wait(what, [self = shared_from_this(), next](error_code ec) {
      if (ec) return;
      ((*self).*next)();
    });
  }

  void close() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
  }

  enum class Phase { reading, writing };

  tcp::socket socket_;
  std::string peer_;  // "address:port", for log lines
  Phase phase_ = Phase::reading;
  beast::flat_buffer buffer_;
  std::shared_ptr<const RequestHandler> handler_;
  ServerLimits limits_;
  Clock::time_point deadline_ = Clock::time_point::max();
  std::optional<http::request_parser<http::string_body>> parser_;
  bool header_checked_ = false;
  std::size_t body_limit_ = 0;
  Response response_;
  std::optional<http::response_serializer<http::string_body>> serializer_;
  std::unique_ptr<BodyStream> body_stream_;
  std::optional<http::response_serializer<http::string_body>> header_serializer_;
  std::string chunk_;
  bool stream_more_ = true;
};

}  // namespace

void start_session(tcp::socket socket, std::shared_ptr<const RequestHandler> handler, const ServerLimits& limits,
                   std::shared_ptr<ConnectionDeadlines> deadlines) {
  auto session = std::make_shared<Session>(std::move(socket), std::move(handler), limits);
  // Registration and the first read happen on the connection's own thread.
  asio::dispatch(session->socket_executor(), [session, deadlines = std::move(deadlines)] {
    deadlines->add(session);
    session->start();
  });
}

}  // namespace bando::server

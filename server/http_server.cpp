#include "server/http_server.hpp"

#include <algorithm>
#include <optional>

#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>

#include "server/problem.hpp"

namespace bando::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// One connection: reads requests one at a time and writes each response
// before reading the next (no pipelining).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<const RequestHandler> handler, const ServerLimits& limits)
      : stream_(std::move(socket)), handler_(std::move(handler)), limits_(limits) {}

  void run() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read_request, shared_from_this()));
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    // Beast checks Content-Length against the limit while it parses the header,
    // so the header is read under the larger limit and on_header() lowers it.
    body_limit_ = std::max(limits_.max_body_bytes, limits_.max_upload_bytes);
    parser_->body_limit(body_limit_);
    stream_.expires_after(limits_.read_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  // Picks the body limit from the method and path, then reads the body.
  void on_header(beast::error_code ec, std::size_t bytes) {
    if (ec) return on_read(ec, bytes);
    const auto& header = parser_->get();
    const bool is_write = header.method() == http::verb::post || header.method() == http::verb::put;
    if (!is_write || !header.target().starts_with(limits_.upload_path_prefix)) {
      body_limit_ = limits_.max_body_bytes;
      const auto length = parser_->content_length();
      if (length && *length > body_limit_) return reject(http::status::payload_too_large, "body");
      parser_->body_limit(body_limit_);
    }
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::body_limit) return reject(http::status::payload_too_large, "body");
    if (ec == http::error::header_limit) return reject(http::status::request_header_fields_too_large, "header");
    if (ec) {
      if (ec != beast::error::timeout && ec != asio::error::operation_aborted) {
        spdlog::debug("reading a request failed: {}", ec.message());
      }
      return;
    }
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

  // Streamed bodies: the header with Transfer-Encoding: chunked, then one chunk
  // per BodyStream::next() call, then the last chunk.
  void write_stream_header() {
    response_.body().clear();
    response_.chunked(true);
    header_serializer_.emplace(response_);
    stream_.expires_after(limits_.write_timeout);
    http::async_write_header(stream_, *header_serializer_,
                             beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
  }

  void on_stream_write(beast::error_code ec, std::size_t) {
    if (ec) {
      spdlog::debug("writing a streamed response failed: {}", ec.message());
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
    stream_.expires_after(limits_.write_timeout);
    asio::async_write(stream_, http::make_chunk(asio::buffer(chunk_)),
                      beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
  }

  void write_last_chunk() {
    stream_.expires_after(limits_.write_timeout);
    asio::async_write(stream_, http::make_chunk_last(),
                      beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  // Closes the connection without the last chunk, so the client sees the body as truncated.
  void abort_stream() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  // Sends the error response for a request that broke a size limit, then closes
  // the connection, because the rest of the oversized message is still unread.
  void reject(http::status status, const char* part) {
    const std::size_t limit = status == http::status::payload_too_large ? body_limit_
                                                                        : limits_.max_header_bytes;
    response_ = limit_exceeded_response(status, part, limit);
    body_stream_.reset();
    response_.keep_alive(false);
    write_response();
  }

  void write_response() {
    response_.prepare_payload();
    stream_.expires_after(limits_.write_timeout);
    http::async_write(stream_, response_, beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) {
      spdlog::debug("writing a response failed: {}", ec.message());
      return;
    }
    if (!response_.keep_alive()) return close();
    header_serializer_.reset();
    body_stream_.reset();
    response_ = {};
    stream_more_ = true;
    read_request();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<const RequestHandler> handler_;
  ServerLimits limits_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::size_t body_limit_ = 0;
  Response response_;
  std::unique_ptr<BodyStream> body_stream_;
  std::optional<http::response_serializer<http::string_body>> header_serializer_;
  std::string chunk_;
  bool stream_more_ = true;
};

}  // namespace

class HttpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, const tcp::endpoint& endpoint, RequestHandler handler, ServerLimits limits,
           std::vector<asio::io_context*> session_contexts)
      : session_contexts_(std::move(session_contexts)),
        acceptor_(asio::make_strand(io)),
        handler_(std::make_shared<const RequestHandler>(std::move(handler))),
        limits_(limits) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    if (session_contexts_.empty()) session_contexts_.push_back(&io);
  }

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void accept() {
    asio::io_context& context = *session_contexts_[next_context_];
    next_context_ = (next_context_ + 1) % session_contexts_.size();
    acceptor_.async_accept(asio::make_strand(context),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      spdlog::warn("accepting a connection failed: {}", ec.message());
    } else {
      std::make_shared<Session>(std::move(socket), handler_, limits_)->run();
    }
    accept();
  }

  std::vector<asio::io_context*> session_contexts_;
  std::size_t next_context_ = 0;  // used on the acceptor's strand only
  tcp::acceptor acceptor_;
  std::shared_ptr<const RequestHandler> handler_;
  ServerLimits limits_;
};

HttpServer::HttpServer(asio::io_context& io, const tcp::endpoint& endpoint, RequestHandler handler,
                       ServerLimits limits, std::vector<asio::io_context*> session_contexts)
    : listener_(std::make_shared<Listener>(io, endpoint, std::move(handler), limits, std::move(session_contexts))) {}

HttpServer::~HttpServer() = default;

tcp::endpoint HttpServer::local_endpoint() const { return listener_->local_endpoint(); }

void HttpServer::start() { listener_->accept(); }

void HttpServer::stop() { listener_->stop(); }

}  // namespace bando::server

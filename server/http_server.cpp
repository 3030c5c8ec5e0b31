#include "server/http_server.hpp"

#include <algorithm>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <spdlog/spdlog.h>

#include "server/http_session.hpp"

namespace bando::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Timeouts are checked this often, so one fires at most this late.
constexpr std::chrono::milliseconds kDeadlineCheckInterval{500};

}  // namespace

class HttpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, const tcp::endpoint& endpoint, RequestHandler handler, ServerLimits limits,
           std::vector<asio::io_context*> session_contexts)
      : session_contexts_(std::move(session_contexts)),
        acceptor_(asio::make_strand(io)),
        handler_(std::make_shared<const RequestHandler>(std::move(handler))),
        limits_(limits) {
    if (session_contexts_.empty()) session_contexts_.push_back(&io);
    for (asio::io_context* context : session_contexts_) {
      deadlines_.push_back(std::make_shared<ConnectionDeadlines>(*context, kDeadlineCheckInterval));
    }
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void start() {
    for (const auto& deadlines : deadlines_) {
      asio::dispatch(deadlines->executor(), [deadlines] { deadlines->start(); });
    }
    accept();
  }

  void accept() {
    asio::io_context& context = *session_contexts_[next_context_];
    acceptor_.async_accept(context,
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
    for (const auto& deadlines : deadlines_) {
      asio::dispatch(deadlines->executor(), [deadlines] { deadlines->stop(); });
    }
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      spdlog::warn("accepting a connection failed: {}", ec.message());
    } else {
      start_session(std::move(socket), handler_, limits_, deadlines_[next_context_]);
      next_context_ = (next_context_ + 1) % session_contexts_.size();
    }
    accept();
  }

  std::vector<asio::io_context*> session_contexts_;
  std::vector<std::shared_ptr<ConnectionDeadlines>> deadlines_;  // one per session context
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

void HttpServer::start() { listener_->start(); }

void HttpServer::stop() { listener_->stop(); }

}  // namespace bando::server

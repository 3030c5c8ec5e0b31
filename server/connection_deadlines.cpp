#include "server/connection_deadlines.hpp"

#include <algorithm>

namespace bando::server {

ConnectionDeadlines::ConnectionDeadlines(boost::asio::io_context& context, Clock::duration interval)
    : context_(context), timer_(context), interval_(interval) {}

void ConnectionDeadlines::add(std::weak_ptr<TimedConnection> connection) {
  connections_.push_back(std::move(connection));
}

void ConnectionDeadlines::start() { schedule(); }

void ConnectionDeadlines::stop() {
  stopped_ = true;
  timer_.cancel();
}

void ConnectionDeadlines::schedule() {
  if (stopped_) return;
  timer_.expires_after(interval_);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    self->sweep();
    self->schedule();
  });
}

void ConnectionDeadlines::sweep() {
  const Clock::time_point now = Clock::now();
  // Expiring closes a connection, which may drop its last owner, so the
  // expired ones are collected before any of them is called.
  std::vector<std::shared_ptr<TimedConnection>> expired;
  std::erase_if(connections_, [&](const std::weak_ptr<TimedConnection>& weak) {
    const std::shared_ptr<TimedConnection> connection = weak.lock();
    if (!connection) return true;
    if (connection->deadline() > now) return false;
    expired.push_back(connection);
    return true;
  });
  for (const auto& connection : expired) connection->expire();
}

}  // namespace bando::server

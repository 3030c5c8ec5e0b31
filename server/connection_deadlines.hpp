#pragma once
// Read and write timeouts for the connections of one io_context, checked by
// one coarse timer instead of a timer re-armed on every read and write.

#include <chrono>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace bando::server {

using Clock = std::chrono::steady_clock;

// A connection whose current read or write must end by deadline().
class TimedConnection {
 public:
  virtual ~TimedConnection() = default;
  virtual Clock::time_point deadline() const = 0;
  // Called once the deadline has passed: the connection closes itself.
  virtual void expire() = 0;
};

// Expires the connections of one io_context whose deadline has passed, every
// `interval`, so a timeout fires at most one interval late. Every member
// function must run on the thread that runs that io_context.
class ConnectionDeadlines : public std::enable_shared_from_this<ConnectionDeadlines> {
 public:
  ConnectionDeadlines(boost::asio::io_context& context, Clock::duration interval);

  boost::asio::io_context::executor_type executor() { return context_.get_executor(); }

  void add(std::weak_ptr<TimedConnection> connection);
  void start();
  void stop();

 private:
  void schedule();
  void sweep();

  boost::asio::io_context& context_;
  boost::asio::steady_timer timer_;
  Clock::duration interval_;
  std::vector<std::weak_ptr<TimedConnection>> connections_;
  bool stopped_ = false;
};

}  // namespace bando::server

#pragma once
// A child process whose stderr is collected in the background, for running the bando executable in tests.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bando::server::testing {

class ServerProcess {
 public:
  // Starts `executable` with `arguments`. The child gets SIGKILL when this
  // process dies, so a crashed test leaves no server behind. Throws
  // std::system_error when the pipe or fork fails.
  ServerProcess(const std::string& executable, const std::vector<std::string>& arguments);
  // Kills the child with SIGKILL if it still runs.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits until stderr contains `prefix` followed by a port number and returns
  // that port. Returns nullopt when the timeout passes or the child closes stderr first.
  std::optional<int> wait_for_port(const std::string& prefix, std::chrono::milliseconds timeout);

  // Sends `signal` and waits for the child to exit. Returns the waitpid status,
  // or nullopt when the child still ran after `timeout` (it is then killed).
  std::optional<int> stop(int signal, std::chrono::milliseconds timeout);

  // Everything the child wrote to stderr so far.
  std::string log() const;

 private:
  void read_stderr(int fd);

  pid_t pid_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable log_changed_;
  std::string log_;
  bool stderr_closed_ = false;
};

}  // namespace bando::server::testing

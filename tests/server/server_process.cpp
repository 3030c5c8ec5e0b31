#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace bando::server::testing {

ServerProcess::ServerProcess(const std::string& executable, const std::vector<std::string>& arguments) {
  // argv is built before fork, because the child may only make async-signal-safe calls.
  std::vector<std::string> strings{executable};
  strings.insert(strings.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& text : strings) argv.push_back(text.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");

  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) {
    const int error = errno;
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    throw std::system_error(error, std::generic_category(), "fork");
  }
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(pipe_fds[1], STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  reader_ = std::thread([this, fd = pipe_fds[0]] { read_stderr(fd); });
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (reader_.joinable()) reader_.join();
}

void ServerProcess::read_stderr(int fd) {
  char buffer[4096];
  while (true) {
    const ssize_t count = read(fd, buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break;
    std::lock_guard lock(mutex_);
    log_.append(buffer, static_cast<std::size_t>(count));
    log_changed_.notify_all();
  }
  close(fd);
  std::lock_guard lock(mutex_);
  stderr_closed_ = true;
  log_changed_.notify_all();
}

std::optional<int> ServerProcess::wait_for_port(const std::string& prefix, std::chrono::milliseconds timeout) {
  std::optional<int> port;
  std::unique_lock lock(mutex_);
  log_changed_.wait_for(lock, timeout, [&] {
    const auto at = log_.find(prefix);
    if (at != std::string::npos) {
      // The number must be followed by another character, so a port whose digits
      // are still in the pipe is not read short.
      const auto digits_end = log_.find_first_not_of("0123456789", at + prefix.size());
      if (digits_end != std::string::npos && digits_end > at + prefix.size()) {
        port = std::atoi(log_.substr(at + prefix.size(), digits_end - at - prefix.size()).c_str());
        return true;
      }
    }
    return stderr_closed_;
  });
  return port;
}

std::optional<int> ServerProcess::stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return status;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return std::nullopt;
}

std::string ServerProcess::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

}  // namespace bando::server::testing

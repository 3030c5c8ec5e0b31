#pragma once
// The progress line of `bando seed`: a bar, tiles per second and the estimated time left.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <thread>

namespace bando::tiles {

// Prints progress to `stream` from a background thread: on a terminal one line
// rewritten 4 times a second, otherwise one line every 5 seconds. Deeper zooms
// are not enumerated yet while a zoom runs, so the total is an estimate: each
// remaining zoom gets four children per tile of the current zoom that had
// features. tile_done() is thread-safe and lock-free.
class SeedProgress {
 public:
  SeedProgress(std::FILE* stream, int max_zoom);
  // Stops the printing thread; prints a final line if stop() did not run.
  ~SeedProgress();
  SeedProgress(const SeedProgress&) = delete;
  SeedProgress& operator=(const SeedProgress&) = delete;

  // Starts counting zoom `z`, which has `tile_count` candidate tiles.
  void start_zoom(int z, std::uint64_t tile_count);
  void tile_done(bool has_features) noexcept;
  // Prints the final line and stops the printing thread.
  void stop();

 private:
  void run();
  void print(bool final_line);

  std::FILE* stream_;
  int max_zoom_;
  bool terminal_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::atomic<int> zoom_{0};
  std::atomic<std::uint64_t> zoom_total_{0};
  std::atomic<std::uint64_t> zoom_done_{0};
  std::atomic<std::uint64_t> zoom_live_{0};
  std::atomic<std::uint64_t> done_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread printer_;
};

}  // namespace bando::tiles

#include "tiles/seed_progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace bando::tiles {
namespace {

constexpr int kBarWidth = 24;

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(std::max(0.0, seconds) + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

SeedProgress::SeedProgress(std::FILE* stream, int max_zoom)
    : stream_(stream), max_zoom_(max_zoom), terminal_(::isatty(::fileno(stream)) == 1) {
  printer_ = std::thread([this] { run(); });
}

SeedProgress::~SeedProgress() { stop(); }

void SeedProgress::start_zoom(int z, std::uint64_t tile_count) {
  zoom_done_ = 0;
  zoom_live_ = 0;
  zoom_total_ = tile_count;
  zoom_ = z;
}

void SeedProgress::tile_done(bool has_features) noexcept {
  if (has_features) zoom_live_.fetch_add(1, std::memory_order_relaxed);
  zoom_done_.fetch_add(1, std::memory_order_relaxed);
  done_.fetch_add(1, std::memory_order_relaxed);
}

void SeedProgress::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  printer_.join();
  print(true);
}

void SeedProgress::run() {
  const auto period = terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stopping_; })) print(false);
}

void SeedProgress::print(bool final_line) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const auto done = done_.load(std::memory_order_relaxed);
  const auto zoom_done = zoom_done_.load(std::memory_order_relaxed);
  const auto zoom_total = zoom_total_.load(std::memory_order_relaxed);
  const int zoom = zoom_.load();

  // Estimate the tiles left: the rest of this zoom, then four children per
  // tile with features for each deeper zoom, at this zoom's share of such tiles.
  double remaining = final_line ? 0.0 : static_cast<double>(zoom_total - std::min(zoom_done, zoom_total));
  if (!final_line && zoom_done > 0) {
    const double live_share = static_cast<double>(zoom_live_.load(std::memory_order_relaxed)) / zoom_done;
    double next = static_cast<double>(zoom_total) * live_share * 4;
    for (int z = zoom + 1; z <= max_zoom_; ++z, next *= live_share * 4) remaining += next;
  }
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double fraction = done + remaining > 0 ? done / (done + remaining) : 1.0;
  const int filled = static_cast<int>(fraction * kBarWidth);
  const std::string bar = std::string(filled, '#') + std::string(kBarWidth - filled, '-');
  const std::string left = rate > 0 ? format_duration(remaining / rate) : "unknown";
  const std::string line = final_line
      ? fmt::format("[{}] {} tiles in {}, {:.0f} tiles/s", bar, done, format_duration(elapsed), rate)
      : fmt::format("[{}] z{} {}/{} tiles, {:.0f} tiles/s, about {} left", bar, zoom, zoom_done, zoom_total, rate, left);
  if (terminal_) {
    fmt::print(stream_, "\r\033[K{}{}", line, final_line ? "\n" : "");
  } else {
    fmt::print(stream_, "seed: {}\n", line);
  }
  std::fflush(stream_);
}

}  // namespace bando::tiles

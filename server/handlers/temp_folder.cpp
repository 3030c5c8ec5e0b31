#include "server/handlers/temp_folder.hpp"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <system_error>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {
namespace {

std::string prefix_for(const std::string& kind) { return fmt::format("bando-{}-", kind); }

bool process_exists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

}  // namespace

TempFolder::TempFolder(const std::filesystem::path& parent, const std::string& kind) {
  std::string pattern = (parent / fmt::format("{}{}-XXXXXX", prefix_for(kind), getpid())).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw Error(ErrorKind::unavailable, {fmt::format("cannot create a temporary folder in '{}'", parent.string()),
                                         fmt::format("không tạo được thư mục tạm trong '{}'", parent.string())});
  }
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

int remove_stale_temp_folders(const std::filesystem::path& parent, const std::string& kind) {
  const std::string prefix = prefix_for(kind);
  int removed = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory(error) || !name.starts_with(prefix)) continue;
    pid_t pid = 0;
    const char* first = name.data() + prefix.size();
    const auto [end, parse_error] = std::from_chars(first, name.data() + name.size(), pid);
    if (parse_error != std::errc{} || end == first || *end != '-' || process_exists(pid)) continue;
    if (std::filesystem::remove_all(entry.path(), error) != static_cast<std::uintmax_t>(-1)) ++removed;
  }
  return removed;
}

}  // namespace bando::server

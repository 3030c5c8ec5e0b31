#pragma once
// Folders for one request's files (an upload, a download being written),
// removed with everything in them on destruction. Their names carry the
// server's process id, so a server that starts after a crash can tell the
// folders of dead processes from those of another running server.

#include <filesystem>
#include <string>

namespace bando::server {

class TempFolder {
 public:
  // Creates "PARENT/bando-KIND-PID-xxxxxx". Throws bando::Error (unavailable) when it cannot.
  TempFolder(const std::filesystem::path& parent, const std::string& kind);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// Removes the "bando-KIND-PID-*" folders in `parent` whose process no longer
// runs, as left by a killed server, and returns how many it removed.
int remove_stale_temp_folders(const std::filesystem::path& parent, const std::string& kind);

}  // namespace bando::server

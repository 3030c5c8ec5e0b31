#pragma once
// Runs PROJ's cs2cs command-line program, the reference that bando's coordinates are checked against.

#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace bando::query_testing {

// Transforms one coordinate with `cs2cs -f %.10f SOURCE TARGET`. Both input and
// output are in the axis order each CRS defines (latitude first for EPSG:4326).
// Returns nullopt when cs2cs cannot run or prints something unexpected.
inline std::optional<std::pair<double, double>> run_cs2cs(const std::string& source, const std::string& target,
                                                          double first, double second) {
  const std::string command =
      fmt::format("echo '{:.12f} {:.12f}' | cs2cs -f %.10f {} {} 2>&1", first, second, source, target);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return std::nullopt;
  std::string output;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) output += buffer.data();
  std::istringstream stream(output);
  double a = 0;
  double b = 0;
  if (!(stream >> a >> b)) return std::nullopt;
  return std::make_pair(a, b);
}

}  // namespace bando::query_testing

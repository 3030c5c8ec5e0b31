#include "tiles/ring_simplify.hpp"

#include <utility>

namespace bando::tiles {
namespace {

// Squared distance from vertex `p` to the segment from vertex `a` to vertex `b`.
double segment_distance_squared(const std::vector<double>& xy, std::size_t p, std::size_t a, std::size_t b) {
  const double ax = xy[2 * a], ay = xy[2 * a + 1];
  const double dx = xy[2 * b] - ax, dy = xy[2 * b + 1] - ay;
  const double px = xy[2 * p] - ax, py = xy[2 * p + 1] - ay;
  const double length_squared = dx * dx + dy * dy;
  double t = length_squared > 0 ? (px * dx + py * dy) / length_squared : 0;
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  const double ex = px - t * dx, ey = py - t * dy;
  return ex * ex + ey * ey;
}

// Marks in `keep` the vertices of the chain first..last (indices modulo the
// vertex count) that Douglas-Peucker keeps, using an explicit stack.
void mark_chain(const std::vector<double>& xy, std::size_t first, std::size_t last, double tolerance_squared,
                std::vector<char>& keep, std::vector<std::pair<std::size_t, std::size_t>>& stack) {
  const std::size_t count = xy.size() / 2;
  stack.clear();
  stack.emplace_back(first, last);
  while (!stack.empty()) {
    const auto [begin, end] = stack.back();
    stack.pop_back();
    double farthest = -1;
    std::size_t farthest_index = begin;
    for (std::size_t i = begin + 1; i < end; ++i) {
      const double distance = segment_distance_squared(xy, i % count, begin % count, end % count);
      if (distance > farthest) {
        farthest = distance;
        farthest_index = i;
      }
    }
    if (farthest <= tolerance_squared) continue;
    keep[farthest_index % count] = 1;
    stack.emplace_back(begin, farthest_index);
    stack.emplace_back(farthest_index, end);
  }
}

}  // namespace

void simplify_ring(std::vector<double>& xy, double tolerance) {
  const std::size_t count = xy.size() / 2;
  if (count <= 3 || tolerance <= 0) return;

  // Split the ring at vertex 0 and the vertex farthest from it.
  std::size_t opposite = 1;
  double farthest = -1;
  for (std::size_t i = 1; i < count; ++i) {
    const double dx = xy[2 * i] - xy[0], dy = xy[2 * i + 1] - xy[1];
    const double distance = dx * dx + dy * dy;
    if (distance > farthest) {
      farthest = distance;
      opposite = i;
    }
  }

  std::vector<char> keep(count, 0);
  keep[0] = 1;
  keep[opposite] = 1;
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  const double tolerance_squared = tolerance * tolerance;
  mark_chain(xy, 0, opposite, tolerance_squared, keep, stack);
  mark_chain(xy, opposite, count, tolerance_squared, keep, stack);

  std::size_t kept = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!keep[i]) continue;
    xy[2 * kept] = xy[2 * i];
    xy[2 * kept + 1] = xy[2 * i + 1];
    ++kept;
  }
  xy.resize(2 * kept);
}

}  // namespace bando::tiles

#pragma once
// Axis-aligned bounding box in any planar or geographic CRS.

#include <algorithm>
#include <limits>

namespace bando::geo {

struct Box {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  // True when no point has been added, so the box covers nothing.
  bool empty() const noexcept { return min_x > max_x || min_y > max_y; }

  void expand(double x, double y) noexcept {
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }

  void expand(const Box& other) noexcept {
    if (other.empty()) return;
    expand(other.min_x, other.min_y);
    expand(other.max_x, other.max_y);
  }

  // Closed-interval test, so boxes that share an edge intersect.
  bool intersects(const Box& other) const noexcept {
    return !empty() && !other.empty() && min_x <= other.max_x && other.min_x <= max_x &&
           min_y <= other.max_y && other.min_y <= max_y;
  }

  Box buffered(double margin) const noexcept {
    return {min_x - margin, min_y - margin, max_x + margin, max_y + margin};
  }
};

}  // namespace bando::geo

#pragma once
// Douglas-Peucker simplification of polygon rings held as flat x, y pairs.

#include <cstddef>
#include <vector>

namespace bando::tiles {

// Simplifies the open ring in `xy` (x0, y0, x1, y1, ..., without a closing
// vertex) in place: every dropped vertex lies within `tolerance` of the segment
// that replaces it. The ring is split at vertex 0 and the vertex farthest from
// it, and each half is simplified on its own, so both stay in the result.
// The result may cross itself; callers validate it.
void simplify_ring(std::vector<double>& xy, double tolerance);

}  // namespace bando::tiles

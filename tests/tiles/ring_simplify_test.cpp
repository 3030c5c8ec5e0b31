#include <gtest/gtest.h>

#include <vector>

#include "tiles/ring_simplify.hpp"

namespace bando::tiles {
namespace {

TEST(RingSimplify, DropsVerticesWithinTolerance) {
  // A 100-unit square whose edges carry vertices at most 0.5 units off line.
  std::vector<double> ring{0, 0, 50, 0.5, 100, 0, 100, 50, 99.6, 70, 100, 100, 50, 100, 0, 100, 0.3, 40};
  simplify_ring(ring, 1.0);
  EXPECT_EQ(ring, (std::vector<double>{0, 0, 100, 0, 100, 100, 0, 100}));
}

TEST(RingSimplify, KeepsVerticesBeyondTolerance) {
  std::vector<double> ring{0, 0, 50, 5, 100, 0, 100, 100, 0, 100};
  const std::vector<double> original = ring;
  simplify_ring(ring, 1.0);
  EXPECT_EQ(ring, original);
}

TEST(RingSimplify, ZeroToleranceLeavesRing) {
  std::vector<double> ring{0, 0, 50, 0.1, 100, 0, 100, 100, 0, 100};
  const std::vector<double> original = ring;
  simplify_ring(ring, 0);
  EXPECT_EQ(ring, original);
}

TEST(RingSimplify, TriangleIsUnchanged) {
  std::vector<double> ring{0, 0, 10, 0, 5, 0.1};
  const std::vector<double> original = ring;
  simplify_ring(ring, 5);
  EXPECT_EQ(ring, original);
}

TEST(RingSimplify, KeepsStartAndFarthestVertex) {
  // Every vertex but the start and the opposite corner lies within tolerance
  // of the diagonal, so a two-vertex ring remains and callers drop it.
  std::vector<double> ring{0, 0, 50, 50.2, 100, 100, 49.9, 50};
  simplify_ring(ring, 1.0);
  EXPECT_EQ(ring, (std::vector<double>{0, 0, 100, 100}));
}

}  // namespace
}  // namespace bando::tiles

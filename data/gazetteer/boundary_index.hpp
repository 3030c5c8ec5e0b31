#pragma once
// Point-in-boundary lookup over the units of one level, safe for concurrent queries.

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <geos_c.h>

#include "data/gazetteer/admin_unit.hpp"
#include "geo/geos_context.hpp"

namespace bando::data {

// An STRtree over the boundary envelopes of some units, with exact tests on
// GEOS prepared geometries.
//
// Thread safety: find() may run on any number of threads at once. The tree is
// built once, in the constructor. GEOS 3.11 does not document concurrent
// STRtree queries as safe, so each query locks `mutex_` for the envelope search
// only, a short step next to the exact tests. A prepared geometry builds its
// indexes lazily on first use, so none is shared between threads. Instead,
// each thread that calls find() decodes and prepares its own copy of a unit's
// boundary on first need and tests it without a lock. Each thread's copies
// stay until the index is destroyed.
class BoundaryIndex {
 public:
  // Indexes the units in `units` with a non-empty boundary. The units must
  // outlive the index and must not change. Throws bando::Error
  // (invalid_argument) on invalid WKB.
  explicit BoundaryIndex(const std::vector<const AdminUnit*>& units);
  ~BoundaryIndex();
  BoundaryIndex(const BoundaryIndex&) = delete;
  BoundaryIndex& operator=(const BoundaryIndex&) = delete;

  // Returns the unit whose boundary contains or touches the point (lon/lat
  // degrees), or null. On a boundary shared by several units it returns the
  // one with the lowest code, so the result never depends on thread or timing.
  const AdminUnit* find(double lon, double lat) const;

  // Returns the unit whose boundary lies nearest to the point (lon/lat
  // degrees), with the great-circle distance in metres from the point to the
  // nearest point of that boundary, when that distance is at most
  // `radius_metres`; otherwise {null, 0}. Ties go to the lowest code. Meant
  // for points outside every boundary; a point inside one gets distance 0.
  std::pair<const AdminUnit*, double> nearest(double lon, double lat, double radius_metres) const;

  // Returns the indexed units, other than `unit`, whose boundaries touch the
  // boundary of `unit` or lie within about 11 m of it, sorted by code. Empty
  // when `unit` is not indexed.
  std::vector<const AdminUnit*> touching(const AdminUnit& unit) const;

  std::size_t size() const noexcept { return units_.size(); }

 private:
  struct ThreadGeometries {
    std::vector<geo::GeosGeometryPtr> geometries;  // declared first, so destroyed after `prepared`
    std::vector<geo::GeosPreparedPtr> prepared;
  };

  ThreadGeometries& geometries_of_this_thread() const;  // requires `mutex_`
  const GEOSPreparedGeometry& prepared(ThreadGeometries& own, std::size_t position) const;

  std::vector<const AdminUnit*> units_;            // sorted by code
  std::vector<std::size_t> positions_;             // 0..n-1, the STRtree items point here
  std::vector<geo::GeosGeometryPtr> envelopes_;    // rectangles inserted into the tree
  GEOSSTRtree* tree_ = nullptr;

  mutable std::mutex mutex_;  // guards tree_ queries and `per_thread_`
  mutable std::unordered_map<std::thread::id, std::unique_ptr<ThreadGeometries>> per_thread_;
};

}  // namespace bando::data

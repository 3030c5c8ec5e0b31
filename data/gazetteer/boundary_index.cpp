#include "data/gazetteer/boundary_index.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "geo/error.hpp"

namespace bando::data {
namespace {

// Collects the positions of the STRtree items whose envelope contains the point.
void collect_position(void* item, void* user_data) {
  static_cast<std::vector<std::size_t>*>(user_data)->push_back(*static_cast<const std::size_t*>(item));
}

struct CoordSeqDeleter {
  void operator()(GEOSCoordSequence* sequence) const noexcept { GEOSCoordSeq_destroy_r(geo::geos_context(), sequence); }
};
using CoordSeqPtr = std::unique_ptr<GEOSCoordSequence, CoordSeqDeleter>;

constexpr double kEarthRadiusMetres = 6'371'008.8;  // WGS 84 mean radius
// Neighbouring boundaries of one source file may leave slivers between them,
// so boundaries this close (about 11 m) count as touching.
constexpr double kTouchToleranceDegrees = 1e-4;
constexpr double kRadians = std::numbers::pi / 180.0;

double haversine_metres(double lon1, double lat1, double lon2, double lat2) {
  const double dlat = (lat2 - lat1) * kRadians;
  const double dlon = (lon2 - lon1) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMetres * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

BoundaryIndex::BoundaryIndex(const std::vector<const AdminUnit*>& units) {
  for (const AdminUnit* unit : units) {
    if (!unit->boundary_wkb.empty()) units_.push_back(unit);
  }
  std::sort(units_.begin(), units_.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });

  GEOSContextHandle_t context = geo::geos_context();
  tree_ = GEOSSTRtree_create_r(context, 10);
  if (tree_ == nullptr) {
    throw Error(ErrorKind::internal, {"GEOS cannot create an STRtree: " + geo::geos_last_error(), {}});
  }
  positions_.resize(units_.size());
  for (std::size_t i = 0; i < units_.size(); ++i) {
    positions_[i] = i;
    const geo::GeosGeometryPtr boundary = geo::geos_from_wkb(units_[i]->boundary_wkb);
    double min_x = 0;
    double min_y = 0;
    double max_x = 0;
    double max_y = 0;
    GEOSGeom_getXMin_r(context, boundary.get(), &min_x);
    GEOSGeom_getYMin_r(context, boundary.get(), &min_y);
    GEOSGeom_getXMax_r(context, boundary.get(), &max_x);
    GEOSGeom_getYMax_r(context, boundary.get(), &max_y);
    envelopes_.push_back(
        geo::check_geos(GEOSGeom_createRectangle_r(context, min_x, min_y, max_x, max_y), "rectangle"));
    GEOSSTRtree_insert_r(context, tree_, envelopes_.back().get(), &positions_[i]);
  }

  // The first query builds the tree; doing it here keeps find() free of that work.
  const geo::GeosGeometryPtr origin = geo::check_geos(GEOSGeom_createPointFromXY_r(context, 0, 0), "point");
  std::vector<std::size_t> ignored;
  GEOSSTRtree_query_r(context, tree_, origin.get(), collect_position, &ignored);
}

BoundaryIndex::~BoundaryIndex() {
  per_thread_.clear();
  if (tree_ != nullptr) GEOSSTRtree_destroy_r(geo::geos_context(), tree_);
}

BoundaryIndex::ThreadGeometries& BoundaryIndex::geometries_of_this_thread() const {
  std::unique_ptr<ThreadGeometries>& own = per_thread_[std::this_thread::get_id()];
  if (!own) {
    own = std::make_unique<ThreadGeometries>();
    own->geometries.resize(units_.size());
    own->prepared.resize(units_.size());
  }
  return *own;
}

const GEOSPreparedGeometry& BoundaryIndex::prepared(ThreadGeometries& own, std::size_t position) const {
  if (!own.prepared[position]) {
    GEOSContextHandle_t context = geo::geos_context();
    own.geometries[position] = geo::geos_from_wkb(units_[position]->boundary_wkb);
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(context, own.geometries[position].get());
    if (prepared == nullptr) {
      throw Error(ErrorKind::internal,
                  {"GEOS cannot prepare the boundary of unit " + units_[position]->code + ": " + geo::geos_last_error(),
                   {}});
    }
    own.prepared[position].reset(prepared);
  }
  return *own.prepared[position];
}

const AdminUnit* BoundaryIndex::find(double lon, double lat) const {
  GEOSContextHandle_t context = geo::geos_context();
  const geo::GeosGeometryPtr point = geo::check_geos(GEOSGeom_createPointFromXY_r(context, lon, lat), "point");

  std::vector<std::size_t> candidates;
  ThreadGeometries* own = nullptr;
  {
    const std::lock_guard lock(mutex_);
    GEOSSTRtree_query_r(context, tree_, point.get(), collect_position, &candidates);
    own = &geometries_of_this_thread();
  }

  // Units are sorted by code, so the first hit in position order has the lowest code.
  std::sort(candidates.begin(), candidates.end());
  for (std::size_t position : candidates) {
    const char hit = GEOSPreparedIntersects_r(context, &prepared(*own, position), point.get());
    if (hit == 2) {
      throw Error(ErrorKind::internal,
                  {"GEOS intersects test failed for unit " + units_[position]->code + ": " + geo::geos_last_error(),
                   {}});
    }
    if (hit == 1) return units_[position];
  }
  return nullptr;
}

std::vector<const AdminUnit*> BoundaryIndex::touching(const AdminUnit& unit) const {
  const auto found = std::lower_bound(units_.begin(), units_.end(), &unit,
                                      [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  if (found == units_.end() || *found != &unit) return {};
  const auto position = static_cast<std::size_t>(found - units_.begin());

  GEOSContextHandle_t context = geo::geos_context();
  std::vector<std::size_t> candidates;
  ThreadGeometries* own = nullptr;
  {
    const std::lock_guard lock(mutex_);
    GEOSSTRtree_query_r(context, tree_, envelopes_[position].get(), collect_position, &candidates);
    own = &geometries_of_this_thread();
  }

  std::sort(candidates.begin(), candidates.end());
  const GEOSPreparedGeometry& boundary = prepared(*own, position);
  std::vector<const AdminUnit*> result;
  for (std::size_t candidate : candidates) {
    if (candidate == position) continue;
    prepared(*own, candidate);  // decodes the candidate's boundary into own->geometries
    const char hit =
        GEOSPreparedDistanceWithin_r(context, &boundary, own->geometries[candidate].get(), kTouchToleranceDegrees);
    if (hit == 2) {
      throw Error(ErrorKind::internal, {"GEOS distance test failed for units " + unit.code + " and " +
                                            units_[candidate]->code + ": " + geo::geos_last_error(),
                                        {}});
    }
    if (hit == 1) result.push_back(units_[candidate]);
  }
  return result;
}

std::pair<const AdminUnit*, double> BoundaryIndex::nearest(double lon, double lat, double radius_metres) const {
  GEOSContextHandle_t context = geo::geos_context();
  const geo::GeosGeometryPtr point = geo::check_geos(GEOSGeom_createPointFromXY_r(context, lon, lat), "point");

  // A box that contains the circle of `radius_metres`. A degree of latitude is
  // at least 110.5 km, and a degree of longitude shrinks with cos(latitude).
  const double dlat = radius_metres / 110'500.0;
  const double dlon = dlat / std::max(0.01, std::cos(lat * kRadians));
  const geo::GeosGeometryPtr box = geo::check_geos(
      GEOSGeom_createRectangle_r(context, lon - dlon, lat - dlat, lon + dlon, lat + dlat), "rectangle");

  std::vector<std::size_t> candidates;
  ThreadGeometries* own = nullptr;
  {
    const std::lock_guard lock(mutex_);
    GEOSSTRtree_query_r(context, tree_, box.get(), collect_position, &candidates);
    own = &geometries_of_this_thread();
  }

  std::sort(candidates.begin(), candidates.end());
  std::pair<const AdminUnit*, double> best{nullptr, 0.0};
  for (std::size_t position : candidates) {
    const CoordSeqPtr points(GEOSPreparedNearestPoints_r(context, &prepared(*own, position), point.get()));
    double x = 0;
    double y = 0;
    if (!points || GEOSCoordSeq_getXY_r(context, points.get(), 0, &x, &y) == 0) {
      throw Error(ErrorKind::internal,
                  {"GEOS nearest points failed for unit " + units_[position]->code + ": " + geo::geos_last_error(),
                   {}});
    }
    const double distance = haversine_metres(lon, lat, x, y);
    // Candidates come in code order, so a strict comparison keeps the lowest code on a tie.
    if (distance <= radius_metres && (best.first == nullptr || distance < best.second)) best = {units_[position], distance};
  }
  return best;
}

}  // namespace bando::data

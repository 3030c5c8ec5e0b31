#include "geo/projection.hpp"

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <utility>

#include <fmt/format.h>
#include <proj.h>

#include "geo/error.hpp"

namespace bando::geo {
namespace {

constexpr std::string_view kEpsgUriPrefix = "http://www.opengis.net/def/crs/EPSG/0/";

Crs make_epsg(int code, bool latitude_first, bool geographic) {
  return Crs{code, fmt::format("{}{}", kEpsgUriPrefix, code), latitude_first, geographic};
}

std::vector<Crs> build_supported_crs() {
  std::vector<Crs> list;
  list.push_back(Crs{0, std::string(kCrs84Uri), false, true});
  list.push_back(make_epsg(4326, true, true));
  list.push_back(make_epsg(3857, false, false));
  list.push_back(make_epsg(4756, true, true));
  list.push_back(make_epsg(3405, false, false));
  list.push_back(make_epsg(3406, false, false));
  for (int code = 5896; code <= 5899; ++code) list.push_back(make_epsg(code, false, false));
  for (int code = 9205; code <= 9218; ++code) list.push_back(make_epsg(code, false, false));
  return list;
}

struct ContextDeleter {
  void operator()(PJ_CONTEXT* context) const noexcept { proj_context_destroy(context); }
};
struct PjDeleter {
  void operator()(PJ* pj) const noexcept { proj_destroy(pj); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

// One PROJ context per thread with the transformations it has built. The
// context is declared first so that it is destroyed after the PJ objects.
struct ThreadProj {
  std::unique_ptr<PJ_CONTEXT, ContextDeleter> context{proj_context_create()};
  std::map<int, PjPtr> transformations;  // key: EPSG code (0 for CRS84)

  // Returns the normalised transformation from EPSG:3857 to the CRS; PROJ's
  // PJ_INV direction gives the inverse.
  PJ* from_storage(const Crs& crs) {
    auto found = transformations.find(crs.epsg);
    if (found != transformations.end()) return found->second.get();
    const std::string target = crs.epsg == 0 ? "OGC:CRS84" : fmt::format("EPSG:{}", crs.epsg);
    PjPtr raw(proj_create_crs_to_crs(context.get(), "EPSG:3857", target.c_str(), nullptr));
    PjPtr normalized(raw ? proj_normalize_for_visualization(context.get(), raw.get()) : nullptr);
    if (!normalized) {
      const int code = proj_context_errno(context.get());
      throw Error(ErrorKind::internal,
                  {fmt::format("PROJ cannot transform EPSG:3857 to {}: {}", target,
                               proj_context_errno_string(context.get(), code)),
                   fmt::format("PROJ không chuyển được EPSG:3857 sang {}", target)});
    }
    return transformations.emplace(crs.epsg, std::move(normalized)).first->second.get();
  }
};

ThreadProj& thread_proj() {
  thread_local ThreadProj proj;
  return proj;
}

void transform_geometry_points(const Crs& target, bool to_storage, Geometry& geometry) {
  transform_points(target, to_storage, geometry.points);
  for (Path& line : geometry.lines) transform_points(target, to_storage, line);
  for (PolygonRings& polygon : geometry.polygons) {
    for (Path& ring : polygon) transform_points(target, to_storage, ring);
  }
  for (Geometry& member : geometry.members) transform_geometry_points(target, to_storage, member);
}

}  // namespace

const std::vector<Crs>& supported_crs() {
  static const std::vector<Crs> list = build_supported_crs();
  return list;
}

const Crs& storage_crs() {
  static const Crs crs = make_epsg(3857, false, false);
  return crs;
}

std::optional<Crs> find_crs(std::string_view name) {
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
  for (const Crs& crs : supported_crs()) {
    if (name == crs.uri) return crs;
    if (crs.epsg == 0 && (name == "OGC:CRS84" || name == "CRS84")) return crs;
    if (crs.epsg != 0 && name == fmt::format("EPSG:{}", crs.epsg)) return crs;
  }
  return std::nullopt;
}

void transform_points(const Crs& target, bool to_storage, std::span<Point> points) {
  if (target.epsg == 3857 || points.empty()) return;
  PJ* pj = thread_proj().from_storage(target);
  const PJ_DIRECTION direction = to_storage ? PJ_INV : PJ_FWD;
  proj_trans_generic(pj, direction, &points[0].x, sizeof(Point), points.size(), &points[0].y, sizeof(Point),
                     points.size(), nullptr, 0, 0, nullptr, 0, 0);
  for (const Point& point : points) {
    if (!std::isfinite(point.x) || !std::isfinite(point.y)) {
      throw Error(ErrorKind::invalid_argument,
                  {fmt::format("a coordinate cannot be transformed between EPSG:3857 and {}", target.uri),
                   fmt::format("không chuyển được tọa độ giữa EPSG:3857 và {}", target.uri)});
    }
  }
}

void transform_geometry(const Crs& target, bool to_storage, Geometry& geometry) {
  transform_geometry_points(target, to_storage, geometry);
}

Box box_to_storage(const Crs& source, const Box& box) {
  constexpr int kSteps = 20;
  std::vector<Point> edge;
  edge.reserve(4 * (kSteps + 1));
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    const double x = box.min_x + t * (box.max_x - box.min_x);
    const double y = box.min_y + t * (box.max_y - box.min_y);
    edge.push_back({x, box.min_y});
    edge.push_back({x, box.max_y});
    edge.push_back({box.min_x, y});
    edge.push_back({box.max_x, y});
  }
  transform_points(source, true, edge);
  Box result;
  for (const Point& point : edge) result.expand(point.x, point.y);
  return result;
}

}  // namespace bando::geo

#include "data/gazetteer/gazetteer.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

bool is_postcode(std::string_view code) {
  return code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Great-circle distance in metres on a sphere of the WGS 84 mean radius.
double haversine_metres(const geo::Point& a, const geo::Point& b) {
  constexpr double kEarthRadius = 6'371'008.8;
  constexpr double kRadians = std::numbers::pi / 180.0;
  const double dlat = (b.y - a.y) * kRadians;
  const double dlon = (b.x - a.x) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.y * kRadians) * std::cos(b.y * kRadians) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

const std::vector<Gazetteer::Link> kNoLinks;

// Adds `unit` to `links` or combines its merge type with an earlier link to it.
void add_link(std::map<const AdminUnit*, std::vector<MergeType>>& links, const AdminUnit* unit, MergeType type) {
  links[unit].push_back(type);
}

// Turns the contributing links of a former district or province into one link per new unit.
std::vector<Gazetteer::Link> combine_links(const std::map<const AdminUnit*, std::vector<MergeType>>& contributions) {
  std::vector<Gazetteer::Link> links;
  for (const auto& [unit, types] : contributions) {
    const bool all_area = std::all_of(types.begin(), types.end(), [](MergeType t) { return t == MergeType::part_of_area; });
    MergeType type = all_area ? MergeType::part_of_area : MergeType::part_of_unit;
    // Every piece of the former unit went to this one new unit, even when the
    // pieces were communes split between several new communes of it.
    if (contributions.size() == 1) type = MergeType::whole_unit;
    links.push_back({unit, type});
  }
  std::sort(links.begin(), links.end(),
            [](const Gazetteer::Link& a, const Gazetteer::Link& b) { return a.unit->code < b.unit->code; });
  return links;
}

}  // namespace

std::vector<const AdminUnit*> Gazetteer::units_of_level(const std::vector<AdminUnit>& units, int level) {
  std::vector<const AdminUnit*> selected;
  for (const AdminUnit& unit : units) {
    if (unit.level == level) selected.push_back(&unit);
  }
  return selected;
}

Gazetteer::Gazetteer(GazetteerData data) : data_(std::move(data)) {
  for (const AdminUnit& unit : data_.units) {
    if (unit.level == 1) provinces_by_code_.emplace(unit.code, &unit);
    if (unit.level != 2) continue;
    communes_by_code_.emplace(unit.code, &unit);
    for (const std::string& postcode : unit.postcodes) by_postcode_[postcode].push_back(&unit);
  }
  for (auto& [postcode, units] : by_postcode_) {
    std::sort(units.begin(), units.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
  }
  provinces_ = std::make_unique<BoundaryIndex>(units_of_level(data_.units, 1));
  communes_ = std::make_unique<BoundaryIndex>(units_of_level(data_.units, 2));
  former_districts_ = std::make_unique<BoundaryIndex>(units_of_level(data_.former_units, kDistrictLevel));

  std::vector<const AdminUnit*> all_units;
  for (const auto* units : {&data_.units, &data_.former_units}) {
    for (const AdminUnit& unit : *units) {
      all_units.push_back(&unit);
      by_code_[unit.code].push_back(&unit);
    }
  }
  for (auto& [code, units] : by_code_) {
    std::sort(units.begin(), units.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->valid_from < b->valid_from; });
  }
  for (const AdminUnit& unit : data_.former_units) {
    if (unit.level != kCommuneLevel) continue;
    for (const std::string& postcode : unit.postcodes) former_by_postcode_[postcode].push_back(&unit);
  }
  index_crosswalk();
  locate_communes_of_whole_districts();
  places_ = std::make_unique<PlaceSearch>(all_units);
}

void Gazetteer::index_crosswalk() {
  std::map<std::pair<int, std::string>, const AdminUnit*> former;
  for (const AdminUnit& unit : data_.former_units) former.emplace(std::make_pair(unit.level, unit.code), &unit);

  // District and province contributions, combined into links afterwards.
  std::map<const AdminUnit*, std::map<const AdminUnit*, std::vector<MergeType>>> district_links;
  std::map<const AdminUnit*, std::map<const AdminUnit*, std::vector<MergeType>>> province_links;
  for (const CrosswalkLink& link : data_.crosswalk) {
    const auto old_unit = former.find({link.old_level, link.old_code});
    const AdminUnit* new_unit = find_by_code(kCommuneLevel, link.new_code);
    if (old_unit == former.end() || new_unit == nullptr) continue;  // the importer reported and skipped these
    successors_[old_unit->second].push_back({new_unit, link.merge_type});
    predecessors_[new_unit].push_back({old_unit->second, link.merge_type});

    const AdminUnit* district = old_unit->second->level == kDistrictLevel
                                    ? old_unit->second
                                    : former.count({kDistrictLevel, old_unit->second->parent_code}) != 0
                                          ? former.at({kDistrictLevel, old_unit->second->parent_code})
                                          : nullptr;
    if (district != nullptr && district != old_unit->second) add_link(district_links[district], new_unit, link.merge_type);
    const auto province = former.find({kProvinceLevel, old_unit->second->province_code});
    const AdminUnit* new_province = find_by_code(kProvinceLevel, new_unit->province_code);
    if (province != former.end() && new_province != nullptr) {
      add_link(province_links[province->second], new_province, link.merge_type);
    }
  }
  for (const auto& [district, contributions] : district_links) successors_[district] = combine_links(contributions);
  for (const auto& [province, contributions] : province_links) {
    successors_[province] = combine_links(contributions);
    for (const Link& link : successors_[province]) predecessors_[link.unit].push_back({province, link.merge_type});
  }
  for (auto& [unit, links] : predecessors_) {
    std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) {
      return std::make_pair(a.unit->level, a.unit->code) < std::make_pair(b.unit->level, b.unit->code);
    });
  }
}

std::vector<const AdminUnit*> Gazetteer::find_former_by_postcode(std::string_view code) const {
  if (!is_postcode(code)) return {};
  const auto found = former_by_postcode_.find(std::string(code));
  if (found == former_by_postcode_.end()) return {};
  return found->second;
}

std::vector<std::string> Gazetteer::close_postcodes(std::string_view code, std::size_t max_count) const {
  if (!is_postcode(code)) return {};
  std::set<std::string> close;
  std::string candidate(code);
  for (std::size_t i = 0; i < candidate.size(); ++i) {
    const char original = candidate[i];
    for (char digit = '0'; digit <= '9'; ++digit) {
      if (digit == original) continue;
      candidate[i] = digit;
      if (by_postcode_.contains(candidate)) close.insert(candidate);
    }
    candidate[i] = original;
    if (i + 1 < candidate.size() && candidate[i] != candidate[i + 1]) {
      std::swap(candidate[i], candidate[i + 1]);
      if (by_postcode_.contains(candidate)) close.insert(candidate);
      std::swap(candidate[i], candidate[i + 1]);
    }
  }
  std::vector<std::string> sorted(close.begin(), close.end());
  if (sorted.size() > max_count) sorted.resize(max_count);
  return sorted;
}

std::vector<const AdminUnit*> Gazetteer::units_with_code(std::string_view code) const {
  const auto found = by_code_.find(code);
  return found == by_code_.end() ? std::vector<const AdminUnit*>{} : found->second;
}

const AdminUnit* Gazetteer::find_in_force(std::string_view code, std::string_view date) const {
  for (const AdminUnit* unit : units_with_code(code)) {
    const bool started = unit->valid_from.empty() || unit->valid_from <= date;
    const bool ended = !unit->valid_to.empty() && unit->valid_to < date;
    if (started && !ended) return unit;
  }
  return nullptr;
}

const std::vector<Gazetteer::Link>& Gazetteer::successors(const AdminUnit& unit) const {
  const auto found = successors_.find(&unit);
  return found == successors_.end() ? kNoLinks : found->second;
}

const std::vector<Gazetteer::Link>& Gazetteer::predecessors(const AdminUnit& unit) const {
  const auto found = predecessors_.find(&unit);
  return found == predecessors_.end() ? kNoLinks : found->second;
}

std::vector<Gazetteer::Neighbour> Gazetteer::nearest_communes(const AdminUnit& unit, std::size_t max_count) const {
  if (!unit.centroid) return {};
  const std::vector<const AdminUnit*> touching = communes_->touching(unit);
  std::vector<Neighbour> nearest;
  for (const auto& [code, commune] : communes_by_code_) {
    if (commune == &unit || !commune->centroid || commune->province_code != unit.province_code) continue;
    const bool adjacent = std::binary_search(touching.begin(), touching.end(), commune,
                                             [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
    nearest.push_back({commune, haversine_metres(*unit.centroid, *commune->centroid), adjacent});
  }
  const std::size_t count = std::min(max_count, nearest.size());
  std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(count), nearest.end(),
                    [](const Neighbour& a, const Neighbour& b) {
                      return std::make_tuple(!a.adjacent, a.distance_metres, a.unit->code) <
                             std::make_tuple(!b.adjacent, b.distance_metres, b.unit->code);
                    });
  nearest.resize(count);
  return nearest;
}

std::vector<const AdminUnit*> Gazetteer::find_by_postcode(std::string_view code) const {
  if (!is_postcode(code)) return {};
  const auto found = by_postcode_.find(std::string(code));
  if (found == by_postcode_.end()) return {};
  return found->second;
}

const AdminUnit* Gazetteer::find_by_code(int level, std::string_view code) const {
  const auto& units = level == 1 ? provinces_by_code_ : communes_by_code_;
  if (level != 1 && level != 2) return nullptr;
  const auto found = units.find(std::string(code));
  return found == units.end() ? nullptr : found->second;
}

Gazetteer::ReverseMatch Gazetteer::reverse(double lon, double lat) const {
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("invalid coordinates lon={} lat={}: lon must be in [-180, 180] and lat in "
                             "[-90, 90] degrees",
                             lon, lat),
                 fmt::format("tọa độ không hợp lệ lon={} lat={}: lon phải trong [-180, 180] và lat trong "
                             "[-90, 90] độ",
                             lon, lat)});
  }

  ReverseMatch match;
  match.commune = communes_->find(lon, lat);
  if (match.commune != nullptr) match.province = find_by_code(1, match.commune->province_code);
  if (match.province == nullptr) match.province = provinces_->find(lon, lat);
  if (match.province != nullptr) return with_former_district(match, lon, lat);

  // At sea: the nearest commune is searched only here, because on land outside
  // the bundled commune boundaries it could lie across a province border.
  const auto [commune, commune_distance] = communes_->nearest(lon, lat, kSeaRadiusMetres);
  const auto [province, province_distance] = provinces_->nearest(lon, lat, kSeaRadiusMetres);
  if (commune != nullptr && commune_distance <= province_distance + 1.0) {
    match.commune = commune;
    match.province = find_by_code(kProvinceLevel, commune->province_code);
    match.distance_metres = commune_distance;
  } else if (province != nullptr) {
    match.province = province;
    match.distance_metres = province_distance;
  }
  // The district boundaries come from another source than the province ones,
  // so an island shore can lie inside a district and outside its province.
  if (match.province != nullptr) return with_former_district(match, lon, lat);
  return match;
}

Gazetteer::ReverseMatch Gazetteer::with_former_district(ReverseMatch match, double lon, double lat) const {
  double district_distance = 0;
  match.former_district = former_districts_->find(lon, lat);
  // At sea, as for provinces and communes, the nearest district within the radius.
  if (match.former_district == nullptr && match.distance_metres > 0) {
    std::tie(match.former_district, district_distance) = former_districts_->nearest(lon, lat, kSeaRadiusMetres);
  }
  if (match.former_district == nullptr) return match;
  if (match.commune != nullptr) return match;
  const AdminUnit* commune = sole_whole_commune(*match.former_district);
  if (commune == nullptr || commune->province_code != match.province->code) return match;
  match.commune = commune;
  // The commune is placed by its district, so the distance is the district's,
  // which is 0 inside it even where the province polygon's shore is coarser.
  match.distance_metres = std::min(match.distance_metres, district_distance);
  return match;
}

const AdminUnit* Gazetteer::sole_whole_commune(const AdminUnit& district) const {
  const std::vector<Link>& next = successors(district);
  if (next.size() != 1 || next.front().merge_type != MergeType::whole_unit) return nullptr;
  return next.front().unit->level == kCommuneLevel ? next.front().unit : nullptr;
}

void Gazetteer::locate_communes_of_whole_districts() {
  std::unordered_map<const AdminUnit*, geo::Point> points;
  for (const AdminUnit& district : data_.former_units) {
    if (district.level != kDistrictLevel || !district.centroid) continue;
    const AdminUnit* commune = sole_whole_commune(district);
    if (commune != nullptr && !commune->centroid) points.emplace(commune, *district.centroid);
  }
  for (AdminUnit& unit : data_.units) {
    const auto found = points.find(&unit);
    if (found != points.end()) unit.centroid = found->second;
  }
}

}  // namespace bando::data

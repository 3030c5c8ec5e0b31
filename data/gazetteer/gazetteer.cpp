#include "data/gazetteer/gazetteer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

bool is_postcode(std::string_view code) {
  return code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
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
  return match;
}

}  // namespace bando::data

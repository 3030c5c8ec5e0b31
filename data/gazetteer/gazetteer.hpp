#pragma once
// Read-only index of the administrative units by postcode and by location.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"
#include "data/gazetteer/boundary_index.hpp"

namespace bando::data {

// Lookups behind GET /postcodes/{code} and GET /postcodes?lon=&lat=. All const
// member functions are safe to call from any number of threads at once once
// the constructor has returned.
class Gazetteer {
 public:
  // Indexes `data`. Throws bando::Error (invalid_argument) when a unit's
  // boundary WKB is invalid.
  explicit Gazetteer(GazetteerData data);

  // Returns every commune with postcode `code`, sorted by unit code. Codes
  // compare as strings, so "01139" keeps its leading zero. An empty or
  // malformed code (anything but 5 ASCII digits, such as a 2-digit province
  // prefix or a 6-digit pre-2018 code) returns an empty vector. The pointers
  // stay valid for the Gazetteer's lifetime.
  std::vector<const AdminUnit*> find_by_postcode(std::string_view code) const;

  struct ReverseMatch {
    const AdminUnit* commune = nullptr;
    const AdminUnit* province = nullptr;
  };

  // Returns the units whose boundary contains or touches the point (lon/lat
  // degrees, WGS 84). `commune` is null where no commune boundary is bundled
  // (communes outside Hà Nội and Hồ Chí Minh City) and both are null at sea.
  // When a commune matches, `province` is that commune's province, so the two
  // never disagree along a province border. A point on a shared boundary
  // resolves to the unit with the lowest code. Throws bando::Error
  // (invalid_argument) when lon is outside [-180, 180], lat outside [-90, 90]
  // or either is not finite.
  ReverseMatch reverse(double lon, double lat) const;

  const std::vector<ImportIssue>& issues() const noexcept { return data_.issues; }
  std::size_t unit_count() const noexcept { return data_.units.size(); }

  // Returns the unit with level `level` and GSO `code`, or null.
  const AdminUnit* find_by_code(int level, std::string_view code) const;

 private:
  static std::vector<const AdminUnit*> units_of_level(const std::vector<AdminUnit>& units, int level);

  GazetteerData data_;
  std::unordered_map<std::string, std::vector<const AdminUnit*>> by_postcode_;
  std::unordered_map<std::string, const AdminUnit*> provinces_by_code_;
  std::unordered_map<std::string, const AdminUnit*> communes_by_code_;
  std::unique_ptr<BoundaryIndex> provinces_;
  std::unique_ptr<BoundaryIndex> communes_;
};

}  // namespace bando::data

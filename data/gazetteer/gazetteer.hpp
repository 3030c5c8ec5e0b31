#pragma once
// Read-only index of the administrative units by postcode and by location.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"
#include "data/gazetteer/boundary_index.hpp"
#include "data/gazetteer/place_search.hpp"

namespace bando::data {

// Lookups behind /postcodes, /places and /admin-units over the units in force
// from 2025-07-01 and the former units in force until 2025-06-30. All const
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

  // Breadth of the territorial sea, 12 nautical miles (UNCLOS article 3): a
  // point at sea this close to a unit's boundary resolves to that unit.
  static constexpr double kSeaRadiusMetres = 22'224.0;

  struct ReverseMatch {
    const AdminUnit* commune = nullptr;
    const AdminUnit* province = nullptr;
    double distance_metres = 0;  // 0 inside the unit returned; at sea, from its boundary
    // The district in force until 2025-06-30 whose boundary contains the
    // point, or at sea the nearest one within kSeaRadiusMetres, or null. Its
    // successors are the communes the point can be in.
    const AdminUnit* former_district = nullptr;
  };

  // Returns the units whose boundary contains or touches the point (lon/lat
  // degrees, WGS 84). `commune` is null where no commune boundary is bundled
  // (communes outside Hà Nội and Hồ Chí Minh City). A point outside every
  // province resolves to the nearest commune within kSeaRadiusMetres, else to
  // the nearest province within it, and `distance_metres` is set. Beyond that
  // radius both are null.
  // When a commune matches, `province` is that commune's province, so the two
  // never disagree along a province border. A point on a shared boundary
  // resolves to the unit with the lowest code. `former_district` is the
  // district whose boundary contains a point that resolved to a province or,
  // at sea, the nearest district within kSeaRadiusMetres. Where no commune
  // boundary contains the point but that district went whole into a single
  // commune, `commune` is that commune. Throws bando::Error
  // (invalid_argument) when lon is outside [-180, 180], lat outside [-90, 90]
  // or either is not finite.
  ReverseMatch reverse(double lon, double lat) const;

  const std::vector<ImportIssue>& issues() const noexcept { return data_.issues; }
  std::size_t unit_count() const noexcept { return data_.units.size(); }

  // Returns the unit in force with level `level` and GSO `code`, or null.
  const AdminUnit* find_by_code(int level, std::string_view code) const;

  // Returns the former communes whose 2018 postcode is `code` (5 ASCII
  // digits), sorted by unit code; empty for any other input.
  std::vector<const AdminUnit*> find_former_by_postcode(std::string_view code) const;

  // Returns up to `max_count` postcodes in use that differ from `code` in one
  // digit or by two swapped neighbouring digits, sorted. Empty when `code` is
  // not 5 ASCII digits.
  std::vector<std::string> close_postcodes(std::string_view code, std::size_t max_count) const;

  // Returns every unit, in force or former, with GSO `code`: the level follows
  // from the length (2 province, 3 district, 5 commune). Sorted by valid_from.
  std::vector<const AdminUnit*> units_with_code(std::string_view code) const;

  // Returns the unit with `code` in force on `date` ("YYYY-MM-DD", compared as
  // text, so the caller validates it), or null.
  const AdminUnit* find_in_force(std::string_view code, std::string_view date) const;

  // A unit on the other side of a crosswalk link.
  struct Link {
    const AdminUnit* unit = nullptr;
    MergeType merge_type = MergeType::whole_unit;
  };

  // Returns the current units that replaced the former unit `unit`, sorted by
  // code. A former commune has the crosswalk's links. A former district has
  // the new communes that its communes went into, and a former province the
  // new provinces. For those two, a link is whole_unit when the unit went
  // whole into a single new unit, part_of_area when every contributing link
  // is part_of_area, and part_of_unit otherwise. Empty for a unit in force.
  const std::vector<Link>& successors(const AdminUnit& unit) const;

  // Returns the former units that a current unit was formed from, sorted by
  // level then code: for a commune, former communes and the whole districts
  // that became special zones; for a province, the former provinces, with the
  // merge types of successors(). Empty for a former unit.
  const std::vector<Link>& predecessors(const AdminUnit& unit) const;

  // Runs a place-name search over current and former units (see PlaceSearch).
  std::vector<PlaceMatch> search_places(const PlaceQuery& query) const { return places_->search(query); }

  // A commune near another, with the great-circle distance in metres between
  // their centroids.
  struct Neighbour {
    const AdminUnit* unit = nullptr;
    double distance_metres = 0;
    bool adjacent = false;  // the two boundaries touch, or lie within about 11 m
  };

  // Returns up to `max_count` current communes of the same province as `unit`,
  // other than `unit`: first those whose boundary touches its boundary, then
  // the others, each group nearest centroid first. Empty when `unit` has no
  // centroid. Communes without centroids are not candidates: those outside Hà
  // Nội and Hồ Chí Minh City, except the communes that whole districts became.
  std::vector<Neighbour> nearest_communes(const AdminUnit& unit, std::size_t max_count) const;

  const std::vector<CrosswalkLink>& crosswalk() const noexcept { return data_.crosswalk; }
  std::size_t former_unit_count() const noexcept { return data_.former_units.size(); }

 private:
  // Sets match.former_district, and the commune when that district went
  // whole into one commune.
  ReverseMatch with_former_district(ReverseMatch match, double lon, double lat) const;
  // Returns the commune that the whole of `district` went into, or null when
  // the district was split or merged in part.
  const AdminUnit* sole_whole_commune(const AdminUnit& district) const;
  // Gives a commune that a whole district became, and that has no bundled
  // boundary, the district's representative point, which lies inside it.
  void locate_communes_of_whole_districts();
  void index_crosswalk();
  static std::vector<const AdminUnit*> units_of_level(const std::vector<AdminUnit>& units, int level);

  GazetteerData data_;
  std::unordered_map<std::string, std::vector<const AdminUnit*>> by_postcode_;
  std::unordered_map<std::string, const AdminUnit*> provinces_by_code_;
  std::unordered_map<std::string, const AdminUnit*> communes_by_code_;
  std::unordered_map<std::string, std::vector<const AdminUnit*>> former_by_postcode_;
  std::map<std::string, std::vector<const AdminUnit*>, std::less<>> by_code_;  // in force and former
  std::unordered_map<const AdminUnit*, std::vector<Link>> successors_;
  std::unordered_map<const AdminUnit*, std::vector<Link>> predecessors_;
  std::unique_ptr<PlaceSearch> places_;
  std::unique_ptr<BoundaryIndex> provinces_;
  std::unique_ptr<BoundaryIndex> communes_;
  std::unique_ptr<BoundaryIndex> former_districts_;
};

}  // namespace bando::data

#pragma once
// Parsing of the /collections/{id}/items query parameters into a store query and an output form.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.hpp"
#include "data/store.hpp"
#include "server/handlers/feature_output.hpp"
#include "server/request_target.hpp"

namespace bando::server {

inline constexpr std::int64_t kDefaultItemsLimit = 10;

// Query parameter that pins a page to one dataset version. `next` and `prev`
// links carry it, so paging through a republish never mixes versions.
inline constexpr const char* kVersionParam = "dataset-version";

struct ItemsRequest {
  data::FeatureQuery query;
  FeatureOutput output;
  // True when a bbox, filter or datetime narrows the features, so numberMatched needs a count.
  bool narrowed = false;
  // The parameters that links repeat unchanged (all but limit, offset and the version).
  std::vector<std::pair<std::string, std::string>> link_params;
};

// Reads bbox, bbox-crs, crs, limit, offset, properties, sortby, datetime,
// filter, filter-lang, filter-crs, dataset-version and equality filters on the
// dataset's properties (`name=value`). A limit above `max_limit` is clamped.
// Throws bando::Error (invalid_argument) naming the parameter and value for
// anything else, including unknown parameters, and `datetime` on a dataset
// without a temporal property.
ItemsRequest parse_items_request(const QueryParams& params, const data::DatasetInfo& dataset,
                                 std::int64_t max_limit);

// The CRS that parameter `name` (crs, bbox-crs or filter-crs) names, or CRS84
// when it is absent. Throws bando::Error (invalid_argument) listing the
// supported CRSs for any other value.
geo::Crs parse_crs_param(const QueryParams& params, const char* name);

// Percent-encodes a query parameter name or value. RFC 3986 unreserved characters
// and commas, which separate bbox and list values, stay as they are.
std::string percent_encode(std::string_view text);

}  // namespace bando::server

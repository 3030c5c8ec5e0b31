#pragma once
// HTML pages of /collections and /collections/{id}.

#include <vector>

#include "data/dataset.hpp"
#include "server/router.hpp"

namespace bando::server {

// A table of every collection with its title, feature count and extent.
Response collections_html(const RequestContext& context, const std::vector<data::DatasetInfo>& datasets);

// One collection: metadata, spatial and temporal extent, properties and links.
Response collection_html(const RequestContext& context, const data::DatasetInfo& dataset);

}  // namespace bando::server

#pragma once
// HTML pages of /collections/{id}/items and /collections/{id}/items/{featureId}.

#include <cstdint>

#include "data/dataset.hpp"
#include "data/store.hpp"
#include "server/app.hpp"
#include "server/handlers/items_request.hpp"
#include "server/router.hpp"

namespace bando::server {

// A table of the features that `request` selects, one column per property,
// with previous and next page links that keep the other parameters.
Response items_html(const AppContext& app, const RequestContext& context, const data::DatasetInfo& dataset,
                    const ItemsRequest& request, std::int64_t matched);

// One feature: its geometry type and a table of its properties.
Response item_html(const RequestContext& context, const data::DatasetInfo& dataset,
                   const data::FeatureRecord& record);

}  // namespace bando::server

#pragma once
// The OGC API landing page at GET /, as JSON or HTML.

#include "server/app.hpp"
#include "server/handlers/negotiation.hpp"

namespace bando::server {

// The landing page document in `format`, linking the API definition,
// conformance, collections, tiling schemes, the catalog and the map viewer.
Response get_landing(const AppContext& app, const RequestContext& context, Format format);

}  // namespace bando::server

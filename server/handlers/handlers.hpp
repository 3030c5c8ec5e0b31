#pragma once
// Route registration for each group of endpoints.

#include "server/app.hpp"
#include "server/router.hpp"

namespace bando::server {

void add_collection_routes(Router& router, const AppContext& app);
void add_item_routes(Router& router, const AppContext& app);
void add_tile_routes(Router& router, const AppContext& app);
void add_postcode_routes(Router& router, const AppContext& app);
void add_static_routes(Router& router, const AppContext& app);
void add_conformance_routes(Router& router);

}  // namespace bando::server

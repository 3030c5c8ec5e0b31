#pragma once
// Route registration for each group of endpoints.

#include <string>
#include <vector>

#include "server/app.hpp"
#include "server/router.hpp"
#include "tiles/archive/tile_archive.hpp"
#include "tiles/tile_service.hpp"

namespace bando::server {

void add_collection_routes(Router& router, const AppContext& app);
void add_item_routes(Router& router, const AppContext& app);
void add_queryables_routes(Router& router, const AppContext& app);
void add_tile_routes(Router& router, const AppContext& app);
void add_postcode_routes(Router& router, const AppContext& app);
void add_place_routes(Router& router, const AppContext& app);
void add_admin_unit_routes(Router& router, const AppContext& app);
void add_address_code_routes(Router& router, const AppContext& app);
void add_static_routes(Router& router, const AppContext& app);
void add_conformance_routes(Router& router);
// Registers GET /api, the OpenAPI 3.0 document of every route the router has.
void add_openapi_routes(Router& router);
// Registers /archives/{name}/{z}/{x}/{y}.mvt and /archives/{name}.json when
// set_served_archives gave a set; does nothing otherwise.
void add_archive_routes(Router& router, const AppContext& app);
// Sets the archives that the next add_archive_routes call serves. `archives`
// must outlive the router. Call it before build_router; not thread-safe.
void set_served_archives(const tiles::archive::ArchiveSet* archives);
// Opens each "NAME=PATH" archive and logs it. NAME follows the collection id
// rules. Throws bando::Error: invalid_argument for a malformed or repeated
// NAME, unavailable for a file that is not a readable MBTiles or PMTiles.
tiles::archive::ArchiveSet open_served_archives(const std::vector<std::string>& specs);
void add_dataset_routes(Router& router, const AppContext& app);
void add_dataset_write_routes(Router& router, const AppContext& app);
// GET /datasets/{id}.gpkg and .geojson, registered by add_dataset_routes before /datasets/{id}.
void add_dataset_download_routes(Router& router, const AppContext& app);
void add_dcat_routes(Router& router, const AppContext& app);
void add_ckan_routes(Router& router, const AppContext& app);

// GET /datasets/{id}.jsonld, registered by add_dataset_routes before /datasets/{id}.
Response get_dataset_dcat(const AppContext& app, RequestContext& context);
// Sets the cache and size budget options of the TileService that the next
// add_tile_routes call creates. Call it before build_router; not thread-safe.
void set_tile_service_options(const tiles::TileServiceOptions& options);

}  // namespace bando::server

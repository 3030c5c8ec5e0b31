#include "server/app.hpp"

#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

Response health(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("status");
  writer.String("ok");
  writer.Key("datasets");
  writer.Uint64(app.store.list_datasets().size());
  writer.Key("adminUnits");
  writer.Uint64(app.gazetteer.unit_count());
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

Router build_router(const AppContext& app) {
  Router router;
  router.add(http::verb::get, "/health", [&app](RequestContext& context) { return health(app, context); });
  add_static_routes(router, app);
  add_conformance_routes(router);
  add_openapi_routes(router);
  add_collection_routes(router, app);
  add_item_routes(router, app);
  add_queryables_routes(router, app);
  add_tile_routes(router, app);
  add_postcode_routes(router, app);
  add_place_routes(router, app);
  add_admin_unit_routes(router, app);
  add_address_code_routes(router, app);
  add_archive_routes(router, app);
  add_dataset_routes(router, app);
  add_dcat_routes(router, app);
  add_ckan_routes(router, app);
  return router;
}

}  // namespace bando::server

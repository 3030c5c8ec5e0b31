#pragma once
// What /tiles and the OGC API – Tiles endpoints share: tileset resolution and the tile response.

#include <memory>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "geo/tile_math.hpp"
#include "server/app.hpp"
#include "server/router.hpp"
#include "tiles/tile_service.hpp"

namespace bando::server {

// Returns the tile as an HTTP response: 200 with the MVT bytes (gzip-encoded
// when Accept-Encoding allows gzip), 204 for an empty tile, or 304 when
// If-None-Match carries the current strong ETag. `label` names the tileset in
// the log line written when the size budget drops features. Thread-safe.
Response tile_response(tiles::TileService& service, const std::vector<data::DatasetInfo>& datasets,
                       const geo::TileId& tile, const std::string& label, const RequestContext& context);

// Registers /tileMatrixSets and the /collections/{id}/tiles endpoints, which
// serve their tiles from `service`.
void add_ogc_tile_routes(Router& router, const AppContext& app, std::shared_ptr<tiles::TileService> service);

}  // namespace bando::server

// GET /collections/{id}/items and /collections/{id}/items/{featureId} as GeoJSON.

#include <algorithm>
#include <chrono>
#include <memory>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/conditional.hpp"
#include "server/content_coding.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/items_html.hpp"
#include "server/handlers/items_request.hpp"
#include "server/handlers/items_stream.hpp"
#include "server/handlers/negotiation.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

constexpr const char* kGeoJson = "application/geo+json";

std::string page_url(const std::string& collection_url, const ItemsRequest& request, std::int64_t offset,
                     bool pin_version) {
  std::string url = fmt::format("{}/items?limit={}&offset={}", collection_url, request.query.limit, offset);
  if (pin_version) url += fmt::format("&{}={}", kVersionParam, request.query.version);
  for (const auto& [key, value] : request.link_params) {
    url += fmt::format("&{}={}", percent_encode(key), percent_encode(value));
  }
  return url;
}

void write_page_links(JsonWriter& writer, const std::string& collection_url, const ItemsRequest& request,
                      std::int64_t returned, std::int64_t matched, const std::string& html_url,
                      Language language) {
  const std::int64_t offset = request.query.offset;
  writer.Key("links");
  writer.StartArray();
  write_link(writer, page_url(collection_url, request, offset, false), "self", kGeoJson);
  write_link(writer, html_url, "alternate", "text/html", link_title(LinkTitle::this_page_as_html, language));
  write_link(writer, collection_url, "collection", "application/json");
  if (offset + returned < matched) {
    write_link(writer, page_url(collection_url, request, offset + returned, true), "next", kGeoJson,
               link_title(LinkTitle::next_page, language));
  }
  if (offset > 0) {
    const std::int64_t previous = std::max<std::int64_t>(0, offset - request.query.limit);
    write_link(writer, page_url(collection_url, request, previous, true), "prev", kGeoJson,
               link_title(LinkTitle::previous_page, language));
  }
  writer.EndArray();
}

// The catalog count is exact for the current version when nothing narrows the
// query, so only a bbox or filter costs a COUNT over the table.
std::int64_t count_matched(const AppContext& app, const data::DatasetInfo& dataset, const ItemsRequest& request) {
  if (!request.narrowed && request.query.version == dataset.version) return dataset.feature_count;
  return app.store.count_features(dataset.metadata.id, request.query);
}

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

Reply get_items(const AppContext& app, RequestContext& context) {
  const std::string& id = context.param("id");
  const data::DatasetInfo dataset = require_dataset(app.store, id);
  // Count and page read the same version, so a publish in between cannot mix them.
  const ItemsRequest request = parse_items_request(context.target.query, dataset, app.items_max_limit);
  const Format format = negotiate_format(context, kGeoJson);
  // HTML pages depend on the language too, so they carry no ETag.
  if (format == Format::html) {
    return {items_html(app, context, dataset, request, count_matched(app, dataset, request)), nullptr};
  }
  const bool gzip = accepts_gzip(context.request[http::field::accept_encoding]);
  const std::string etag = items_etag(context, id, request.query.version, gzip);
  if (request_matches_etag(context.request, etag)) {
    return {not_modified_response(etag), nullptr};
  }
  const std::int64_t matched = count_matched(app, dataset, request);

  // The cursor is opened here, so a bad filter or sort key still gets a problem response.
  auto cursor = app.store.open_features(id, request.query);
  const std::string collection_url = context.base_url + "/collections/" + id;
  auto write_tail = [request, matched, collection_url, html_url = alternate_url(context, Format::html),
                     language = context.language](
                        JsonWriter& writer, std::int64_t returned) {
    writer.Key("numberMatched");
    writer.Int64(matched);
    writer.Key("numberReturned");
    writer.Int64(returned);
    writer.Key("timeStamp");
    writer.String(utc_now());
    write_page_links(writer, collection_url, request, returned, matched, html_url, language);
  };
  Response head{http::status::ok, 11};
  head.set(http::field::content_type, kGeoJson);
  head.set("Content-Crs", "<" + request.output.crs.uri + ">");
  head.set(http::field::etag, etag);
  mark_negotiated(head);
  return reply_with_stream(std::move(head), std::make_unique<FeatureCollectionStream>(
                                                std::move(cursor), request.output, std::move(write_tail)));
}

Response get_item(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f", "crs", "lang"});
  const Format format = negotiate_format(context, kGeoJson);
  FeatureOutput output;
  output.crs = parse_crs_param(context.target.query, "crs");
  const std::string& id = context.param("id");
  const std::string& feature_text = context.param("featureId");
  const data::DatasetInfo dataset = require_dataset(app.store, id);
  const bool gzip = accepts_gzip(context.request[http::field::accept_encoding]);
  const std::string etag = items_etag(context, id, dataset.version, gzip);
  // HTML pages depend on the language too, so only JSON is revalidated.
  if (format != Format::html && request_matches_etag(context.request, etag)) {
    return not_modified_response(etag);
  }
  std::int64_t feature_id = 0;
  try {
    feature_id = parse_integer("featureId", feature_text, 1, std::numeric_limits<std::int64_t>::max());
  } catch (const Error&) {
    // Ids are positive integers, so any other text names no feature.
    feature_id = 0;
  }
  const std::string collection_url = context.base_url + "/collections/" + id;
  const auto write_links = [&](JsonWriter& links) {
    links.Key("links");
    links.StartArray();
    write_link(links, fmt::format("{}/items/{}", collection_url, feature_id), "self", kGeoJson);
    write_link(links, alternate_url(context, Format::html), "alternate", "text/html",
               link_title(LinkTitle::this_feature_as_html, context.language));
    write_link(links, collection_url, "collection", "application/json");
    links.EndArray();
  };
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  std::optional<Response> html;
  const bool found = feature_id > 0 && app.store.visit_feature(id, feature_id, [&](const data::FeatureRecord& record) {
    if (format == Format::html) {
      html = item_html(context, dataset, record);
    } else {
      write_feature_in_crs(writer, record, output, write_links);
    }
  });
  if (!found) {
    throw Error(ErrorKind::not_found,
                {fmt::format("collection '{}' has no feature '{}'", id, feature_text),
                 fmt::format("bộ dữ liệu '{}' không có đối tượng '{}'", id, feature_text)});
  }
  if (html) return std::move(*html);
  Response response = json_response(buffer, kGeoJson);
  response.set("Content-Crs", "<" + output.crs.uri + ">");
  response.set(http::field::etag, etag);
  mark_negotiated(response);
  return response;
}

}  // namespace

void add_item_routes(Router& router, const AppContext& app) {
  router.add_streaming(http::verb::get, "/collections/{id}/items",
                       [&app](RequestContext& context) { return get_items(app, context); });
  router.add(http::verb::get, "/collections/{id}/items/{featureId}",
             [&app](RequestContext& context) { return get_item(app, context); });
}

}  // namespace bando::server

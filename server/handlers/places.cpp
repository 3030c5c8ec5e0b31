// GET /places?q=&limit=&level=&date=: place-name search and autocomplete over current and former units.

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/date_param.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/unit_json.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::size_t kMaxQueryBytes = 200;
constexpr std::int64_t kDefaultLimit = 10;
constexpr std::int64_t kMaxLimit = 100;

std::string require_query_text(const QueryParams& params) {
  const auto text = params.get("q");
  if (!text || text->empty()) {
    throw Error(ErrorKind::invalid_argument,
                {"missing query parameter 'q'; use /places?q=ha%20noi",
                 "thiếu tham số truy vấn 'q'; dùng /places?q=ha%20noi"});
  }
  if (text->size() > kMaxQueryBytes) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("q is {} bytes long; the maximum is {}", text->size(), kMaxQueryBytes),
                 fmt::format("q dài {} byte; tối đa {}", text->size(), kMaxQueryBytes)});
  }
  return std::string(*text);
}

int parse_level(std::string_view value) {
  if (value == "province") return data::kProvinceLevel;
  if (value == "district") return data::kDistrictLevel;
  if (value == "commune") return data::kCommuneLevel;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("level must be province, district or commune, got '{}'", value),
               fmt::format("level phải là province, district hoặc commune, nhận được '{}'", value)});
}

const char* match_name(data::MatchKind kind) {
  switch (kind) {
    case data::MatchKind::exact_with_diacritics:
      return "exact_with_diacritics";
    case data::MatchKind::exact:
      return "exact";
    case data::MatchKind::prefix:
      return "prefix";
    case data::MatchKind::word_prefix:
      return "word_prefix";
  }
  return "word_prefix";
}

Response search_places(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"q", "limit", "level", "date"});

  data::PlaceQuery query;
  query.text = require_query_text(params);
  if (const auto limit = params.get("limit")) {
    query.limit = static_cast<std::size_t>(parse_integer("limit", *limit, 1, kMaxLimit));
  } else {
    query.limit = static_cast<std::size_t>(kDefaultLimit);
  }
  if (const auto level = params.get("level")) query.level = parse_level(*level);
  if (const auto date = params.get("date")) query.date = parse_date("date", *date);

  const std::vector<data::PlaceMatch> matches = app.gazetteer.search_places(query);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("query");
  write_string(writer, query.text);
  writer.Key("places");
  writer.StartArray();
  for (const data::PlaceMatch& match : matches) {
    writer.StartObject();
    writer.Key("match");
    writer.String(match_name(match.kind));
    writer.Key("unit");
    write_unit_with_links(writer, app.gazetteer, *match.unit);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_place_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/places", [&app](RequestContext& context) { return search_places(app, context); });
}

}  // namespace bando::server

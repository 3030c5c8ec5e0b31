// GET /postcodes/{code} (forward lookup) and GET /postcodes?lon=&lat= (reverse geocoding).

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

// A postcode is five ASCII digits and is compared as a string: "01000" keeps its zero.
void validate_postcode(const std::string& code) {
  bool digits = code.size() == 5;
  for (char c : code) digits = digits && c >= '0' && c <= '9';
  if (digits) return;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("postcode must be 5 digits, got '{}'", code),
               fmt::format("mã bưu chính phải gồm 5 chữ số, nhận được '{}'", code)});
}

void write_unit(JsonWriter& writer, const data::AdminUnit& unit) {
  writer.StartObject();
  writer.Key("code");
  write_string(writer, unit.code);
  writer.Key("name");
  write_string(writer, unit.name);
  writer.Key("fullName");
  write_string(writer, unit.full_name);
  writer.Key("type");
  write_string(writer, unit.type);
  writer.Key("level");
  writer.String(unit.level == 1 ? "province" : "commune");

  writer.Key("province");
  writer.StartObject();
  writer.Key("code");
  write_string(writer, unit.province_code);
  writer.Key("name");
  write_string(writer, unit.province_name);
  writer.EndObject();
  writer.Key("postcodes");
  writer.StartArray();
  for (const auto& postcode : unit.postcodes) write_string(writer, postcode);
  writer.EndArray();

  writer.Key("centroid");
  if (unit.centroid) {
    writer.StartObject();
    writer.Key("lon");
    writer.Double(unit.centroid->x);
    writer.Key("lat");
    writer.Double(unit.centroid->y);
    writer.EndObject();
  } else {
    writer.Null();
  }

  writer.Key("validFrom");
  write_string(writer, unit.valid_from);
  writer.Key("validTo");
  if (unit.valid_to.empty()) {
    writer.Null();
  } else {
    write_string(writer, unit.valid_to);
  }
  writer.EndObject();
}

Response lookup_postcode(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& code = context.param("code");
  validate_postcode(code);
  const auto units = app.gazetteer.find_by_postcode(code);
  if (units.empty()) {
    throw Error(ErrorKind::not_found, {fmt::format("no administrative unit has postcode '{}'", code),
                                       fmt::format("không có đơn vị hành chính nào có mã bưu chính '{}'", code)});
  }
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("postcode");
  write_string(writer, code);
  writer.Key("units");
  writer.StartArray();
  for (const data::AdminUnit* unit : units) write_unit(writer, *unit);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

double require_coordinate(const QueryParams& params, const char* name, double limit) {
  auto text = params.get(name);
  if (!text) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("missing query parameter '{}'; use /postcodes?lon=105.85&lat=21.03", name),
                 fmt::format("thiếu tham số truy vấn '{}'; dùng /postcodes?lon=105.85&lat=21.03", name)});
  }
  const double value = parse_number(name, *text);
  if (value < -limit || value > limit) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("{} must be between -{} and {}, got '{}'", name, limit, limit, *text),
                 fmt::format("{} phải nằm trong khoảng -{} đến {}, nhận được '{}'", name, limit, limit, *text)});
  }
  return value;
}

Response reverse_geocode(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"lon", "lat"});
  const double lon = require_coordinate(params, "lon", 180);
  const double lat = require_coordinate(params, "lat", 90);
  const auto match = app.gazetteer.reverse(lon, lat);

  if (match.province == nullptr) {
    throw Error(ErrorKind::not_found,
                {fmt::format("no administrative unit of Viet Nam contains lon {} lat {}", lon, lat),
                 fmt::format("không có đơn vị hành chính nào của Việt Nam chứa điểm kinh độ {} vĩ độ {}", lon, lat)});
  }

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("location");
  writer.StartObject();
  writer.Key("lon");
  writer.Double(lon);
  writer.Key("lat");
  writer.Double(lat);
  writer.EndObject();
  writer.Key("postcode");
  if (match.commune != nullptr && !match.commune->postcodes.empty()) {
    write_string(writer, match.commune->postcodes.front());
  } else {
    writer.Null();
  }
  writer.Key("commune");
  if (match.commune != nullptr) {
    write_unit(writer, *match.commune);
  } else {
    writer.Null();
  }
  writer.Key("province");
  write_unit(writer, *match.province);
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_postcode_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/postcodes/{code}",
             [&app](RequestContext& context) { return lookup_postcode(app, context); });
  router.add(http::verb::get, "/postcodes",
             [&app](RequestContext& context) { return reverse_geocode(app, context); });
}

}  // namespace bando::server

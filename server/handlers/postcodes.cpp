// The postcode endpoints: forward lookup, validation, neighbours, bulk lookup and reverse geocoding.

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/document.h>

#include "geo/error.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/unit_json.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::size_t kMaxCloseMatches = 5;
constexpr std::size_t kMaxBulkInputs = 100;
constexpr std::int64_t kDefaultNeighbours = 10;
constexpr std::int64_t kMaxNeighbours = 50;
constexpr std::size_t kMaxCodeLength = 32;

bool all_digits(std::string_view code) {
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Classification of a postcode-shaped string.
enum class CodeStatus { in_use, former_2018, legacy_6_digit, unassigned, malformed };

const char* status_name(CodeStatus status) {
  switch (status) {
    case CodeStatus::in_use:
      return "in_use";
    case CodeStatus::former_2018:
      return "former_2018";
    case CodeStatus::legacy_6_digit:
      return "legacy_6_digit";
    case CodeStatus::unassigned:
      return "unassigned";
    case CodeStatus::malformed:
      return "malformed";
  }
  return "malformed";
}

CodeStatus classify(const data::Gazetteer& gazetteer, std::string_view code) {
  if (code.size() == 6 && all_digits(code)) return CodeStatus::legacy_6_digit;
  if (code.size() != 5 || !all_digits(code)) return CodeStatus::malformed;
  if (!gazetteer.find_by_postcode(code).empty()) return CodeStatus::in_use;
  if (!gazetteer.find_former_by_postcode(code).empty()) return CodeStatus::former_2018;
  return CodeStatus::unassigned;
}

[[noreturn]] void throw_malformed(const data::Gazetteer& gazetteer, std::string_view code) {
  // Spreadsheets drop the leading zero of codes such as 05506.
  const std::string padded = "0" + std::string(code);
  if (code.size() == 4 && all_digits(code) && !gazetteer.find_by_postcode(padded).empty()) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("postcode must be 5 digits, got '{}'; did you mean '{}'? A spreadsheet may have dropped "
                             "its leading zero",
                             code, padded),
                 fmt::format("mã bưu chính phải gồm 5 chữ số, nhận được '{}'; có phải là '{}'? Bảng tính có thể đã "
                             "bỏ số 0 ở đầu",
                             code, padded)});
  }
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("postcode must be 5 digits, got '{}'", code),
               fmt::format("mã bưu chính phải gồm 5 chữ số, nhận được '{}'", code)});
}

// A 6-digit code is rejected as input (400), with the reason, rather than reported as not found.
[[noreturn]] void throw_legacy(std::string_view code) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("'{}' is a 6-digit postcode, the form used before 2018; bando has no table of those "
                           "codes, so look up the 5-digit postcode of the address instead",
                           code),
               fmt::format("'{}' là mã bưu chính 6 chữ số dùng trước năm 2018; bando không có bảng các mã này, "
                           "hãy tra mã 5 chữ số của địa chỉ",
                           code)});
}

[[noreturn]] void throw_unassigned(const data::Gazetteer& gazetteer, std::string_view code) {
  const auto close = gazetteer.close_postcodes(code, kMaxCloseMatches);
  const std::string suggestions = close.empty() ? std::string() : fmt::format("{}", fmt::join(close, ", "));
  throw Error(ErrorKind::not_found,
              {close.empty() ? fmt::format("no administrative unit has postcode '{}'", code)
                             : fmt::format("no administrative unit has postcode '{}'; close postcodes in use: {}",
                                           code, suggestions),
               close.empty() ? fmt::format("không có đơn vị hành chính nào có mã bưu chính '{}'", code)
                             : fmt::format("không có đơn vị hành chính nào có mã bưu chính '{}'; các mã gần "
                                           "giống đang dùng: {}",
                                           code, suggestions)});
}

// Writes {"postcode", "units", "formerUnits"} for a code that is in use or was in the 2018 list.
void write_postcode_result(JsonWriter& writer, const data::Gazetteer& gazetteer, std::string_view code) {
  writer.StartObject();
  writer.Key("postcode");
  write_string(writer, code);
  writer.Key("units");
  writer.StartArray();
  for (const data::AdminUnit* unit : gazetteer.find_by_postcode(code)) write_unit(writer, *unit);
  writer.EndArray();
  writer.Key("formerUnits");
  writer.StartArray();
  for (const data::AdminUnit* unit : gazetteer.find_former_by_postcode(code)) {
    write_unit_with_links(writer, gazetteer, *unit);
  }
  writer.EndArray();
  writer.EndObject();
}

// Throws the problem that GET /postcodes/{code} returns for a code with no unit.
void require_known_postcode(const data::Gazetteer& gazetteer, std::string_view code) {
  switch (classify(gazetteer, code)) {
    case CodeStatus::in_use:
    case CodeStatus::former_2018:
      return;
    case CodeStatus::legacy_6_digit:
      throw_legacy(code);
    case CodeStatus::unassigned:
      throw_unassigned(gazetteer, code);
    case CodeStatus::malformed:
      throw_malformed(gazetteer, code);
  }
}

Response lookup_postcode(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& code = context.param("code");
  require_known_postcode(app.gazetteer, code);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_postcode_result(writer, app.gazetteer, code);
  return json_response(buffer);
}

Response validate_postcode(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& code = context.param("code");
  if (code.size() > kMaxCodeLength) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("postcode '{}...' is {} characters long; the maximum is {}", code.substr(0, 16),
                             code.size(), kMaxCodeLength),
                 fmt::format("mã bưu chính '{}...' dài {} ký tự; tối đa {}", code.substr(0, 16), code.size(),
                             kMaxCodeLength)});
  }
  const CodeStatus status = classify(app.gazetteer, code);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("postcode");
  write_string(writer, code);
  writer.Key("valid");
  writer.Bool(status == CodeStatus::in_use);
  writer.Key("status");
  writer.String(status_name(status));
  writer.EndObject();
  return json_response(buffer);
}

// A 2018 code belongs to former communes, which have no neighbours of their
// own: the detail names the current postcodes to ask for instead.
[[noreturn]] void throw_former_has_no_neighbours(const data::Gazetteer& gazetteer, const std::string& code) {
  std::set<std::string> current;
  for (const data::AdminUnit* former : gazetteer.find_former_by_postcode(code)) {
    for (const data::Gazetteer::Link& link : gazetteer.successors(*former)) {
      if (!link.unit->postcodes.empty()) current.insert(link.unit->postcodes.front());
    }
  }
  const std::string list = fmt::format("{}", fmt::join(current, ", "));
  throw Error(ErrorKind::not_found,
              {fmt::format("'{}' is a 2018 postcode of a former commune, which has no neighbours; ask for the "
                           "current postcode instead: {}",
                           code, list),
               fmt::format("'{}' là mã bưu chính 2018 của một xã cũ, không có đơn vị lân cận; hãy dùng mã bưu chính "
                           "hiện hành: {}",
                           code, list)});
}

Response nearest_units(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"limit"});
  const std::string& code = context.param("code");
  const auto limit_text = params.get("limit");
  const auto limit = static_cast<std::size_t>(
      limit_text ? parse_integer("limit", *limit_text, 1, kMaxNeighbours) : kDefaultNeighbours);
  require_known_postcode(app.gazetteer, code);

  const auto units = app.gazetteer.find_by_postcode(code);
  if (units.empty()) throw_former_has_no_neighbours(app.gazetteer, code);
  const auto origin = std::find_if(units.begin(), units.end(), [](const data::AdminUnit* unit) { return unit->centroid.has_value(); });
  if (origin == units.end()) {
    throw Error(ErrorKind::not_found,
                {fmt::format("bando does not know where the commune of postcode '{}' lies, so its neighbours are "
                             "unknown; it knows the communes of Hà Nội and Hồ Chí Minh City and the special zones "
                             "that whole districts became",
                             code),
                 fmt::format("bando không biết vị trí của xã/phường mang mã bưu chính '{}', nên không xác định được "
                             "đơn vị lân cận; bando biết các xã, phường của Hà Nội, Thành phố Hồ Chí Minh và các "
                             "đặc khu hình thành từ nguyên một huyện",
                             code)});
  }

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("postcode");
  write_string(writer, code);
  writer.Key("unit");
  write_unit(writer, **origin);
  writer.Key("nearest");
  writer.StartArray();
  for (const data::Gazetteer::Neighbour& neighbour : app.gazetteer.nearest_communes(**origin, limit)) {
    writer.StartObject();
    writer.Key("distanceMetres");
    writer.Double(std::round(neighbour.distance_metres));
    writer.Key("adjacent");
    writer.Bool(neighbour.adjacent);
    writer.Key("unit");
    write_unit(writer, *neighbour.unit);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

void check_coordinate(const char* name, double value, std::string_view text, double limit) {
  if (value >= -limit && value <= limit) return;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("{} must be between -{} and {}, got '{}'", name, limit, limit, text),
               fmt::format("{} phải nằm trong khoảng -{} đến {}, nhận được '{}'", name, limit, limit, text)});
}

void check_coordinates(double lon, double lat) {
  check_coordinate("lon", lon, fmt::format("{}", lon), 180);
  check_coordinate("lat", lat, fmt::format("{}", lat), 90);
}

double require_coordinate(const QueryParams& params, const char* name, double limit) {
  auto text = params.get(name);
  if (!text) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("missing query parameter '{}'; use /postcodes?lon=105.85&lat=21.03", name),
                 fmt::format("thiếu tham số truy vấn '{}'; dùng /postcodes?lon=105.85&lat=21.03", name)});
  }
  const double value = parse_number(name, *text);
  check_coordinate(name, value, *text, limit);
  return value;
}

[[noreturn]] void throw_outside(double lon, double lat) {
  throw Error(ErrorKind::not_found,
              {fmt::format("no administrative unit of Viet Nam contains lon {} lat {} or lies within {} m of it", lon,
                           lat, data::Gazetteer::kSeaRadiusMetres),
               fmt::format("không có đơn vị hành chính nào của Việt Nam chứa điểm kinh độ {} vĩ độ {} hoặc cách "
                           "điểm đó dưới {} m",
                           lon, lat, data::Gazetteer::kSeaRadiusMetres)});
}

void write_reverse_result(JsonWriter& writer, const data::Gazetteer& gazetteer, double lon, double lat,
                          const data::Gazetteer::ReverseMatch& match) {
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
  writer.Key("distanceMetres");
  writer.Double(std::round(match.distance_metres));
  writer.Key("commune");
  if (match.commune != nullptr) {
    write_unit(writer, *match.commune);
  } else {
    writer.Null();
  }
  writer.Key("province");
  write_unit(writer, *match.province);
  writer.Key("formerDistrict");
  if (match.former_district != nullptr) {
    write_unit_with_links(writer, gazetteer, *match.former_district);
  } else {
    writer.Null();
  }
  writer.EndObject();
}

Response reverse_geocode(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"lon", "lat"});
  const double lon = require_coordinate(params, "lon", 180);
  const double lat = require_coordinate(params, "lat", 90);
  const auto match = app.gazetteer.reverse(lon, lat);
  if (match.province == nullptr) throw_outside(lon, lat);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_reverse_result(writer, app.gazetteer, lon, lat, match);
  return json_response(buffer);
}

// Writes one bulk result: {"query", "result"} or {"query", "result": null, "error": {"status", "detail"}}.
template <typename Query, typename Lookup>
void write_bulk_item(JsonWriter& writer, Language language, Query write_query, Lookup write_result) {
  writer.StartObject();
  writer.Key("query");
  write_query();
  try {
    // The result is written into its own buffer first, so a failure leaves no partial object.
    JsonBuffer result;
    JsonWriter result_writer(result);
    write_result(result_writer);
    writer.Key("result");
    writer.RawValue(result.GetString(), result.GetSize(), rapidjson::kObjectType);
  } catch (const Error& error) {
    writer.Key("result");
    writer.Null();
    writer.Key("error");
    writer.StartObject();
    writer.Key("status");
    writer.Int(error.kind() == ErrorKind::not_found ? 404 : 400);
    writer.Key("detail");
    const LocalizedText& detail = error.detail();
    write_string(writer, language == Language::en || detail.vi.empty() ? detail.en : detail.vi);
    writer.EndObject();
  }
  writer.EndObject();
}

// The JSON text of `value`, for an error detail that quotes the input.
std::string json_text(const rapidjson::Value& value) {
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

[[noreturn]] void throw_bad_body(std::string_view reason_en, std::string_view reason_vi) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("invalid request body: {}; send {{\"postcodes\": [\"11024\", ...]}} or "
                           "{{\"geolocations\": [{{\"lon\": 105.85, \"lat\": 21.03}}, ...]}} with at most {} entries",
                           reason_en, kMaxBulkInputs),
               fmt::format("nội dung yêu cầu không hợp lệ: {}; gửi {{\"postcodes\": [\"11024\", ...]}} hoặc "
                           "{{\"geolocations\": [{{\"lon\": 105.85, \"lat\": 21.03}}, ...]}} với tối đa {} phần tử",
                           reason_vi, kMaxBulkInputs)});
}

const rapidjson::Value& bulk_inputs(const rapidjson::Document& body, const char* key) {
  const rapidjson::Value& inputs = body[key];
  if (!inputs.IsArray()) throw_bad_body(fmt::format("'{}' is not an array", key), fmt::format("'{}' không phải mảng", key));
  if (inputs.Size() == 0 || inputs.Size() > kMaxBulkInputs) {
    throw_bad_body(fmt::format("'{}' has {} entries", key, inputs.Size()),
                   fmt::format("'{}' có {} phần tử", key, inputs.Size()));
  }
  return inputs;
}

Response bulk_lookup(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  rapidjson::Document body;
  body.Parse(context.request.body().data(), context.request.body().size());
  if (body.HasParseError() || !body.IsObject()) throw_bad_body("the body is not a JSON object", "nội dung không phải đối tượng JSON");
  const bool by_code = body.HasMember("postcodes");
  const bool by_point = body.HasMember("geolocations");
  if (by_code == by_point) {
    throw_bad_body("it needs exactly one of 'postcodes' and 'geolocations'",
                   "cần đúng một trong hai khóa 'postcodes' và 'geolocations'");
  }

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("results");
  writer.StartArray();
  if (by_code) {
    for (const rapidjson::Value& input : bulk_inputs(body, "postcodes").GetArray()) {
      const std::string code = input.IsString() ? std::string(input.GetString(), input.GetStringLength()) : "";
      write_bulk_item(
          writer, context.language, 
          [&] { input.Accept(writer); },
          [&](JsonWriter& result) {
            if (!input.IsString()) {
              const std::string input_text = json_text(input);
              throw Error(ErrorKind::invalid_argument,
                          {fmt::format("postcode must be a JSON string of 5 digits, such as \"05506\", got {}",
                                       input_text),
                           fmt::format("mã bưu chính phải là chuỗi JSON gồm 5 chữ số, ví dụ \"05506\", nhận được {}",
                                       input_text)});
            }
            require_known_postcode(app.gazetteer, code);
            write_postcode_result(result, app.gazetteer, code);
          });
    }
  } else {
    for (const rapidjson::Value& input : bulk_inputs(body, "geolocations").GetArray()) {
      const bool shaped = input.IsObject() && input.HasMember("lon") && input.HasMember("lat") &&
                          input["lon"].IsNumber() && input["lat"].IsNumber();
      const double lon = shaped ? input["lon"].GetDouble() : 0;
      const double lat = shaped ? input["lat"].GetDouble() : 0;
      write_bulk_item(
          writer, context.language,
          [&] { input.Accept(writer); },
          [&](JsonWriter& result) {
            if (!shaped) {
              const std::string input_text = json_text(input);
              throw Error(ErrorKind::invalid_argument,
                          {fmt::format("geolocation must be an object with numbers 'lon' and 'lat', got {}",
                                       input_text),
                           fmt::format("vị trí phải là đối tượng có hai số 'lon' và 'lat', nhận được {}", input_text)});
            }
            check_coordinates(lon, lat);
            const auto match = app.gazetteer.reverse(lon, lat);
            if (match.province == nullptr) throw_outside(lon, lat);
            write_reverse_result(result, app.gazetteer, lon, lat, match);
          });
    }
  }
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_postcode_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/postcodes/{code}",
             [&app](RequestContext& context) { return lookup_postcode(app, context); });
  router.add(http::verb::get, "/postcodes/{code}/validate",
             [&app](RequestContext& context) { return validate_postcode(app, context); });
  router.add(http::verb::get, "/postcodes/{code}/nearest",
             [&app](RequestContext& context) { return nearest_units(app, context); });
  router.add(http::verb::get, "/postcodes",
             [&app](RequestContext& context) { return reverse_geocode(app, context); });
  router.add(http::verb::post, "/postcodes", [&app](RequestContext& context) { return bulk_lookup(app, context); });
}

}  // namespace bando::server

// GET /address-codes/encode?lon=&lat= and GET /address-codes/{code}: bando's interpretation of Vpostcode.
//
// VNPost's Vpostcode (2020) is a 12-character address code: the 5-digit
// postcode followed by a 7-character location code on a grid of about 3 m.
// VNPost has not published how the location code is built. bando reads it as
// an Open Location Code with one grid digit (11 digits, a cell of 1/40000° by
// 1/32000°). Its first 4 digits are removed, and recovered against a
// reference point of the postcode's commune. "11120" with "QPG4+4P7" is
// written "11120QPG44P7". The reference point is the commune's representative
// point, so address codes exist only for communes with a representative
// point: those of Hà Nội and Hồ Chí Minh City, whose boundaries are bundled,
// and the communes that whole former districts became, such as the island
// special zones. A decoded code must name a point inside its commune.

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "data/gazetteer/open_location_code.hpp"
#include "geo/error.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/unit_json.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::size_t kAddressCodeLength = 12;
constexpr std::size_t kPostcodeLength = 5;
constexpr std::size_t kRemovedDigits = 4;

double require_number(const QueryParams& params, const char* name, double limit) {
  const auto text = params.get(name);
  if (!text) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("missing query parameter '{}'; use /address-codes/encode?lon=105.85&lat=21.03", name),
                 fmt::format("thiếu tham số truy vấn '{}'; dùng /address-codes/encode?lon=105.85&lat=21.03", name)});
  }
  const double value = parse_number(name, *text);
  if (value < -limit || value > limit) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("{} must be between -{} and {}, got '{}'", name, limit, limit, *text),
                 fmt::format("{} phải nằm trong khoảng -{} đến {}, nhận được '{}'", name, limit, limit, *text)});
  }
  return value;
}

void write_cell(JsonWriter& writer, const data::olc::CodeArea& area) {
  writer.Key("cell");
  writer.StartObject();
  writer.Key("south");
  writer.Double(area.south);
  writer.Key("west");
  writer.Double(area.west);
  writer.Key("north");
  writer.Double(area.north);
  writer.Key("east");
  writer.Double(area.east);
  writer.EndObject();
  writer.Key("center");
  writer.StartObject();
  writer.Key("lon");
  writer.Double(area.center_lon());
  writer.Key("lat");
  writer.Double(area.center_lat());
  writer.EndObject();
}

Response write_address(const std::string& address_code, const std::string& plus_code, const data::AdminUnit& commune) {
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("addressCode");
  write_string(writer, address_code);
  writer.Key("postcode");
  write_string(writer, address_code.substr(0, kPostcodeLength));
  writer.Key("plusCode");
  write_string(writer, plus_code);
  write_cell(writer, data::olc::decode(plus_code));
  writer.Key("commune");
  write_unit(writer, commune);
  writer.EndObject();
  return json_response(buffer);
}

Response encode_address(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"lon", "lat"});
  const double lon = require_number(params, "lon", 180);
  const double lat = require_number(params, "lat", 90);

  const auto match = app.gazetteer.reverse(lon, lat);
  const data::AdminUnit* commune = match.commune;
  if (commune == nullptr || match.distance_metres > 0 || commune->postcodes.empty() || !commune->centroid) {
    throw Error(ErrorKind::not_found,
                {fmt::format("bando knows no commune with a postcode at lon {} lat {}; address codes exist in "
                             "Hà Nội, Hồ Chí Minh City and the special zones that whole districts became",
                             lon, lat),
                 fmt::format("bando không xác định được xã/phường có mã bưu chính tại kinh độ {} vĩ độ {}; mã địa "
                             "chỉ có ở Hà Nội, Thành phố Hồ Chí Minh và các đặc khu hình thành từ nguyên một huyện",
                             lon, lat)});
  }
  const std::string plus_code = data::olc::encode(lat, lon);
  std::string location = plus_code.substr(kRemovedDigits);
  location.erase(std::remove(location.begin(), location.end(), '+'), location.end());
  return write_address(commune->postcodes.front() + location, plus_code, *commune);
}

[[noreturn]] void throw_bad_address_code(const std::string& code) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("address code must be a 5-digit postcode followed by 7 Open Location Code digits, such "
                           "as 11120QPG44P7, got '{}'",
                           code),
               fmt::format("mã địa chỉ phải gồm mã bưu chính 5 chữ số và 7 ký tự Open Location Code, ví dụ "
                           "11120QPG44P7, nhận được '{}'",
                           code)});
}

Response decode_address(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& code = context.param("code");
  if (code.size() != kAddressCodeLength) throw_bad_address_code(code);
  const std::string postcode = code.substr(0, kPostcodeLength);
  if (!std::all_of(postcode.begin(), postcode.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw_bad_address_code(code);
  }

  const auto units = app.gazetteer.find_by_postcode(postcode);
  const std::string short_code = code.substr(kPostcodeLength, 4) + "+" + code.substr(kPostcodeLength + 4);
  std::optional<data::olc::CodeArea> outside;  // the first cell found outside its commune, for the error
  for (const data::AdminUnit* commune : units) {
    if (!commune->centroid) continue;
    std::string plus_code;
    try {
      plus_code = data::olc::recover_nearest(short_code, commune->centroid->y, commune->centroid->x);
    } catch (const Error&) {
      throw_bad_address_code(code);
    }
    const data::olc::CodeArea cell = data::olc::decode(plus_code);
    const auto match = app.gazetteer.reverse(cell.center_lon(), cell.center_lat());
    if (match.commune != commune || match.distance_metres > 0) {
      if (!outside) outside = cell;
      continue;
    }
    std::string canonical = postcode + plus_code.substr(kRemovedDigits);
    canonical.erase(std::remove(canonical.begin(), canonical.end(), '+'), canonical.end());
    return write_address(canonical, plus_code, *commune);
  }
  if (outside) {
    throw Error(ErrorKind::not_found,
                {fmt::format("address code '{}' names lon {:.6f} lat {:.6f}, which is not in a commune with postcode "
                             "'{}'; check the code",
                             code, outside->center_lon(), outside->center_lat(), postcode),
                 fmt::format("mã địa chỉ '{}' chỉ tới kinh độ {:.6f} vĩ độ {:.6f}, không thuộc xã/phường nào có mã "
                             "bưu chính '{}'; hãy kiểm tra lại mã",
                             code, outside->center_lon(), outside->center_lat(), postcode)});
  }
  throw Error(ErrorKind::not_found,
              {fmt::format("postcode '{}' of address code '{}' names no commune whose location bando knows", postcode,
                           code),
               fmt::format("mã bưu chính '{}' của mã địa chỉ '{}' không thuộc xã/phường nào mà bando biết vị trí",
                           postcode, code)});
}

}  // namespace

void add_address_code_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/address-codes/encode",
             [&app](RequestContext& context) { return encode_address(app, context); });
  router.add(http::verb::get, "/address-codes/{code}",
             [&app](RequestContext& context) { return decode_address(app, context); });
}

}  // namespace bando::server

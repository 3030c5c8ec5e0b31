// GET /admin-units/{code}?date=: the unit with a GSO code in force on a date, since codes were reused in 2025.

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/date_param.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/unit_json.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

// A GSO code has 2 digits (province), 3 (district, before 2025-07-01) or 5 (commune).
void validate_unit_code(const std::string& code) {
  const bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && (code.size() == 2 || code.size() == 3 || code.size() == 5)) return;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("administrative unit code must be 2, 3 or 5 digits, got '{}'", code),
               fmt::format("mã đơn vị hành chính phải gồm 2, 3 hoặc 5 chữ số, nhận được '{}'", code)});
}

// Describes when each unit with the code was in force, for a 404 detail in English or Vietnamese.
std::string validity_periods(const std::vector<const data::AdminUnit*>& units, bool vietnamese) {
  std::string periods;
  for (const data::AdminUnit* unit : units) {
    if (!periods.empty()) periods += "; ";
    std::string to = unit->valid_to;
    if (to.empty()) to = vietnamese ? "nay" : "now";
    // Former units have no known start date in the source tables.
    if (unit->valid_from.empty()) {
      periods += vietnamese ? fmt::format("{} đến {}", unit->full_name, to)
                            : fmt::format("{} until {}", unit->full_name, to);
      continue;
    }
    periods += vietnamese ? fmt::format("{} từ {} đến {}", unit->full_name, unit->valid_from, to)
                          : fmt::format("{} from {} to {}", unit->full_name, unit->valid_from, to);
  }
  return periods;
}

Response get_admin_unit(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"date"});
  const std::string& code = context.param("code");
  validate_unit_code(code);
  const auto date_param = params.get("date");
  const std::string date = date_param ? parse_date("date", *date_param) : today_utc();

  const data::AdminUnit* unit = app.gazetteer.find_in_force(code, date);
  if (unit == nullptr) {
    const auto units = app.gazetteer.units_with_code(code);
    if (units.empty()) {
      throw Error(ErrorKind::not_found, {fmt::format("no administrative unit has code '{}'", code),
                                         fmt::format("không có đơn vị hành chính nào có mã '{}'", code)});
    }
    throw Error(ErrorKind::not_found,
                {fmt::format("no unit with code '{}' was in force on {}; the code was used by: {}", code, date,
                             validity_periods(units, false)),
                 fmt::format("không có đơn vị mã '{}' có hiệu lực ngày {}; mã này đã dùng cho: {}", code, date,
                             validity_periods(units, true))});
  }

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("date");
  write_string(writer, date);
  writer.Key("unit");
  write_unit_with_links(writer, app.gazetteer, *unit);
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_admin_unit_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/admin-units/{code}",
             [&app](RequestContext& context) { return get_admin_unit(app, context); });
}

}  // namespace bando::server

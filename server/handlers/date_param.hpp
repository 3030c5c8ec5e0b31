#pragma once
// The date query parameter of the gazetteer endpoints.

#include <string>
#include <string_view>

namespace bando::server {

// Returns `value` when it is a calendar date "YYYY-MM-DD" (year 1900–2999,
// month and day checked against the month's length). Throws bando::Error
// (invalid_argument) naming `name` and the value otherwise.
std::string parse_date(std::string_view name, std::string_view value);

// Returns today's date in UTC as "YYYY-MM-DD". Thread-safe.
std::string today_utc();

}  // namespace bando::server

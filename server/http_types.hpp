#pragma once
// Beast message types shared by the server, the router and the handlers.

#include <boost/beast/http.hpp>

namespace bando::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

}  // namespace bando::server

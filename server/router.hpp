#pragma once
// Maps method and path patterns to handlers, and turns exceptions into problem responses.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http_types.hpp"
#include "server/problem.hpp"
#include "server/request_target.hpp"

namespace bando::server {

class Router;

// Request data passed to a handler.
struct RequestContext {
  Request& request;
  RequestTarget target;
  std::vector<std::pair<std::string, std::string>> path_params;
  Language language = Language::vi;
  std::string base_url;  // "http://host:port" as the client addressed the server
  const Router* router = nullptr;  // the router that dispatched this request

  // The value a `{name}` pattern segment captured. Throws std::out_of_range for
  // a name the route does not have, which is a programming error.
  const std::string& param(std::string_view name) const;
};

using RouteHandler = std::function<Response(RequestContext&)>;
// A handler that may return a streamed body (see BodyStream).
using StreamingRouteHandler = std::function<Reply(RequestContext&)>;

// A registered route as given to Router::add, for listing the API.
struct RouteInfo {
  http::verb method;
  std::string pattern;
};

class Router {
 public:
  // Registers a handler. A pattern is a path whose segments are literals or
  // `{name}` captures, optionally followed by a literal suffix: "/tiles/{id}.json".
  // A final `{name*}` captures the rest of the path: "/web/{path*}".
  void add(http::verb method, std::string pattern, RouteHandler handler);
  void add_streaming(http::verb method, std::string pattern, StreamingRouteHandler handler);

  // Finds the route, runs it and returns its reply. A bando::Error becomes its
  // problem response, and any other std::exception a logged 500. JSON replies
  // are gzip-compressed when the request accepts it.
  Reply handle_streaming(Request& request) const;

  // Like handle_streaming(), but reads a streamed body into the response.
  Response handle(Request& request) const;

  // Every registered route, in registration order.
  std::vector<RouteInfo> routes() const;

  // Turns the info line logged per request on or off (on by default).
  void set_access_log(bool enabled) noexcept { access_log_ = enabled; }

 private:
  struct Segment {
    std::string literal;  // whole segment when `capture` is empty, else the suffix
    std::string capture;
  };
  struct Route {
    http::verb method;
    std::string pattern;
    std::vector<Segment> segments;
    StreamingRouteHandler handler;
  };

  static std::vector<Segment> split_pattern(std::string_view pattern);
  // Matches the path, split at '/' without its leading slash, against one route.
  static std::optional<std::vector<std::pair<std::string, std::string>>> match(
      const Route& route, const std::vector<std::string_view>& parts);
  Reply dispatch(RequestContext& context) const;

  std::vector<Route> routes_;
  bool access_log_ = true;
};

}  // namespace bando::server

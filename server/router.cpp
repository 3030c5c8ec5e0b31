#include "server/router.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "geo/error.hpp"
#include "server/content_coding.hpp"

namespace bando::server {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string base_url_of(const Request& request) {
  const auto host = request[http::field::host];
  return fmt::format("http://{}", host.empty() ? std::string_view("localhost") : std::string_view(host));
}

}  // namespace

const std::string& RequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : path_params)
    if (key == name) return value;
  throw std::out_of_range(fmt::format("route has no parameter '{}'", name));
}

std::vector<Router::Segment> Router::split_pattern(std::string_view pattern) {
  std::vector<Segment> segments;
  for (std::string_view part : split_path(pattern)) {
    Segment segment;
    if (!part.empty() && part.front() == '{') {
      const auto close = part.find('}');
      segment.capture = std::string(part.substr(1, close - 1));
      segment.literal = std::string(part.substr(close + 1));
    } else {
      segment.literal = std::string(part);
    }
    segments.push_back(std::move(segment));
  }
  return segments;
}

void Router::add(http::verb method, std::string pattern, RouteHandler handler) {
  auto whole = [handler = std::move(handler)](RequestContext& context) { return Reply{handler(context), nullptr}; };
  add_streaming(method, std::move(pattern), std::move(whole));
}

void Router::add_streaming(http::verb method, std::string pattern, StreamingRouteHandler handler) {
  std::vector<Segment> segments = split_pattern(pattern);
  routes_.push_back({method, std::move(pattern), std::move(segments), std::move(handler)});
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> result;
  for (const Route& route : routes_) result.push_back({route.method, route.pattern});
  return result;
}

std::optional<std::vector<std::pair<std::string, std::string>>> Router::match(
    const Route& route, const std::vector<std::string_view>& parts) {
  const bool has_rest = !route.segments.empty() && route.segments.back().capture.ends_with('*');
  if (has_rest ? parts.size() < route.segments.size() : parts.size() != route.segments.size()) {
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> captures;
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const Segment& segment = route.segments[i];
    std::string_view part = parts[i];
    if (has_rest && i + 1 == route.segments.size()) {
      // A `{name*}` capture takes the remaining segments, slashes included.
      std::string rest(part);
      for (std::size_t j = i + 1; j < parts.size(); ++j) rest += "/" + std::string(parts[j]);
      if (rest.empty()) return std::nullopt;
      captures.emplace_back(segment.capture.substr(0, segment.capture.size() - 1), std::move(rest));
      break;
    }
    if (segment.capture.empty()) {
      if (part != segment.literal) return std::nullopt;
      continue;
    }
    if (!part.ends_with(segment.literal) || part.size() == segment.literal.size()) return std::nullopt;
    part.remove_suffix(segment.literal.size());
    captures.emplace_back(segment.capture, std::string(part));
  }
  return captures;
}

Reply Router::dispatch(RequestContext& context) const {
  bool path_matched = false;
  const std::vector<std::string_view> parts = split_path(context.target.path);
  for (const Route& route : routes_) {
    auto captures = match(route, parts);
    if (!captures) continue;
    path_matched = true;
    if (route.method != context.request.method()) continue;
    context.path_params = std::move(*captures);
    return route.handler(context);
  }
  if (path_matched) {
    std::vector<std::string> allowed;  // methods of the routes whose path matched
    for (const Route& route : routes_) {
      if (match(route, parts)) allowed.emplace_back(http::to_string(route.method));
    }
    const std::string method(context.request.method_string());
    const Error error(ErrorKind::method_not_allowed,
                      {fmt::format("method {} is not allowed on '{}'", method, context.target.path),
                       fmt::format("không hỗ trợ phương thức {} cho '{}'", method, context.target.path)});
    Reply reply;
    reply.response = problem_response(error, context.language);
    // RFC 9110 section 15.5.6: a 405 lists the methods the resource supports.
    reply.response.set(http::field::allow, fmt::format("{}", fmt::join(allowed, ", ")));
    return reply;
  }
  throw Error(ErrorKind::not_found, {fmt::format("no resource at '{}'", context.target.path),
                                     fmt::format("không có tài nguyên tại '{}'", context.target.path)});
}

Reply Router::handle_streaming(Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  const Language language = negotiate_language(request[http::field::accept_language]);
  Reply reply;
  Response& response = reply.response;
  try {
    RequestContext context{request, parse_request_target(request.target()), {}, language, base_url_of(request), this};
    reply = dispatch(context);
    encode_json_reply(request, reply);
  } catch (const Error& error) {
    reply.stream.reset();
    response = problem_response(error, language);
    if (error.kind() == ErrorKind::internal || error.kind() == ErrorKind::unavailable) {
      spdlog::error("{} {} failed: {}", request.method_string(), request.target(), error.what());
    }
  } catch (const std::exception& error) {
    reply.stream.reset();
    spdlog::error("{} {} failed: {}", request.method_string(), request.target(), error.what());
    response = problem_response(Error(ErrorKind::internal, {"internal error; see the server log", "lỗi nội bộ; xem nhật ký máy chủ"}), language);
  }
  response.version(request.version());
  response.keep_alive(request.keep_alive() && response.keep_alive());
  response.set(http::field::server, "bando");
  response.set(http::field::access_control_allow_origin, "*");

  if (!access_log_) return reply;
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  if (reply.stream) {
    spdlog::info("{} {} {} streamed {:.1f}ms", request.method_string(), request.target(), response.result_int(),
                 elapsed.count());
  } else {
    spdlog::info("{} {} {} {}B {:.1f}ms", request.method_string(), request.target(), response.result_int(),
                 response.body().size(), elapsed.count());
  }
  return reply;
}

Response Router::handle(Request& request) const {
  Reply reply = handle_streaming(request);
  if (reply.stream) {
    std::string chunk;
    bool more = true;
    while (more) {
      more = reply.stream->next(chunk);
      reply.response.body() += chunk;
    }
    reply.response.chunked(false);
  }
  return std::move(reply.response);
}

}  // namespace bando::server

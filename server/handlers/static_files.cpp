// GET / (the viewer, or the landing page) and GET /web/{path}: files under the web root, never outside it.

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/landing.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

std::string_view media_type_for(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".pbf") return "application/x-protobuf";
  if (extension == ".map") return "application/json";
  return "application/octet-stream";
}

[[noreturn]] void throw_missing(std::string_view path) {
  throw Error(ErrorKind::not_found, {fmt::format("no file '{}'", path), fmt::format("không có tệp '{}'", path)});
}

// Resolves `relative` inside `root`. Rejects "..", absolute paths and anything
// that resolves (through links) outside the root.
std::filesystem::path resolve_inside(const std::filesystem::path& root, const std::string& relative) {
  const std::filesystem::path requested(relative);
  for (const auto& part : requested) {
    if (part == ".." || part == "." || requested.is_absolute()) throw_missing(relative);
  }
  std::error_code ec;
  const auto canonical_root = std::filesystem::canonical(root, ec);
  if (ec) throw_missing(relative);
  const auto candidate = std::filesystem::weakly_canonical(canonical_root / requested, ec);
  const auto [root_end, ignored] = std::mismatch(canonical_root.begin(), canonical_root.end(), candidate.begin());
  if (ec || root_end != canonical_root.end() || !std::filesystem::is_regular_file(candidate)) {
    throw_missing(relative);
  }
  return candidate;
}

Response serve_file(const std::filesystem::path& file, bool immutable) {
  std::ifstream input(file, std::ios::binary);
  std::ostringstream content;
  content << input.rdbuf();
  if (!input) {
    throw Error(ErrorKind::unavailable, {fmt::format("cannot read '{}'", file.string()),
                                         fmt::format("không đọc được '{}'", file.string())});
  }
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, media_type_for(file));
  // Library files change only with a new npm install; the viewer's own files may change any time.
  response.set(http::field::cache_control, immutable ? "public, max-age=86400" : "no-cache");
  response.body() = content.str();
  return response;
}

}  // namespace

void add_static_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/", [&app](RequestContext& context) {
    reject_unknown_params(context.target.query, {"lang", "f"});
    // `f` picks the landing page. Without it, only a client that ranks JSON above
    // HTML gets the JSON landing page, so browsers and plain requests get the viewer.
    if (context.target.query.has("f")) return get_landing(app, context, negotiate_format(context));
    const std::string_view accept = context.request[http::field::accept];
    if (accept_quality(accept, "application/json") > accept_quality(accept, "text/html")) {
      return get_landing(app, context, Format::json);
    }
    Response response = serve_file(resolve_inside(app.web_root, "index.html"), false);
    mark_negotiated(response);
    return response;
  });
  router.add(http::verb::get, "/web/{path*}", [&app](RequestContext& context) {
    const std::string& path = context.param("path");
    return serve_file(resolve_inside(app.web_root, path), path.starts_with("node_modules/"));
  });
}

}  // namespace bando::server

// GET /api: the OpenAPI 3.0 document of the routes this server registered, as JSON or HTML.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "server/handlers/handlers.hpp"
#include "server/handlers/html_page.hpp"
#include "server/handlers/negotiation.hpp"
#include "server/handlers/openapi_operations.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr const char* kOpenApiType = "application/vnd.oai.openapi+json;version=3.0";

using PathOperations = std::vector<std::pair<std::string, std::vector<const OperationDoc*>>>;

// "/web/{path*}" becomes "/web/{path}": OpenAPI has no rest-of-path template.
std::string openapi_path(std::string_view pattern) {
  std::string path(pattern);
  const auto star = path.find("*}");
  if (star != std::string::npos) path.erase(star, 1);
  return path;
}

std::vector<std::string> path_parameter_names(std::string_view path) {
  std::vector<std::string> names;
  for (auto open = path.find('{'); open != std::string_view::npos; open = path.find('{', open + 1)) {
    names.emplace_back(path.substr(open + 1, path.find('}', open) - open - 1));
  }
  return names;
}

const OperationDoc* find_operation(const RouteInfo& route) {
  for (const OperationDoc& operation : documented_operations()) {
    if (operation.method == route.method && route.pattern == operation.pattern) return &operation;
  }
  return nullptr;
}

// The documented operations of the registered routes, grouped by path in registration order.
PathOperations registered_operations(const RequestContext& context) {
  PathOperations paths;
  if (context.router == nullptr) return paths;
  for (const RouteInfo& route : context.router->routes()) {
    const OperationDoc* operation = find_operation(route);
    if (operation == nullptr) continue;
    const std::string path = openapi_path(route.pattern);
    auto entry = std::find_if(paths.begin(), paths.end(), [&](const auto& item) { return item.first == path; });
    if (entry == paths.end()) entry = paths.insert(paths.end(), {path, {}});
    entry->second.push_back(operation);
  }
  return paths;
}

std::string method_name(http::verb method) {
  std::string name(http::to_string(method));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

void write_schema(JsonWriter& writer, const char* type) {
  writer.Key("schema");
  writer.StartObject();
  writer.Key("type");
  writer.String(type);
  writer.EndObject();
}

void write_parameter(JsonWriter& writer, const char* name, const char* in, const char* type, bool required,
                     const char* description) {
  writer.StartObject();
  writer.Key("name");
  writer.String(name);
  writer.Key("in");
  writer.String(in);
  writer.Key("required");
  writer.Bool(required);
  writer.Key("description");
  writer.String(description);
  if (std::string_view(type) == "object") {
    // Free-form name=value pairs: OpenAPI's form style with explode spreads an object into parameters.
    writer.Key("style");
    writer.String("form");
    writer.Key("explode");
    writer.Bool(true);
    writer.Key("schema");
    writer.StartObject();
    writer.Key("type");
    writer.String("object");
    writer.Key("additionalProperties");
    writer.StartObject();
    writer.Key("type");
    writer.String("string");
    writer.EndObject();
    writer.EndObject();
  } else {
    write_schema(writer, type);
  }
  writer.EndObject();
}

void write_content(JsonWriter& writer, const char* media_type) {
  const std::string_view type(media_type);
  const bool binary = !type.starts_with("application/json") && !type.ends_with("+json") &&
                      !type.starts_with("application/vnd.oai.openapi+json") && type != "text/html";
  writer.Key(media_type);
  writer.StartObject();
  writer.Key("schema");
  writer.StartObject();
  writer.Key("type");
  writer.String(binary || type == "text/html" ? "string" : "object");
  if (binary) {
    writer.Key("format");
    writer.String("binary");
  }
  writer.EndObject();
  writer.EndObject();
}

void write_responses(JsonWriter& writer, const OperationDoc& operation) {
  writer.Key("responses");
  writer.StartObject();
  if (operation.response_type != nullptr) {
    writer.Key(std::to_string(operation.status).c_str());
    writer.StartObject();
    writer.Key("description");
    writer.String(operation.summary);
    writer.Key("content");
    writer.StartObject();
    write_content(writer, operation.response_type);
    if (operation.html) write_content(writer, "text/html");
    writer.EndObject();
    writer.EndObject();
  }
  if (operation.response_type == nullptr || std::string_view(operation.response_type).ends_with("vector-tile")) {
    writer.Key("204");
    writer.StartObject();
    writer.Key("description");
    writer.String(operation.response_type == nullptr ? "Done" : "Empty tile");
    writer.EndObject();
  }
  writer.Key("default");
  writer.StartObject();
  writer.Key("$ref");
  writer.String("#/components/responses/Problem");
  writer.EndObject();
  writer.EndObject();
}

void write_operation(JsonWriter& writer, const std::string& path, const OperationDoc& operation) {
  writer.Key(method_name(operation.method).c_str());
  writer.StartObject();
  writer.Key("tags");
  writer.StartArray();
  writer.String(operation.tag);
  writer.EndArray();
  writer.Key("summary");
  writer.String(operation.summary);
  writer.Key("parameters");
  writer.StartArray();
  for (const std::string& name : path_parameter_names(path)) {
    write_parameter(writer, name.c_str(), "path", "string", true, path_parameter_description(name.c_str()));
  }
  for (const ParameterDoc& parameter : operation.query) {
    write_parameter(writer, parameter.name, "query", parameter.type, parameter.required, parameter.description);
  }
  writer.EndArray();
  if (operation.request_type != nullptr) {
    writer.Key("requestBody");
    writer.StartObject();
    writer.Key("required");
    writer.Bool(true);
    writer.Key("content");
    writer.StartObject();
    write_content(writer, operation.request_type);
    writer.EndObject();
    writer.EndObject();
  }
  write_responses(writer, operation);
  if (operation.needs_key) {
    writer.Key("security");
    writer.StartArray();
    writer.StartObject();
    writer.Key("apiKey");
    writer.StartArray();
    writer.EndArray();
    writer.EndObject();
    writer.EndArray();
  }
  writer.EndObject();
}

void write_components(JsonWriter& writer) {
  writer.Key("components");
  writer.StartObject();
  writer.Key("securitySchemes");
  writer.StartObject();
  writer.Key("apiKey");
  writer.StartObject();
  writer.Key("type");
  writer.String("http");
  writer.Key("scheme");
  writer.String("bearer");
  writer.Key("description");
  writer.String("An API key that `bando keys create --publisher NAME` printed");
  writer.EndObject();
  writer.EndObject();
  writer.Key("responses");
  writer.StartObject();
  writer.Key("Problem");
  writer.StartObject();
  writer.Key("description");
  writer.String("RFC 9457 problem details, in the language that Accept-Language selects (vi or en)");
  writer.Key("content");
  writer.StartObject();
  write_content(writer, "application/problem+json");
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
}

void write_info(JsonWriter& writer, const RequestContext& context) {
  writer.Key("openapi");
  writer.String("3.0.3");
  writer.Key("info");
  writer.StartObject();
  writer.Key("title");
  writer.String("bando");
  writer.Key("version");
  writer.String("0.1.0");
  writer.Key("description");
  writer.String("Open map data of Viet Nam: OGC API - Features and Tiles, postcodes, places and a dataset catalog.");
  writer.Key("license");
  writer.StartObject();
  writer.Key("name");
  writer.String("Apache-2.0");
  writer.EndObject();
  writer.EndObject();
  writer.Key("servers");
  writer.StartArray();
  writer.StartObject();
  writer.Key("url");
  write_string(writer, context.base_url);
  writer.EndObject();
  writer.EndArray();
}

Response openapi_json(const RequestContext& context) {
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_info(writer, context);
  writer.Key("paths");
  writer.StartObject();
  for (const auto& [path, operations] : registered_operations(context)) {
    writer.Key(path.c_str());
    writer.StartObject();
    for (const OperationDoc* operation : operations) write_operation(writer, path, *operation);
    writer.EndObject();
  }
  writer.EndObject();
  write_components(writer);
  writer.EndObject();
  Response response = json_response(buffer, kOpenApiType);
  mark_negotiated(response);
  return response;
}

Response openapi_html(const RequestContext& context) {
  HtmlPage page{context, page_language(context), "", ""};
  page.title = localized(page.language, "API documentation", "Tài liệu API");
  page.body += fmt::format("<p>{} ", localized(page.language, "The machine-readable form is",
                                              "Dạng máy đọc được là"));
  page.link(context.base_url + "/api?f=json", "OpenAPI 3.0 (JSON)");
  page.body += fmt::format(".</p>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                           localized(page.language, "Method", "Phương thức"), localized(page.language, "Path", "Đường dẫn"),
                           localized(page.language, "Description", "Mô tả"),
                           localized(page.language, "Query parameters", "Tham số truy vấn"));
  for (const auto& [path, operations] : registered_operations(context)) {
    for (const OperationDoc* operation : operations) {
      std::string parameters;
      for (const ParameterDoc& parameter : operation->query) {
        parameters += fmt::format("{}<code>{}</code>", parameters.empty() ? "" : ", ", escape_html(parameter.name));
      }
      page.body += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}{}</td><td>{}</td></tr>\n",
                               escape_html(http::to_string(operation->method)), escape_html(path),
                               escape_html(localized(page.language, operation->summary, operation->summary_vi)),
                               operation->needs_key ? " (Bearer)" : "", parameters);
    }
  }
  page.body += "</table>\n";
  return html_response(page);
}

}  // namespace

void add_openapi_routes(Router& router) {
  router.add(http::verb::get, "/api", [](RequestContext& context) {
    reject_unknown_params(context.target.query, {"f", "lang"});
    return negotiate_format(context, kOpenApiType) == Format::html ? openapi_html(context) : openapi_json(context);
  });
}

}  // namespace bando::server

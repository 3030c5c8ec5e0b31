#include "server/handlers/negotiation.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/items_request.hpp"

namespace bando::server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// Rates how specifically `range` matches `media_type`: 3 exact, 2 "type/*", 1 "*/*", 0 not at all.
int match_specificity(std::string_view range, std::string_view media_type) {
  if (range == media_type) return 3;
  if (range == "*/*") return 1;
  const auto slash = media_type.find('/');
  if (range.ends_with("/*") && range.substr(0, range.size() - 1) == media_type.substr(0, slash + 1)) return 2;
  return 0;
}

// The q parameter of one Accept entry's parameters ("level=1;q=0.5"), or 1 when absent.
double quality_param(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const std::string_view parameter = trim(parameters.substr(0, semicolon));
    if (parameter.starts_with("q=") || parameter.starts_with("Q=")) {
      return std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return 1.0;
}

}  // namespace

double accept_quality(std::string_view accept, std::string_view media_type) {
  if (trim(accept).empty()) return 1.0;
  const std::string requested = lowercase(media_type.substr(0, media_type.find(';')));
  int best_specificity = 0;
  double quality = 0.0;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    const std::string_view entry = trim(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    const auto semicolon = entry.find(';');
    const std::string range = lowercase(trim(entry.substr(0, semicolon)));
    const int specificity = match_specificity(range, requested);
    if (specificity == 0 || specificity < best_specificity) continue;
    const double q = semicolon == std::string_view::npos ? 1.0 : quality_param(entry.substr(semicolon + 1));
    // Among equally specific ranges, the highest q counts.
    quality = specificity > best_specificity ? q : std::max(quality, q);
    best_specificity = specificity;
  }
  return quality;
}

Format negotiate_format(const RequestContext& context, std::string_view json_type) {
  page_language(context);  // rejects an unsupported lang for JSON responses too
  if (const auto f = context.target.query.get("f")) {
    if (*f == "json") return Format::json;
    if (*f == "html") return Format::html;
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("f '{}' is not supported; use f=json or f=html", *f),
                 fmt::format("f '{}' không được hỗ trợ; hãy dùng f=json hoặc f=html", *f)});
  }
  const std::string_view accept = context.request[http::field::accept];
  const double html = accept_quality(accept, "text/html");
  const double json = std::max(accept_quality(accept, "application/json"), accept_quality(accept, json_type));
  return html > json ? Format::html : Format::json;
}

Language page_language(const RequestContext& context) {
  const auto lang = context.target.query.get("lang");
  if (!lang) return context.language;
  if (*lang == "vi") return Language::vi;
  if (*lang == "en") return Language::en;
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("lang '{}' is not supported; use lang=vi or lang=en", *lang),
               fmt::format("lang '{}' không được hỗ trợ; hãy dùng lang=vi hoặc lang=en", *lang)});
}

std::string request_url_with(const RequestContext& context,
                             const std::vector<std::pair<std::string, std::string>>& changes) {
  const auto changed = [&](const std::string& key) {
    return std::any_of(changes.begin(), changes.end(), [&](const auto& change) { return change.first == key; });
  };
  std::string query;
  const auto append = [&](const std::string& key, const std::string& value) {
    query += query.empty() ? '?' : '&';
    query += percent_encode(key) + "=" + percent_encode(value);
  };
  for (const auto& [key, value] : context.target.query.pairs()) {
    if (!changed(key)) append(key, value);
  }
  for (const auto& [key, value] : changes) {
    if (!value.empty()) append(key, value);
  }
  std::string path;
  for (const char c : context.target.path) {
    path += c == '/' ? std::string("/") : percent_encode(std::string_view(&c, 1));
  }
  return context.base_url + path + query;
}

std::string alternate_url(const RequestContext& context, Format format) {
  if (format == Format::json) return request_url_with(context, {{"lang", ""}, {"f", "json"}});
  return request_url_with(context, {{"f", "html"}});
}

void mark_negotiated(Response& response) { response.set(http::field::vary, "Accept, Accept-Language"); }

}  // namespace bando::server

#include "server/problem.hpp"

#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace bando::server {
namespace {

struct Titles {
  const char* en;
  const char* vi;
};

Titles titles_for(http::status status) {
  switch (status) {
    case http::status::bad_request: return {"Bad Request", "Yêu cầu không hợp lệ"};
    case http::status::unauthorized: return {"Unauthorized", "Chưa xác thực"};
    case http::status::forbidden: return {"Forbidden", "Không có quyền"};
    case http::status::not_found: return {"Not Found", "Không tìm thấy"};
    case http::status::method_not_allowed: return {"Method Not Allowed", "Phương thức không được hỗ trợ"};
    case http::status::conflict: return {"Conflict", "Xung đột"};
    case http::status::payload_too_large: return {"Payload Too Large", "Dữ liệu gửi lên quá lớn"};
    case http::status::request_header_fields_too_large:
      return {"Request Header Fields Too Large", "Phần đầu yêu cầu quá lớn"};
    case http::status::service_unavailable: return {"Service Unavailable", "Dịch vụ tạm thời không khả dụng"};
    default: return {"Internal Server Error", "Lỗi máy chủ"};
  }
}

Response make_problem(http::status status, Language language, std::string_view detail) {
  const Titles titles = titles_for(status);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("type");
  writer.String("about:blank");
  writer.Key("title");
  writer.String(language == Language::vi ? titles.vi : titles.en);
  writer.Key("status");
  writer.Int(static_cast<int>(status));
  writer.Key("detail");
  writer.String(detail.data(), static_cast<rapidjson::SizeType>(detail.size()));
  writer.EndObject();

  Response response{status, 11};
  response.set(http::field::content_type, "application/problem+json");
  response.set(http::field::content_language, language == Language::vi ? "vi" : "en");
  response.body().assign(buffer.GetString(), buffer.GetSize());
  return response;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Returns the q-value of one Accept-Language entry such as "en-US;q=0.8", or 1 when
// it has none. RFC 9110 allows spaces around the ';', as in "en-US ; q=0.8".
double quality_of(std::string_view entry) {
  const auto semicolon = entry.find(';');
  if (semicolon == std::string_view::npos) return 1.0;
  const std::string_view weight = trim(entry.substr(semicolon + 1));
  if (!weight.starts_with("q=") && !weight.starts_with("Q=")) return 1.0;
  return std::strtod(std::string(weight.substr(2)).c_str(), nullptr);
}

}  // namespace

Language negotiate_language(std::string_view header) {
  double best_vi = 0, best_en = 0;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view entry = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const double q = quality_of(entry);
    const std::string_view tag = trim(entry.substr(0, entry.find_first_of(";-")));
    if (tag == "vi" || tag == "VI") best_vi = std::max(best_vi, q);
    if (tag == "en" || tag == "EN") best_en = std::max(best_en, q);
  }
  return best_en > best_vi ? Language::en : Language::vi;
}

http::status status_for(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::invalid_argument: return http::status::bad_request;
    case ErrorKind::not_found: return http::status::not_found;
    case ErrorKind::unauthorized: return http::status::unauthorized;
    case ErrorKind::forbidden: return http::status::forbidden;
    case ErrorKind::method_not_allowed: return http::status::method_not_allowed;
    case ErrorKind::conflict: return http::status::conflict;
    case ErrorKind::payload_too_large: return http::status::payload_too_large;
    case ErrorKind::unavailable: return http::status::service_unavailable;
    case ErrorKind::internal: return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

Response problem_response(const Error& error, Language language) {
  const LocalizedText& detail = error.detail();
  const std::string& text = language == Language::vi && !detail.vi.empty() ? detail.vi : detail.en;
  return make_problem(status_for(error.kind()), language, text);
}

Response limit_exceeded_response(http::status status, std::string_view part, std::size_t limit) {
  const std::string detail = fmt::format("request {} exceeds the limit of {} bytes / phần {} của yêu cầu vượt quá giới hạn {} byte",
                                         part, limit, part == "body" ? "thân" : "đầu", limit);
  return make_problem(status, Language::en, detail);
}

Response request_timeout_response(long long seconds) {
  const std::string detail = fmt::format(
      "the request was not complete within {} s (--read-timeout) / yêu cầu chưa gửi xong trong {} giây", seconds,
      seconds);
  return make_problem(http::status::request_timeout, Language::en, detail);
}

Response malformed_request_response(std::string_view reason) {
  const std::string detail =
      fmt::format("the request is not valid HTTP/1.1: {} / yêu cầu không đúng HTTP/1.1: {}", reason, reason);
  return make_problem(http::status::bad_request, Language::en, detail);
}

}  // namespace bando::server

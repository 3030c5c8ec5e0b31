#include "server/multipart.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::server {
namespace {

constexpr std::size_t kMaxParts = 64;

[[noreturn]] void throw_invalid(const std::string& en, const std::string& vi) {
  throw Error(ErrorKind::invalid_argument, {en, vi});
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// The value of parameter `name` in a header value such as
// `form-data; name="file"; filename="a.zip"`, unquoted.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name) {
  const std::string lowered = lower(value);
  std::size_t position = 0;
  while ((position = lowered.find(name, position)) != std::string::npos) {
    const bool starts_word = position > 0 && (lowered[position - 1] == ';' || lowered[position - 1] == ' ');
    const std::size_t equals = position + name.size();
    if (!starts_word || equals >= lowered.size() || lowered[equals] != '=') {
      position = equals;
      continue;
    }
    std::string_view rest = value.substr(equals + 1);
    if (rest.starts_with('"')) {
      const auto close = rest.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      return std::string(rest.substr(1, close - 1));
    }
    return std::string(rest.substr(0, rest.find(';')));
  }
  return std::nullopt;
}

FormPart parse_part(std::string_view part) {
  const auto header_end = part.find("\r\n\r\n");
  if (header_end == std::string_view::npos) {
    throw_invalid("a multipart part has no blank line after its headers",
                  "một phần multipart thiếu dòng trống sau phần đầu");
  }
  FormPart result;
  result.content = part.substr(header_end + 4);
  std::string_view headers = part.substr(0, header_end);
  while (!headers.empty()) {
    const auto end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view{} : headers.substr(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || lower(line.substr(0, colon)) != "content-disposition") continue;
    const std::string_view value = line.substr(colon + 1);
    result.name = header_parameter(value, "name").value_or("");
    result.filename = header_parameter(value, "filename");
  }
  if (result.name.empty()) {
    throw_invalid("a multipart part has no Content-Disposition name",
                  "một phần multipart thiếu tên trong Content-Disposition");
  }
  return result;
}

}  // namespace

std::vector<FormPart> parse_multipart(std::string_view content_type, std::string_view body) {
  if (!lower(content_type).starts_with("multipart/form-data")) {
    throw_invalid(fmt::format("expected Content-Type multipart/form-data, got '{}'", content_type),
                  fmt::format("cần Content-Type multipart/form-data, nhận được '{}'", content_type));
  }
  const auto boundary = header_parameter(content_type, "boundary");
  if (!boundary || boundary->empty()) {
    throw_invalid(fmt::format("Content-Type '{}' has no boundary", content_type),
                  fmt::format("Content-Type '{}' thiếu boundary", content_type));
  }
  const std::string delimiter = "--" + *boundary;
  auto position = body.find(delimiter);
  if (position == std::string_view::npos) {
    throw_invalid("the multipart body does not contain its boundary", "thân multipart không chứa boundary");
  }

  std::vector<FormPart> parts;
  while (true) {
    position += delimiter.size();
    if (body.substr(position).starts_with("--")) break;  // closing delimiter
    if (!body.substr(position).starts_with("\r\n")) {
      throw_invalid("a multipart boundary is not followed by CRLF", "boundary multipart không kết thúc bằng CRLF");
    }
    position += 2;
    const auto next = body.find("\r\n" + delimiter, position);
    if (next == std::string_view::npos) {
      throw_invalid("the multipart body ends before its closing boundary", "thân multipart thiếu boundary kết thúc");
    }
    if (parts.size() == kMaxParts) {
      throw_invalid(fmt::format("the form has more than {} parts", kMaxParts),
                    fmt::format("biểu mẫu có hơn {} phần", kMaxParts));
    }
    parts.push_back(parse_part(body.substr(position, next - position)));
    position = next + 2;
  }
  return parts;
}

}  // namespace bando::server

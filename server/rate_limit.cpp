#include "server/rate_limit.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace bando::server {

RateLimiter::RateLimiter(double per_minute, int burst)
    : per_second_(per_minute / 60.0), burst_(static_cast<double>(burst)) {}

std::optional<std::chrono::seconds> RateLimiter::acquire(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = std::ceil((1.0 - bucket.tokens) / per_second_);
  return std::chrono::seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(wait)));
}

Response too_many_requests_response(std::chrono::seconds retry_after, Language language) {
  const bool vi = language == Language::vi;
  const std::string detail =
      vi ? fmt::format("khóa API này đã gửi quá nhiều yêu cầu ghi; thử lại sau {} giây", retry_after.count())
         : fmt::format("this API key sent too many write requests; retry after {} s", retry_after.count());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("type");
  writer.String("about:blank");
  writer.Key("title");
  writer.String(vi ? "Quá nhiều yêu cầu" : "Too Many Requests");
  writer.Key("status");
  writer.Int(429);
  writer.Key("detail");
  writer.String(detail);
  writer.EndObject();

  Response response{http::status::too_many_requests, 11};
  response.set(http::field::content_type, "application/problem+json");
  response.set(http::field::content_language, vi ? "vi" : "en");
  response.set(http::field::retry_after, std::to_string(retry_after.count()));
  response.body().assign(buffer.GetString(), buffer.GetSize());
  return response;
}

}  // namespace bando::server

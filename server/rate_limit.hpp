#pragma once
// Per-key rate limiting of write requests with a token bucket.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http_types.hpp"
#include "server/problem.hpp"

namespace bando::server {

class RateLimiter {
 public:
  // Allows `burst` requests at once per key, refilled at `per_minute` requests
  // per minute. Both must be positive.
  RateLimiter(double per_minute, int burst);

  // Takes one request from `key`'s bucket. Returns nullopt when allowed, or how
  // long the caller must wait (rounded up to whole seconds, at least 1).
  // Thread-safe.
  std::optional<std::chrono::seconds> acquire(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point updated;
  };

  double per_second_;
  double burst_;
  std::mutex mutex_;
  // One bucket per API key; keys come from the store, so the map stays small.
  std::unordered_map<std::string, Bucket> buckets_;
};

// The 429 problem+json response with a Retry-After header in seconds.
Response too_many_requests_response(std::chrono::seconds retry_after, Language language);

}  // namespace bando::server

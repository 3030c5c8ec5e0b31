#pragma once
// Parsing of a request target into a decoded path and query parameters (uriparser).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bando::server {

class QueryParams {
 public:
  QueryParams() = default;
  explicit QueryParams(std::vector<std::pair<std::string, std::string>> pairs) : pairs_(std::move(pairs)) {}

  // The value of the first occurrence of `name`, or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& pairs() const noexcept { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

struct RequestTarget {
  std::string path;  // percent-decoded, always starting with '/'
  QueryParams query;
};

// Splits and decodes an origin-form target ("/a/b?x=1"); '+' in the query is a space.
// Throws bando::Error (invalid_argument) for a malformed target.
RequestTarget parse_request_target(std::string_view target);

}  // namespace bando::server

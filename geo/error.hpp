#pragma once
// The exception type that every bando library throws for a failure a caller can report.

#include <stdexcept>
#include <string>

namespace bando {

// Failure category, which the HTTP layer maps to a status code.
enum class ErrorKind {
  invalid_argument,   // 400: a request or input value is malformed or out of range
  not_found,          // 404: the named resource does not exist
  unauthorized,       // 401: a write needs an API key
  forbidden,          // 403: the API key may not change this resource
  method_not_allowed, // 405: the path exists but not for this HTTP method
  conflict,           // 409: the resource exists or changed meanwhile
  payload_too_large,  // 413: the body exceeds the configured limit
  unavailable,        // 503: a dependency (store, file) failed; retrying may help
  internal,           // 500: a bug or an unexpected library failure
};

// A user-facing message in the languages the API speaks. `en` is required and
// is also what `what()` returns; an empty `vi` falls back to `en`.
struct LocalizedText {
  std::string en;
  std::string vi;
};

// Failure with a kind and a localized detail that names the offending value.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, LocalizedText detail)
      : std::runtime_error(detail.en), kind_(kind), detail_(std::move(detail)) {}

  ErrorKind kind() const noexcept { return kind_; }
  const LocalizedText& detail() const noexcept { return detail_; }

 private:
  ErrorKind kind_;
  LocalizedText detail_;
};

}  // namespace bando

#pragma once
// The description of every operation that bando can register, for the OpenAPI document at /api.

#include <vector>

#include "server/http_types.hpp"

namespace bando::server {

struct ParameterDoc {
  const char* name;
  const char* type;  // JSON Schema type: string, integer, number or object
  bool required;
  const char* description;
};

struct OperationDoc {
  http::verb method;
  const char* pattern;  // exactly as given to Router::add
  const char* tag;
  const char* summary;     // English, as in the OpenAPI document
  const char* summary_vi;  // Vietnamese, for the HTML page
  // Query parameters. Path parameters come from the pattern's `{name}` segments.
  std::vector<ParameterDoc> query;
  const char* response_type;  // media type of the success response; nullptr for 204 No Content
  bool html = false;          // also returns text/html by `f` or Accept
  bool needs_key = false;     // needs `Authorization: Bearer KEY`
  const char* request_type = nullptr;  // media type of the request body, if any
  int status = 200;                    // status of the success response when it has a body
};

// Every operation, including those registered only with some `serve` options
// (archives). /api lists those whose route the running router has.
const std::vector<OperationDoc>& documented_operations();

// The description of a path parameter such as "id" or "tileRow".
const char* path_parameter_description(const char* name);

}  // namespace bando::server

#pragma once
// Streamed GeoJSON FeatureCollection pages and the entity tag of an items response.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "data/store.hpp"
#include "server/handlers/feature_output.hpp"
#include "server/http_types.hpp"
#include "server/json.hpp"
#include "server/router.hpp"

namespace bando::server {

// Writes a FeatureCollection in parts of about kPartBytes: the opening, the
// features that a cursor reads, then the members that `write_tail` adds after
// the features array, given the number of features written.
class FeatureCollectionStream final : public BodyStream {
 public:
  using TailWriter = std::function<void(JsonWriter&, std::int64_t returned)>;
  // Large enough that a part costs far more to write than its system calls, small
  // enough that a page of 100 000 features is never held whole.
  static constexpr std::size_t kPartBytes = 1024 * 1024;

  FeatureCollectionStream(std::unique_ptr<data::FeatureCursor> cursor, FeatureOutput output, TailWriter write_tail);

  bool next(std::string& chunk) override;

 private:
  std::unique_ptr<data::FeatureCursor> cursor_;
  FeatureOutput output_;
  TailWriter write_tail_;
  JsonBuffer buffer_;
  JsonWriter writer_;
  std::int64_t returned_ = 0;
  bool started_ = false;
};

// Reads the first part of `stream`. When that part is the whole body, returns
// `head` with it as a complete body, which then gets a Content-Length.
// Otherwise returns a streamed reply that sends that part first. Throws what
// the stream throws.
Reply reply_with_stream(Response head, std::unique_ptr<BodyStream> stream);

// Strong entity tag of an items or item response: a hash of the collection,
// the dataset version it reads, the query parameters in sorted order, the Host
// and Accept header fields, and whether the body is gzip-coded.
std::string items_etag(const RequestContext& context, std::string_view collection, std::int64_t version, bool gzip);

}  // namespace bando::server

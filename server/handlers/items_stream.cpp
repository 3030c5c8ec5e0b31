#include "server/handlers/items_stream.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "server/conditional.hpp"

namespace bando::server {
namespace {

// Sends a part that was read ahead, then the rest of the source stream.
class ReadAheadStream final : public BodyStream {
 public:
  ReadAheadStream(std::string first, std::unique_ptr<BodyStream> rest)
      : first_(std::move(first)), rest_(std::move(rest)) {}

  bool next(std::string& chunk) override {
    if (!first_sent_) {
      first_sent_ = true;
      chunk = std::move(first_);
      return true;
    }
    return rest_->next(chunk);
  }

 private:
  std::string first_;
  std::unique_ptr<BodyStream> rest_;
  bool first_sent_ = false;
};

}  // namespace

FeatureCollectionStream::FeatureCollectionStream(std::unique_ptr<data::FeatureCursor> cursor, FeatureOutput output,
                                                 TailWriter write_tail)
    : cursor_(std::move(cursor)), output_(std::move(output)), write_tail_(std::move(write_tail)), writer_(buffer_) {}

bool FeatureCollectionStream::next(std::string& chunk) {
  // The writer keeps its nesting state across parts, so only the buffer is cleared.
  buffer_.Clear();
  if (!started_) {
    started_ = true;
    writer_.StartObject();
    writer_.Key("type");
    writer_.String("FeatureCollection");
    writer_.Key("features");
    writer_.StartArray();
  }
  const data::FeatureVisitor write = [this](const data::FeatureRecord& record) {
    write_feature_in_crs(writer_, record, output_);
    ++returned_;
  };
  bool more = true;
  while (buffer_.GetSize() < kPartBytes) {
    if (!cursor_->next(write)) {
      more = false;
      break;
    }
  }
  if (!more) {
    // Release the reader connection before the tail and the last network writes.
    cursor_.reset();
    writer_.EndArray();
    write_tail_(writer_, returned_);
    writer_.EndObject();
  }
  chunk.assign(buffer_.GetString(), buffer_.GetSize());
  return more;
}

Reply reply_with_stream(Response head, std::unique_ptr<BodyStream> stream) {
  std::string first;
  const bool more = stream->next(first);
  if (!more) {
    head.body() = std::move(first);
    return {std::move(head), nullptr};
  }
  return {std::move(head), std::make_unique<ReadAheadStream>(std::move(first), std::move(stream))};
}

std::string items_etag(const RequestContext& context, std::string_view collection, std::int64_t version, bool gzip) {
  std::vector<std::pair<std::string, std::string>> params = context.target.query.pairs();
  std::sort(params.begin(), params.end());
  std::string parts = fmt::format("{}\n{}\n{}\n", context.target.path, collection, version);
  for (const auto& [key, value] : params) parts += fmt::format("{}={}&", key, value);
  parts += fmt::format("\n{}\n{}", context.request[http::field::host], context.request[http::field::accept]);
  // Weak, because timeStamp differs between responses that are otherwise equal.
  return "W/" + hashed_etag(fmt::format("{}-v{}", collection, version), parts, gzip);
}

}  // namespace bando::server

#include "tiles/property_table.hpp"

#include <cstdint>
#include <limits>

#include <fmt/format.h>
#include <protozero/pbf_writer.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/writer.h>

#include "geo/error.hpp"
#include "tiles/mvt_fields.hpp"

namespace bando::tiles {
namespace {

// A rapidjson output stream that appends to a std::string.
struct StringOutput {
  using Ch = char;
  std::string* text;
  void Put(char c) { text->push_back(c); }
  void Flush() {}
};

}  // namespace

// SAX handler that turns the members of the top-level JSON object into tags.
// Nested arrays and objects are re-serialized into json_scratch_ and stored as strings.
class PropertyJsonHandler {
 public:
  PropertyJsonHandler(PropertyTable& table, std::vector<std::uint32_t>& tags, std::size_t first_tag)
      : table_(table), tags_(tags), first_tag_(first_tag), output_{&table.json_scratch_}, writer_(output_) {}

  bool Null() {
    if (depth_ > 1) return writer_.Null();
    return depth_ == 1;  // a null member is omitted
  }
  bool Bool(bool value) {
    if (depth_ > 1) return writer_.Bool(value);
    return add_scalar([&](protozero::pbf_writer& out) { out.add_bool(mvt::kValueBool, value); });
  }
  bool Int(int value) { return Int64(value); }
  bool Uint(unsigned value) { return Uint64(value); }
  bool Int64(std::int64_t value) {
    if (depth_ > 1) return writer_.Int64(value);
    return add_scalar([&](protozero::pbf_writer& out) {
      if (value < 0) {
        out.add_sint64(mvt::kValueSint, value);
      } else {
        out.add_int64(mvt::kValueInt, value);
      }
    });
  }
  bool Uint64(std::uint64_t value) {
    if (depth_ > 1) return writer_.Uint64(value);
    return add_scalar([&](protozero::pbf_writer& out) {
      if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        out.add_int64(mvt::kValueInt, static_cast<std::int64_t>(value));
      } else {
        out.add_uint64(mvt::kValueUint, value);
      }
    });
  }
  bool Double(double value) {
    if (depth_ > 1) return writer_.Double(value);
    return add_scalar([&](protozero::pbf_writer& out) { out.add_double(mvt::kValueDouble, value); });
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // not requested by the parse flags
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (depth_ > 1) return writer_.String(text, length, copy);
    return add_scalar([&](protozero::pbf_writer& out) { out.add_string(mvt::kValueString, text, length); });
  }

  bool StartObject() { return start_nested(false); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (depth_ > 1) return writer_.Key(text, length, copy);
    table_.key_scratch_.assign(text, length);
    return true;
  }
  bool EndObject(rapidjson::SizeType count) {
    if (depth_ == 1) {
      depth_ = 0;
      return true;
    }
    return writer_.EndObject(count) && end_nested();
  }
  bool StartArray() {
    if (depth_ == 0) return false;  // the top level must be an object
    return start_nested(true);
  }
  bool EndArray(rapidjson::SizeType count) { return writer_.EndArray(count) && end_nested(); }

 private:
  bool start_nested(bool array) {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (depth_ == 1) {
      table_.json_scratch_.clear();
      writer_.Reset(output_);
    }
    ++depth_;
    return array ? writer_.StartArray() : writer_.StartObject();
  }

  bool end_nested() {
    --depth_;
    if (depth_ > 1) return true;
    const std::string& json = table_.json_scratch_;
    return add_scalar([&](protozero::pbf_writer& out) { out.add_string(mvt::kValueString, json); });
  }

  // Encodes a member of the top-level object with `write` and appends its tag pair,
  // unless the key already appeared in this object.
  template <typename WriteValue>
  bool add_scalar(WriteValue write) {
    if (depth_ != 1) return false;  // a scalar at the top level is not an object
    const std::uint32_t key = table_.key_index(table_.key_scratch_);
    for (std::size_t i = first_tag_; i < tags_.size(); i += 2) {
      if (tags_[i] == key) return true;
    }

    table_.value_scratch_.clear();
    protozero::pbf_writer value_writer{table_.value_scratch_};
    write(value_writer);
    tags_.push_back(key);
    tags_.push_back(table_.value_index(table_.value_scratch_));
    return true;
  }

  PropertyTable& table_;
  std::vector<std::uint32_t>& tags_;
  std::size_t first_tag_;
  int depth_ = 0;  // 0 outside the object, 1 inside it, more inside a nested value
  StringOutput output_;
  rapidjson::Writer<StringOutput> writer_;
};

void PropertyTable::append_tags(std::string_view properties_json, std::vector<std::uint32_t>& tags) {
  if (properties_json.empty()) return;

  PropertyJsonHandler handler(*this, tags, tags.size());
  rapidjson::MemoryStream stream(properties_json.data(), properties_json.size());
  rapidjson::Reader reader;
  const rapidjson::ParseResult result =
      reader.Parse<rapidjson::kParseFullPrecisionFlag>(stream, handler);
  if (result.IsError()) {
    const std::string_view excerpt = properties_json.substr(0, 80);
    throw Error(ErrorKind::internal,
                {fmt::format("invalid feature properties at offset {}: {} (expected a JSON object): '{}'",
                             result.Offset(), rapidjson::GetParseError_En(result.Code()), excerpt),
                 fmt::format("thuộc tính đối tượng không hợp lệ tại vị trí {}: cần một đối tượng JSON: '{}'",
                             result.Offset(), excerpt)});
  }
}

std::uint32_t PropertyTable::key_index(std::string_view key) {
  if (const auto found = key_indexes_.find(key); found != key_indexes_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(keys_.size());
  keys_.emplace_back(key);
  key_indexes_.emplace(keys_.back(), index);
  return index;
}

std::uint32_t PropertyTable::value_index(std::string_view encoded_value) {
  if (const auto found = value_indexes_.find(encoded_value); found != value_indexes_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(values_.size());
  values_.emplace_back(encoded_value);
  value_indexes_.emplace(values_.back(), index);
  return index;
}

}  // namespace bando::tiles

#include "data/dataset.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {

const char* to_json_schema_type(FieldType type) noexcept {
  switch (type) {
    case FieldType::string: return "string";
    case FieldType::integer: return "integer";
    case FieldType::real: return "number";
    case FieldType::boolean: return "boolean";
  }
  return "string";
}

void validate_dataset_id(const std::string& id) {
  constexpr std::size_t kMaxIdLength = 64;
  bool valid = !id.empty() && id.size() <= kMaxIdLength;
  for (char c : id) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '_' || c == '-';
    valid = valid && allowed;
  }
  if (!valid) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("invalid dataset id '{}': use 1 to 64 characters from A-Z, a-z, 0-9, '_' and '-'", id),
                 fmt::format("mã bộ dữ liệu '{}' không hợp lệ: dùng 1 đến 64 ký tự A-Z, a-z, 0-9, '_' và '-'", id)});
  }
}

void apply_changes(const MetadataChanges& changes, DatasetMetadata& metadata) {
  if (changes.title) metadata.title = *changes.title;
  if (changes.description) metadata.description = *changes.description;
  if (changes.publisher) metadata.publisher = *changes.publisher;
  if (changes.license) metadata.license = *changes.license;
  if (changes.keywords) metadata.keywords = *changes.keywords;
  if (changes.temporal_property) metadata.temporal_property = *changes.temporal_property;
  if (metadata.title.empty()) metadata.title = metadata.id;
}

}  // namespace bando::data

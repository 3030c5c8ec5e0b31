#include "data/ingest_temporal.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

[[noreturn]] void throw_invalid(std::string en, std::string vi) {
  throw Error(ErrorKind::invalid_argument, {std::move(en), std::move(vi)});
}

std::string field_list(const std::vector<Field>& fields) {
  std::string list;
  for (const Field& field : fields) list += (list.empty() ? "" : ", ") + field.name;
  return list.empty() ? "(none)" : list;
}

}  // namespace

TemporalReader::TemporalReader(const OGRFeatureDefn& definition, const std::vector<Field>& fields,
                               const std::string& property, TextDecoder decode)
    : property_(property), decode_(decode) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == property) index_ = static_cast<int>(i);
  }
  if (index_ < 0) {
    throw_invalid(fmt::format("temporal property '{}' is not a property of the file; its properties are {}",
                              property, field_list(fields)),
                  fmt::format("thuộc tính thời gian '{}' không có trong tệp; các thuộc tính của tệp là {}",
                              property, field_list(fields)));
  }
  type_ = definition.GetFieldDefn(index_)->GetType();
  if (type_ != OFTDate && type_ != OFTDateTime && type_ != OFTString) {
    const char* type_name = OGRFieldDefn::GetFieldTypeName(type_);
    throw_invalid(fmt::format("temporal property '{}' has type {}; it must be a date, date-time or string property",
                              property, type_name),
                  fmt::format("thuộc tính thời gian '{}' có kiểu {}; cần kiểu ngày, ngày giờ hoặc chuỗi", property,
                              type_name));
  }
}

std::optional<TimeInterval> TemporalReader::read(const OGRFeature& feature, const std::string& label,
                                                 IngestReport& report) {
  if (!feature.IsFieldSetAndNotNull(index_)) {
    ++null_count_;
    return std::nullopt;
  }
  std::string text =
      type_ == OFTString ? decode_(feature.GetFieldAsString(index_)) : ogr_date_text(feature, index_, type_);
  // GDAL's GeoJSON driver turns a column of dates and date-times into a
  // date-time column, where a date becomes midnight with no time zone.
  // NOTE: such a value is read back as the whole UTC day, so a real midnight
  // without an offset, which RFC 3339 does not allow, is accepted as a date.
  constexpr std::string_view kBareMidnight = "T00:00:00.000";
  if (type_ == OFTDateTime && text.ends_with(kBareMidnight)) text.resize(text.size() - kBareMidnight.size());
  std::optional<TimeInterval> interval = parse_rfc3339(text);
  if (!interval) {
    report.unparsed_times.push_back(
        {label, fmt::format("{} '{}' is not an RFC 3339 date or date-time with a time zone", property_, text)});
  }
  return interval;
}

void TemporalReader::add_summary(IngestReport& report) const {
  if (null_count_ == 0) return;
  report.warnings.push_back(fmt::format("{} features have no value for temporal property '{}', so datetime "
                                        "queries never return them",
                                        null_count_, property_));
}

}  // namespace bando::data

#pragma once
// Reading a dataset's temporal property during ingest, with a report of the values that are not RFC 3339.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ogr_feature.h>

#include "data/ingest.hpp"
#include "data/ingest_properties.hpp"
#include "data/temporal.hpp"

namespace bando::data {

class TemporalReader {
 public:
  // Finds `property` among `fields` (the decoded names of `definition`'s
  // fields). Throws bando::Error (invalid_argument) when no field has that
  // name, or when the field is not a date, date-time or string field.
  TemporalReader(const OGRFeatureDefn& definition, const std::vector<Field>& fields, const std::string& property,
                 TextDecoder decode);

  // The feature's time interval, or nullopt when the value is null or not an
  // RFC 3339 date or date-time. Adds each value of the second kind to
  // `report.unparsed_times`, with the feature's `label`.
  std::optional<TimeInterval> read(const OGRFeature& feature, const std::string& label, IngestReport& report);

  // Adds a report warning that counts the features with a null value, if any.
  void add_summary(IngestReport& report) const;

 private:
  std::string property_;
  int index_ = -1;
  OGRFieldType type_ = OFTString;
  TextDecoder decode_;
  std::int64_t null_count_ = 0;
};

}  // namespace bando::data

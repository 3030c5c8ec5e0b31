#pragma once
// Conversion of OGR attribute values to the JSON object stored with each feature.

#include <string>
#include <string_view>
#include <vector>

#include <ogr_feature.h>

#include "data/dataset.hpp"
#include "data/gazetteer/text.hpp"

namespace bando::data {

// Turns attribute text as the driver returned it into NFC UTF-8. Throws
// bando::Error (invalid_argument) for text it cannot decode.
using TextDecoder = std::string (*)(std::string_view text);

// The layer's fields as the catalog lists them, names in NFC.
std::vector<Field> describe_fields(const OGRFeatureDefn& definition, TextDecoder decode = to_nfc);

// Writes the feature's attributes as a JSON object in field order. Text is NFC.
// Unset and null fields become JSON null, dates ISO 8601 strings, list fields
// arrays and binary fields hexadecimal strings. Non-finite reals become the
// strings "NaN", "Infinity" or "-Infinity", because JSON has no such numbers.
std::string properties_to_json(const OGRFeature& feature, const std::vector<Field>& fields,
                               TextDecoder decode = to_nfc);

// The ISO 8601 text of a date, time or date-time field ("2024-03-05",
// "10:00:00.000", "2024-03-05T10:00:00.000+07:00"). A date-time whose time
// zone OGR does not know gets no offset.
std::string ogr_date_text(const OGRFeature& feature, int index, OGRFieldType type);

}  // namespace bando::data

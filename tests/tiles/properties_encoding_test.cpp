#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::tiles {
namespace {

using testing::DecodedLayer;
using testing::DecodedValue;

const geo::TileId kTile{7, 101, 56};

// Encodes one point feature per properties text and decodes the single layer.
DecodedLayer encode_properties(const std::vector<std::string>& properties) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("places", kTile);
  const std::vector<std::uint8_t> wkb = testing::wkb_from_tile_wkt("POINT(100 100)", kTile);
  for (std::size_t i = 0; i < properties.size(); ++i) {
    layers.front().add_feature(testing::make_record(static_cast<std::int64_t>(i + 1), wkb, properties[i]));
  }
  const auto decoded = testing::decode_tile(encode_tile(layers));
  if (decoded.size() != 1) throw std::runtime_error("expected one layer");
  return decoded.front();
}

// The value a feature's tags give `key`, or nullptr when the feature has no such tag.
const DecodedValue* find_value(const DecodedLayer& layer, std::size_t feature, const std::string& key) {
  const auto& tags = layer.features.at(feature).tags;
  for (std::size_t i = 0; i + 1 < tags.size(); i += 2) {
    if (layer.keys.at(tags[i]) == key) return &layer.values.at(tags[i + 1]);
  }
  return nullptr;
}

TEST(MvtProperties, StringValue) {
  const auto layer = encode_properties({R"({"name":"Hà Nội"})"});
  const DecodedValue* value = find_value(layer, 0, "name");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->type, DecodedValue::Type::string);
  EXPECT_EQ(value->string_value, "Hà Nội");
}

TEST(MvtProperties, NonNegativeIntegerIsIntValue) {
  const auto layer = encode_properties({R"({"count":42,"big":9223372036854775807})"});
  const DecodedValue* count = find_value(layer, 0, "count");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->type, DecodedValue::Type::int_value);
  EXPECT_EQ(count->int_value, 42);
  const DecodedValue* big = find_value(layer, 0, "big");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->type, DecodedValue::Type::int_value);
  EXPECT_EQ(big->int_value, std::numeric_limits<std::int64_t>::max());
}

TEST(MvtProperties, NegativeIntegerIsSintValue) {
  const auto layer = encode_properties({R"({"level":-7,"min":-9223372036854775808})"});
  const DecodedValue* level = find_value(layer, 0, "level");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->type, DecodedValue::Type::sint_value);
  EXPECT_EQ(level->int_value, -7);
  const DecodedValue* min = find_value(layer, 0, "min");
  ASSERT_NE(min, nullptr);
  EXPECT_EQ(min->type, DecodedValue::Type::sint_value);
  EXPECT_EQ(min->int_value, std::numeric_limits<std::int64_t>::min());
}

TEST(MvtProperties, IntegerBeyondInt64IsUintValue) {
  const auto layer = encode_properties({R"({"hash":18446744073709551615})"});
  const DecodedValue* value = find_value(layer, 0, "hash");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->type, DecodedValue::Type::uint_value);
  EXPECT_EQ(value->uint_value, std::numeric_limits<std::uint64_t>::max());
}

TEST(MvtProperties, FractionIsDoubleValue) {
  const auto layer = encode_properties({R"({"area":3359.84,"whole":2.0,"huge":1e30})"});
  const DecodedValue* area = find_value(layer, 0, "area");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->type, DecodedValue::Type::double_value);
  EXPECT_EQ(area->double_value, 3359.84);
  const DecodedValue* whole = find_value(layer, 0, "whole");
  ASSERT_NE(whole, nullptr);
  EXPECT_EQ(whole->type, DecodedValue::Type::double_value);
  const DecodedValue* huge = find_value(layer, 0, "huge");
  ASSERT_NE(huge, nullptr);
  EXPECT_EQ(huge->type, DecodedValue::Type::double_value);
  EXPECT_EQ(huge->double_value, 1e30);
}

TEST(MvtProperties, BooleanIsBoolValue) {
  const auto layer = encode_properties({R"({"open":true,"closed":false})"});
  const DecodedValue* open = find_value(layer, 0, "open");
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->type, DecodedValue::Type::bool_value);
  EXPECT_TRUE(open->bool_value);
  const DecodedValue* closed = find_value(layer, 0, "closed");
  ASSERT_NE(closed, nullptr);
  EXPECT_FALSE(closed->bool_value);
}

TEST(MvtProperties, NullIsOmitted) {
  const auto layer = encode_properties({R"({"a":null,"b":1})"});
  EXPECT_EQ(find_value(layer, 0, "a"), nullptr);
  EXPECT_NE(find_value(layer, 0, "b"), nullptr);
  EXPECT_EQ(layer.features[0].tags.size(), 2u);
}

TEST(MvtProperties, NestedValuesBecomeJsonText) {
  const auto layer = encode_properties({R"({"tags": [1, "x", null] ,"meta":{"k":{"n":null},"e":[]}})"});
  const DecodedValue* tags = find_value(layer, 0, "tags");
  ASSERT_NE(tags, nullptr);
  EXPECT_EQ(tags->type, DecodedValue::Type::string);
  EXPECT_EQ(tags->string_value, R"([1,"x",null])");
  const DecodedValue* meta = find_value(layer, 0, "meta");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->string_value, R"({"k":{"n":null},"e":[]})");
}

TEST(MvtProperties, SharedKeysAndValuesAreStoredOnce) {
  const auto layer = encode_properties({R"({"kind":"road","lanes":2})", R"({"kind":"road","lanes":3})",
                                        R"({"lanes":2,"kind":"path"})"});
  EXPECT_EQ(layer.keys, (std::vector<std::string>{"kind", "lanes"}));
  ASSERT_EQ(layer.values.size(), 4u);  // "road", 2, 3, "path"
  ASSERT_EQ(layer.features.size(), 3u);
  EXPECT_EQ(layer.features[0].tags[1], layer.features[1].tags[1]);
  EXPECT_EQ(layer.features[0].tags[3], layer.features[2].tags[1]);
}

TEST(MvtProperties, EqualNumbersOfDifferentTypesStayApart) {
  const auto layer = encode_properties({R"({"v":1})", R"({"v":1.0})", R"({"v":"1"})"});
  EXPECT_EQ(layer.keys.size(), 1u);
  EXPECT_EQ(layer.values.size(), 3u);
}

TEST(MvtProperties, RepeatedKeyKeepsFirstValue) {
  const auto layer = encode_properties({R"({"a":1,"a":2})"});
  ASSERT_EQ(layer.features[0].tags.size(), 2u);
  const DecodedValue* value = find_value(layer, 0, "a");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->int_value, 1);
}

TEST(MvtProperties, EmptyObjectHasNoTags) {
  const auto layer = encode_properties({"{}", ""});
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_TRUE(layer.features[0].tags.empty());
  EXPECT_TRUE(layer.features[1].tags.empty());
}

TEST(MvtProperties, InvalidJsonThrows) {
  EXPECT_THROW(encode_properties({R"({"a":)"}), Error);
  EXPECT_THROW(encode_properties({"[1,2]"}), Error);
  EXPECT_THROW(encode_properties({"42"}), Error);
  EXPECT_THROW(encode_properties({R"({"a":1} x)"}), Error);
}

TEST(MvtProperties, SkippedFeatureAddsNoKeys) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("places", kTile);
  const auto inside = testing::wkb_from_tile_wkt("POINT(100 100)", kTile);
  const auto outside = testing::wkb_from_tile_wkt("POINT(-1000 100)", kTile);
  layers[0].add_feature(testing::make_record(1, outside, R"({"unused":"x"})"));
  layers[0].add_feature(testing::make_record(2, inside, R"({"used":"y"})"));
  const auto decoded = testing::decode_tile(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].keys, (std::vector<std::string>{"used"}));
  EXPECT_EQ(decoded[0].values.size(), 1u);
}

}  // namespace
}  // namespace bando::tiles

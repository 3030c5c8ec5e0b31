#include "mvt_decoder.hpp"

#include <stdexcept>

#include <protozero/pbf_reader.hpp>

namespace bando::tiles::testing {
namespace {

DecodedValue decode_value(protozero::pbf_reader message) {
  DecodedValue value;
  while (message.next()) {
    switch (message.tag()) {
      case 1:
        value.type = DecodedValue::Type::string;
        value.string_value = message.get_string();
        break;
      case 2:
        value.type = DecodedValue::Type::float_value;
        value.double_value = message.get_float();
        break;
      case 3:
        value.type = DecodedValue::Type::double_value;
        value.double_value = message.get_double();
        break;
      case 4:
        value.type = DecodedValue::Type::int_value;
        value.int_value = message.get_int64();
        break;
      case 5:
        value.type = DecodedValue::Type::uint_value;
        value.uint_value = message.get_uint64();
        break;
      case 6:
        value.type = DecodedValue::Type::sint_value;
        value.int_value = message.get_sint64();
        break;
      case 7:
        value.type = DecodedValue::Type::bool_value;
        value.bool_value = message.get_bool();
        break;
      default:
        message.skip();
    }
  }
  return value;
}

DecodedFeature decode_feature(protozero::pbf_reader message) {
  DecodedFeature feature;
  while (message.next()) {
    switch (message.tag()) {
      case 1:
        feature.id = message.get_uint64();
        break;
      case 2: {
        const auto range = message.get_packed_uint32();
        feature.tags.assign(range.begin(), range.end());
        break;
      }
      case 3:
        feature.type = static_cast<std::uint32_t>(message.get_enum());
        break;
      case 4: {
        const auto range = message.get_packed_uint32();
        feature.geometry.assign(range.begin(), range.end());
        break;
      }
      default:
        message.skip();
    }
  }
  return feature;
}

DecodedLayer decode_layer(protozero::pbf_reader message) {
  DecodedLayer layer;
  while (message.next()) {
    switch (message.tag()) {
      case 1:
        layer.name = message.get_string();
        break;
      case 2:
        layer.features.push_back(decode_feature(message.get_message()));
        break;
      case 3:
        layer.keys.push_back(message.get_string());
        break;
      case 4:
        layer.values.push_back(decode_value(message.get_message()));
        break;
      case 5:
        layer.extent = message.get_uint32();
        break;
      case 15:
        layer.version = message.get_uint32();
        break;
      default:
        message.skip();
    }
  }
  return layer;
}

std::int32_t zigzag_decode(std::uint32_t value) { return protozero::decode_zigzag32(value); }

}  // namespace

std::vector<DecodedLayer> decode_tile(const std::string& tile) {
  std::vector<DecodedLayer> layers;
  protozero::pbf_reader message{tile};
  while (message.next()) {
    if (message.tag() == 3) {
      layers.push_back(decode_layer(message.get_message()));
    } else {
      message.skip();
    }
  }
  return layers;
}

std::vector<DecodedPart> decode_commands(const std::vector<std::uint32_t>& commands) {
  std::vector<DecodedPart> parts;
  TilePoint cursor;
  std::size_t i = 0;
  while (i < commands.size()) {
    const std::uint32_t id = commands[i] & 0x7U;
    const std::uint32_t count = commands[i] >> 3U;
    ++i;

    if (id == 7) {
      if (parts.empty()) throw std::runtime_error("ClosePath before any MoveTo");
      parts.back().closed = true;
      continue;
    }
    if (id != 1 && id != 2) throw std::runtime_error("unknown command id " + std::to_string(id));
    if (id == 1) parts.emplace_back();
    if (parts.empty()) throw std::runtime_error("LineTo before any MoveTo");
    if (i + 2 * std::size_t{count} > commands.size()) throw std::runtime_error("truncated command parameters");

    for (std::uint32_t n = 0; n < count; ++n) {
      cursor.x += zigzag_decode(commands[i]);
      cursor.y += zigzag_decode(commands[i + 1]);
      i += 2;
      parts.back().points.push_back(cursor);
    }
  }
  return parts;
}

std::int64_t twice_signed_area(const std::vector<TilePoint>& ring) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const TilePoint& a = ring[i];
    const TilePoint& b = ring[(i + 1) % ring.size()];
    sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
  }
  return sum;
}

}  // namespace bando::tiles::testing

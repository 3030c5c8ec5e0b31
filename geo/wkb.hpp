#pragma once
// Decoding of OGC/ISO WKB into geo::Geometry.

#include <cstdint>
#include <span>

#include "geo/geometry.hpp"

namespace bando::geo {

// Decodes WKB in either byte order. Z and M ordinates (ISO 1000/2000/3000 codes
// or the EWKB flag bits) are read and dropped. Throws bando::Error
// (invalid_argument) on truncated input or an unknown type code.
Geometry decode_wkb(std::span<const std::uint8_t> wkb);

}  // namespace bando::geo

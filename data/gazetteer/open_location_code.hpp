#pragma once
// Open Location Code (Plus Code) encoding, decoding, shortening and recovery, written from the public specification.

#include <string>
#include <string_view>

namespace bando::data::olc {

// The cell a code names, in WGS 84 degrees. `south`/`west` are inclusive and
// `north`/`east` exclusive.
struct CodeArea {
  double south = 0;
  double west = 0;
  double north = 0;
  double east = 0;
  int length = 0;  // significant digits, without the '+'

  double center_lat() const { return (south + north) / 2; }
  double center_lon() const { return (west + east) / 2; }
};

// Digits in the standard code (about 14 m) and in the code with one grid
// refinement (about 3.5 m by 2.8 m).
inline constexpr int kPairCodeLength = 10;
inline constexpr int kGridCodeLength = 11;

// Encodes the point as a full code of `length` significant digits (an even
// number from 2 to 10, or 11). Latitude is clipped to [-90, 90] and longitude
// wrapped into [-180, 180). Throws bando::Error (invalid_argument) for another
// length or a non-finite coordinate. Thread-safe.
std::string encode(double lat, double lon, int length = kGridCodeLength);

// Decodes a full code such as "7P28QPG4+4P7". Letters may be lower case.
// Throws bando::Error (invalid_argument) naming the code when it is not a
// valid full code; padded codes ("7P280000+") are rejected too.
CodeArea decode(std::string_view code);

// Removes the leading digits of a full code that a reference point nearby
// can restore: 8, 6 or 4 digits when the code's centre lies within 0.3 of the
// matching pair resolution (0.000125°, 0.0025°, 0.05°... in each axis) of the
// reference. Returns the code unchanged when none can be removed. Throws like decode.
std::string shorten(std::string_view code, double reference_lat, double reference_lon);

// Restores the full code nearest to the reference point from a short code
// such as "QPG4+4P7"; a full code is returned upper-cased. Throws
// bando::Error (invalid_argument) when `code` is not a valid code.
std::string recover_nearest(std::string_view code, double reference_lat, double reference_lon);

}  // namespace bando::data::olc

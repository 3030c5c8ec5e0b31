#pragma once
// Decoding of CP1258 (Windows Vietnamese) attribute text, which GDAL's own recoding truncates.

#include <string>
#include <string_view>

namespace bando::data {

// True for the names GDAL and .cpg files use for Windows code page 1258
// ("CP1258", "1258", "WINDOWS-1258"), in any case.
bool is_cp1258(std::string_view encoding);

// Decodes CP1258 bytes with iconv and returns NFC UTF-8. CP1258 writes many
// Vietnamese letters as a base letter and a combining tone mark, so iconv keeps
// the last letter back until it reads the next one. This function flushes it,
// but GDAL 3.6's recoding does not and drops the last letter of every value.
// Thread-safe. Throws bando::Error (invalid_argument) on bytes CP1258 does not define.
std::string decode_cp1258(std::string_view bytes);

}  // namespace bando::data

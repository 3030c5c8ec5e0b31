#include "data/ingest_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "data/gazetteer/text.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

struct IconvCloser {
  void operator()(void* descriptor) const noexcept { iconv_close(static_cast<iconv_t>(descriptor)); }
};

[[noreturn]] void throw_undecodable(std::string_view bytes) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("the text '{}' is not valid CP1258; check the .cpg file or the encoding option", bytes),
               fmt::format("văn bản '{}' không đúng mã CP1258; kiểm tra tệp .cpg hoặc tùy chọn encoding", bytes)});
}

}  // namespace

bool is_cp1258(std::string_view encoding) {
  std::string upper(encoding);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper == "CP1258" || upper == "1258" || upper == "WINDOWS-1258" || upper == "WINDOWS1258";
}

std::string decode_cp1258(std::string_view bytes) {
  if (bytes.empty()) return {};
  const iconv_t descriptor = iconv_open("UTF-8", "CP1258");
  if (descriptor == reinterpret_cast<iconv_t>(-1)) {
    throw Error(ErrorKind::unavailable, {"iconv cannot decode CP1258 on this system",
                                         "iconv trên máy này không giải mã được CP1258"});
  }
  const std::unique_ptr<void, IconvCloser> closer(descriptor);
  // A CP1258 byte becomes at most 3 UTF-8 bytes.
  std::string output(bytes.size() * 3 + 8, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  if (iconv(descriptor, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) throw_undecodable(bytes);
  if (iconv(descriptor, nullptr, nullptr, &out, &out_left) == static_cast<std::size_t>(-1)) throw_undecodable(bytes);
  output.resize(output.size() - out_left);
  return to_nfc(output);
}

}  // namespace bando::data

#include "server/auth.hpp"

#include "data/api_keys.hpp"
#include "geo/error.hpp"

namespace bando::server {

std::string authenticate_publisher(const Request& request, const data::SqliteStore& store) {
  const std::string_view header = request[http::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (header.empty()) {
    throw Error(ErrorKind::unauthorized,
                {"this request changes data and needs an API key in 'Authorization: Bearer <key>'",
                 "yêu cầu này thay đổi dữ liệu nên cần khóa API trong 'Authorization: Bearer <khóa>'"});
  }
  if (!header.starts_with(scheme)) {
    throw Error(ErrorKind::unauthorized,
                {"the Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'",
                 "phần đầu Authorization phải dùng kiểu Bearer: 'Authorization: Bearer <khóa>'"});
  }
  const std::string_view token = header.substr(scheme.size());
  auto publisher = store.with_reader(
      [&](data::SqliteConnection& db) { return data::find_api_key_publisher(db, token); });
  if (!publisher) {
    // The key itself is a secret, so the message does not repeat it.
    throw Error(ErrorKind::unauthorized,
                {"the API key is invalid or was revoked; ask the portal operator for a key (bando keys create)",
                 "khóa API không hợp lệ hoặc đã bị thu hồi; đề nghị đơn vị vận hành cấp khóa (bando keys create)"});
  }
  return *publisher;
}

}  // namespace bando::server

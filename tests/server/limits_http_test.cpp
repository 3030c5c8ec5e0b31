// Request size limits, methods other than GET, and several clients at once.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(HttpApi, OversizedBodyIs413) {
  // The default --max-body-bytes is 1 MiB.
  Request request{http::verb::post, "/collections", 11};
  request.set(http::field::content_type, "application/octet-stream");
  request.body().assign(2 * 1024 * 1024, 'x');
  const Exchange result = client().exchange(std::move(request));

  // The server responds before reading the whole body and closes the
  // connection, so writing the rest may fail. The response must still arrive.
  ASSERT_FALSE(result.read_error) << result.read_error.message();
  EXPECT_EQ(result.response.result(), http::status::payload_too_large);
  EXPECT_EQ(result.response[http::field::content_type], "application/problem+json");
  EXPECT_THAT(result.response.body(), HasSubstr("1048576"));
  EXPECT_FALSE(result.response.keep_alive());
}

TEST_F(HttpApi, ServerServesAfterOversizedBody) {
  Request request{http::verb::post, "/collections", 11};
  request.body().assign(2 * 1024 * 1024, 'x');
  client().exchange(std::move(request));
  EXPECT_EQ(get("/health").result(), http::status::ok);
}

TEST_F(HttpApi, OversizedHeaderIs431) {
  const Response response = get("/health", {{http::field::cookie, std::string(32 * 1024, 'c')}});
  EXPECT_EQ(response.result(), http::status::request_header_fields_too_large);
  EXPECT_EQ(get("/health").result(), http::status::ok);
}

TEST_F(HttpApi, PostOnCollectionsIs405) {
  Request request{http::verb::post, "/collections", 11};
  request.body() = "{}";
  const Exchange result = client().exchange(std::move(request));
  ASSERT_FALSE(result.read_error) << result.read_error.message();
  EXPECT_EQ(result.response.result(), http::status::method_not_allowed);
  EXPECT_THAT(problem_detail(result.response), HasSubstr("POST"));
}

TEST_F(HttpApi, DeleteOnCollectionIs405) {
  const Exchange result = client().exchange(Request{http::verb::delete_, "/collections/vn_provinces_2025", 11});
  ASSERT_FALSE(result.read_error) << result.read_error.message();
  EXPECT_EQ(result.response.result(), http::status::method_not_allowed);
}

TEST_F(HttpApi, ConcurrentRequestsAllSucceed) {
  // Eight clients at once, each on its own connection.
  std::vector<std::future<unsigned>> statuses;
  for (int i = 0; i < 8; ++i) {
    statuses.push_back(std::async(std::launch::async, [i] {
      const std::string target = i % 2 == 0 ? "/tiles/vn_provinces_2025/5/25/14.mvt"
                                            : "/collections/ha_noi_wards_2025/items?limit=50";
      return get(target).result_int();
    }));
  }
  for (auto& status : statuses) EXPECT_EQ(status.get(), 200u);
}

}  // namespace
}  // namespace bando::server::testing

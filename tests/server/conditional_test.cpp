// If-None-Match matching, Accept-Encoding negotiation and the gzip encoder, without sockets.

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "server/conditional.hpp"
#include "server/content_coding.hpp"

namespace bando::server {
namespace {

TEST(IfNoneMatch, MatchesListsWeakTagsAndStar) {
  const std::string etag = "\"a-1\"";
  EXPECT_TRUE(if_none_match_matches("\"a-1\"", etag));
  EXPECT_TRUE(if_none_match_matches("W/\"a-1\"", etag));
  EXPECT_TRUE(if_none_match_matches("\"x\", \"a-1\"", etag));
  EXPECT_TRUE(if_none_match_matches("\"x\",W/\"a-1\" ,\"y\"", etag));
  EXPECT_TRUE(if_none_match_matches(" * ", etag));
  EXPECT_FALSE(if_none_match_matches("", etag));
  EXPECT_FALSE(if_none_match_matches("\"a-12\"", etag));
  EXPECT_FALSE(if_none_match_matches("a-1", etag));
  EXPECT_FALSE(if_none_match_matches("\"a-1", etag));
}

TEST(IfNoneMatch, WeakTagMatchesEitherForm) {
  const std::string etag = "W/\"a-1\"";
  EXPECT_TRUE(if_none_match_matches("W/\"a-1\"", etag));
  EXPECT_TRUE(if_none_match_matches("\"a-1\"", etag));
  EXPECT_TRUE(if_none_match_matches("\"x\", W/\"a-1\"", etag));
  EXPECT_FALSE(if_none_match_matches("W/\"a-2\"", etag));
}

TEST(IfNoneMatch, SeveralFieldsFormOneList) {
  Request request{http::verb::get, "/collections/a/items", 11};
  request.insert(http::field::if_none_match, "\"x\"");
  request.insert(http::field::if_none_match, "\"a-1\"");
  EXPECT_TRUE(request_matches_etag(request, "\"a-1\""));
  EXPECT_FALSE(request_matches_etag(request, "\"b-2\""));
  EXPECT_FALSE(request_matches_etag(Request{http::verb::get, "/", 11}, "\"a-1\""));
}

TEST(JsonEncoding, VaryKeepsNegotiatedFields) {
  Request request{http::verb::get, "/collections", 11};
  Reply reply;
  reply.response.set(http::field::content_type, "application/json");
  reply.response.set(http::field::vary, "Accept, Accept-Language");
  reply.response.body() = "{}";
  encode_json_reply(request, reply);
  EXPECT_EQ(reply.response[http::field::vary], "Accept, Accept-Language, Accept-Encoding");

  Reply plain;
  plain.response.set(http::field::content_type, "application/json");
  plain.response.body() = "{}";
  encode_json_reply(request, plain);
  EXPECT_EQ(plain.response[http::field::vary], "Accept-Encoding");
}

TEST(IfNoneMatch, TagMayContainComma) {
  EXPECT_TRUE(if_none_match_matches("\"b\", \"a,1\"", "\"a,1\""));
  EXPECT_FALSE(if_none_match_matches("\"a\", \"1\"", "\"a,1\""));
}

TEST(AcceptsGzip, QualityValues) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("br, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("deflate, br"));
}

TEST(HashedEtag, DependsOnPartsAndCoding) {
  EXPECT_EQ(hashed_etag("c-v1", "x", false), hashed_etag("c-v1", "x", false));
  EXPECT_NE(hashed_etag("c-v1", "x", false), hashed_etag("c-v1", "y", false));
  EXPECT_NE(hashed_etag("c-v1", "x", false), hashed_etag("c-v1", "x", true));
  EXPECT_EQ(hashed_etag("c-v1", "x", false).front(), '"');
  EXPECT_EQ(hashed_etag("c-v1", "x", false).back(), '"');
}

TEST(GzipEncoder, RoundTripInParts) {
  std::string plain;
  for (int i = 0; i < 20'000; ++i) plain += "feature " + std::to_string(i) + "\n";
  std::string compressed;
  GzipEncoder encoder;
  for (std::size_t at = 0; at < plain.size(); at += 7'000) encoder.update(plain.substr(at, 7'000), compressed);
  encoder.finish(compressed);

  std::string decoded(plain.size(), '\0');
  z_stream stream{};
  ASSERT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(decoded.data());
  stream.avail_out = static_cast<uInt>(decoded.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  EXPECT_EQ(stream.total_out, plain.size());
  inflateEnd(&stream);
  EXPECT_EQ(decoded, plain);
  EXPECT_LT(compressed.size(), plain.size() / 3);
}

}  // namespace
}  // namespace bando::server

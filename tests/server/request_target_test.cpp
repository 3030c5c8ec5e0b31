#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>

#include "geo/error.hpp"
#include "server/problem.hpp"
#include "server/request_target.hpp"

namespace bando {

// Prints an ErrorKind as the HTTP status it maps to, in failure messages.
void PrintTo(ErrorKind kind, std::ostream* out) {
  *out << "ErrorKind for HTTP " << static_cast<unsigned>(server::status_for(kind));
}

}  // namespace bando

namespace bando::server {
namespace {

// The ErrorKind parse_request_target throws for `target`, or nullopt when it parses.
std::optional<ErrorKind> error_kind_of(const std::string& target) {
  try {
    parse_request_target(target);
  } catch (const Error& error) {
    return error.kind();
  }
  return std::nullopt;
}

TEST(RequestTarget, PlainPathHasNoQuery) {
  const RequestTarget target = parse_request_target("/collections");
  EXPECT_EQ(target.path, "/collections");
  EXPECT_TRUE(target.query.pairs().empty());
}

TEST(RequestTarget, RootPath) {
  EXPECT_EQ(parse_request_target("/").path, "/");
}

TEST(RequestTarget, PathPercentEscapesAreDecoded) {
  EXPECT_EQ(parse_request_target("/a%20b").path, "/a b");
  EXPECT_EQ(parse_request_target("/web/%2e%2e/x").path, "/web/../x");
  EXPECT_EQ(parse_request_target("/H%C3%A0%20N%E1%BB%99i").path, "/Hà Nội");
}

TEST(RequestTarget, PlusInPathStaysPlus) {
  EXPECT_EQ(parse_request_target("/a+b").path, "/a+b");
}

TEST(RequestTarget, QueryIsSplitIntoPairs) {
  const RequestTarget target = parse_request_target("/items?limit=5&offset=10");
  EXPECT_EQ(target.path, "/items");
  ASSERT_EQ(target.query.pairs().size(), 2u);
  EXPECT_EQ(target.query.get("limit"), "5");
  EXPECT_EQ(target.query.get("offset"), "10");
}

TEST(RequestTarget, PlusInQueryIsSpace) {
  EXPECT_EQ(parse_request_target("/s?q=Ba+%C4%90%C3%ACnh").query.get("q"), "Ba Đình");
}

TEST(RequestTarget, QueryPercentEscapesAreDecoded) {
  const RequestTarget target = parse_request_target("/s?a=%26%3D&b%20c=1%2C2");
  EXPECT_EQ(target.query.get("a"), "&=");
  EXPECT_EQ(target.query.get("b c"), "1,2");
}

TEST(RequestTarget, EncodedPlusInQueryStaysPlus) {
  EXPECT_EQ(parse_request_target("/s?q=1%2B1").query.get("q"), "1+1");
}

TEST(RequestTarget, KeyWithoutValueIsEmpty) {
  const RequestTarget target = parse_request_target("/s?flag&x=");
  EXPECT_TRUE(target.query.has("flag"));
  EXPECT_EQ(target.query.get("flag"), "");
  EXPECT_EQ(target.query.get("x"), "");
}

TEST(RequestTarget, GetReturnsFirstOfRepeatedKey) {
  const RequestTarget target = parse_request_target("/s?limit=1&limit=2");
  EXPECT_EQ(target.query.get("limit"), "1");
  EXPECT_EQ(target.query.pairs().size(), 2u);
}

TEST(RequestTarget, MissingKeyIsNullopt) {
  const RequestTarget target = parse_request_target("/s?a=1");
  EXPECT_EQ(target.query.get("b"), std::nullopt);
  EXPECT_FALSE(target.query.has("b"));
}

TEST(RequestTarget, EmptyQueryAfterQuestionMark) {
  const RequestTarget target = parse_request_target("/s?");
  EXPECT_EQ(target.path, "/s");
  EXPECT_TRUE(target.query.pairs().empty());
}

TEST(RequestTarget, NulEscapeInPathIsRejected) {
  EXPECT_EQ(error_kind_of("/collections/a%00b"), ErrorKind::invalid_argument);
}

// A decoded NUL would cut the value short, so "limit=5%00abc" must not read as limit=5.
TEST(RequestTarget, NulEscapeInQueryIsRejected) {
  EXPECT_EQ(error_kind_of("/items?limit=5%00abc"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/items?a%00b=1"), ErrorKind::invalid_argument);
}

TEST(RequestTarget, EncodedSlashInPathIsRejected) {
  EXPECT_EQ(error_kind_of("/collections/a%2Fb/items"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/web/..%2f..%2fetc"), ErrorKind::invalid_argument);
}

TEST(RequestTarget, EncodedSlashInQueryIsDecoded) {
  const RequestTarget target = parse_request_target("/datasets?q=a%2Fb");
  EXPECT_EQ(target.query.get("q"), "a/b");
}

TEST(RequestTarget, NonOriginFormIsRejected) {
  EXPECT_EQ(error_kind_of(""), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("collections"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("http://127.0.0.1/collections"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("*"), ErrorKind::invalid_argument);
}

TEST(RequestTarget, RawControlBytesInPathAreRejected) {
  EXPECT_EQ(error_kind_of("/a b"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/a\tb"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/a\x7f"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/a\\b"), ErrorKind::invalid_argument);
  EXPECT_EQ(error_kind_of("/a#b"), ErrorKind::invalid_argument);
}

TEST(RequestTarget, ErrorNamesTheTarget) {
  try {
    parse_request_target("/x%00y");
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_NE(error.detail().en.find("/x%00y"), std::string::npos) << error.detail().en;
  }
}

}  // namespace
}  // namespace bando::server

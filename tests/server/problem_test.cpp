#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include <rapidjson/document.h>

#include "geo/error.hpp"
#include "server/problem.hpp"

namespace bando::server {

// Prints a Language by name in failure messages.
void PrintTo(Language language, std::ostream* out) { *out << (language == Language::en ? "en" : "vi"); }

namespace {

using ::testing::HasSubstr;

// A problem+json body's members, empty where missing or of another type.
struct ProblemBody {
  bool parsed = false;
  std::string type;
  std::string title;
  int status = 0;
  std::string detail;
};

ProblemBody parse_problem(const Response& response) {
  rapidjson::Document document;
  document.Parse(response.body().c_str());
  ProblemBody body;
  if (document.HasParseError() || !document.IsObject()) return body;
  body.parsed = true;
  if (document.HasMember("type") && document["type"].IsString()) body.type = document["type"].GetString();
  if (document.HasMember("title") && document["title"].IsString()) body.title = document["title"].GetString();
  if (document.HasMember("status") && document["status"].IsInt()) body.status = document["status"].GetInt();
  if (document.HasMember("detail") && document["detail"].IsString()) body.detail = document["detail"].GetString();
  return body;
}

const Error kUnknownCollection(ErrorKind::not_found, {"unknown collection 'x'", "không có bộ dữ liệu 'x'"});

TEST(NegotiateLanguage, AbsentHeaderIsVietnamese) {
  EXPECT_EQ(negotiate_language(""), Language::vi);
}

TEST(NegotiateLanguage, EnglishAlone) {
  EXPECT_EQ(negotiate_language("en"), Language::en);
}

TEST(NegotiateLanguage, EnglishRegionFirst) {
  EXPECT_EQ(negotiate_language("en-US,vi;q=0.5"), Language::en);
}

TEST(NegotiateLanguage, VietnameseFirst) {
  EXPECT_EQ(negotiate_language("vi,en;q=0.8"), Language::vi);
}

TEST(NegotiateLanguage, HigherQualityWinsOverOrder) {
  EXPECT_EQ(negotiate_language("vi;q=0.3,en;q=0.7"), Language::en);
  EXPECT_EQ(negotiate_language("en;q=0.3,vi-VN;q=0.7"), Language::vi);
}

TEST(NegotiateLanguage, SpacesAroundSeparatorsAreAllowed) {
  // RFC 9110 allows optional whitespace before and after ';' in a weight.
  EXPECT_EQ(negotiate_language("vi;q=0.9, en; q=0.5"), Language::vi);
  EXPECT_EQ(negotiate_language("vi;q=0.4, en ;q=0.6"), Language::en);
}

TEST(NegotiateLanguage, UnsupportedLanguagesFallBackToVietnamese) {
  EXPECT_EQ(negotiate_language("fr-FR,fr;q=0.9"), Language::vi);
  EXPECT_EQ(negotiate_language("*"), Language::vi);
}

TEST(NegotiateLanguage, ZeroQualityIsNotAcceptable) {
  EXPECT_EQ(negotiate_language("en;q=0"), Language::vi);
}

TEST(NegotiateLanguage, EqualQualityPrefersVietnamese) {
  EXPECT_EQ(negotiate_language("en;q=0.5,vi;q=0.5"), Language::vi);
}

TEST(NegotiateLanguage, EnglishAmongOthers) {
  EXPECT_EQ(negotiate_language("fr;q=0.9,en;q=0.8"), Language::en);
}

TEST(StatusFor, EveryKindMapsToItsStatus) {
  EXPECT_EQ(status_for(ErrorKind::invalid_argument), http::status::bad_request);
  EXPECT_EQ(status_for(ErrorKind::not_found), http::status::not_found);
  EXPECT_EQ(status_for(ErrorKind::unauthorized), http::status::unauthorized);
  EXPECT_EQ(status_for(ErrorKind::forbidden), http::status::forbidden);
  EXPECT_EQ(status_for(ErrorKind::method_not_allowed), http::status::method_not_allowed);
  EXPECT_EQ(status_for(ErrorKind::conflict), http::status::conflict);
  EXPECT_EQ(status_for(ErrorKind::payload_too_large), http::status::payload_too_large);
  EXPECT_EQ(status_for(ErrorKind::unavailable), http::status::service_unavailable);
  EXPECT_EQ(status_for(ErrorKind::internal), http::status::internal_server_error);
}

TEST(ProblemResponse, StatusAndMediaType) {
  const Response response = problem_response(kUnknownCollection, Language::vi);
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
}

TEST(ProblemResponse, VietnameseTitleAndDetail) {
  const Response response = problem_response(kUnknownCollection, Language::vi);
  const ProblemBody body = parse_problem(response);
  ASSERT_TRUE(body.parsed) << response.body();
  EXPECT_EQ(body.type, "about:blank");
  EXPECT_EQ(body.title, "Không tìm thấy");
  EXPECT_EQ(body.status, 404);
  EXPECT_EQ(body.detail, "không có bộ dữ liệu 'x'");
  EXPECT_EQ(response[http::field::content_language], "vi");
}

TEST(ProblemResponse, EnglishTitleAndDetail) {
  const Response response = problem_response(kUnknownCollection, Language::en);
  const ProblemBody body = parse_problem(response);
  ASSERT_TRUE(body.parsed) << response.body();
  EXPECT_EQ(body.title, "Not Found");
  EXPECT_EQ(body.status, 404);
  EXPECT_EQ(body.detail, "unknown collection 'x'");
  EXPECT_EQ(response[http::field::content_language], "en");
}

TEST(ProblemResponse, MissingVietnameseFallsBackToEnglish) {
  const Error error(ErrorKind::invalid_argument, {"limit must be an integer, got 'abc'", ""});
  const ProblemBody body = parse_problem(problem_response(error, Language::vi));
  EXPECT_EQ(body.title, "Yêu cầu không hợp lệ");
  EXPECT_EQ(body.status, 400);
  EXPECT_EQ(body.detail, "limit must be an integer, got 'abc'");
}

TEST(ProblemResponse, DetailIsEscapedJson) {
  const Error error(ErrorKind::invalid_argument, {"bad value '\"}\\'", ""});
  const ProblemBody body = parse_problem(problem_response(error, Language::en));
  ASSERT_TRUE(body.parsed);
  EXPECT_EQ(body.detail, "bad value '\"}\\'");
}

TEST(ProblemResponse, InternalErrorTitles) {
  const Error error(ErrorKind::internal, {"boom", "nổ"});
  EXPECT_EQ(parse_problem(problem_response(error, Language::en)).title, "Internal Server Error");
  EXPECT_EQ(parse_problem(problem_response(error, Language::vi)).title, "Lỗi máy chủ");
  EXPECT_EQ(problem_response(error, Language::en).result(), http::status::internal_server_error);
}

TEST(LimitExceededResponse, BodyLimit) {
  const Response response = limit_exceeded_response(http::status::payload_too_large, "body", 1048576);
  const ProblemBody body = parse_problem(response);
  EXPECT_EQ(response.result(), http::status::payload_too_large);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  EXPECT_EQ(body.status, 413);
  EXPECT_EQ(body.title, "Payload Too Large");
  EXPECT_THAT(body.detail, HasSubstr("1048576 bytes"));
  EXPECT_THAT(body.detail, HasSubstr("phần thân"));
}

TEST(LimitExceededResponse, HeaderLimit) {
  const Response response =
      limit_exceeded_response(http::status::request_header_fields_too_large, "header", 16384);
  const ProblemBody body = parse_problem(response);
  EXPECT_EQ(body.status, 431);
  EXPECT_EQ(body.title, "Request Header Fields Too Large");
  EXPECT_THAT(body.detail, HasSubstr("request header exceeds the limit of 16384 bytes"));
  EXPECT_THAT(body.detail, HasSubstr("phần đầu"));
}

}  // namespace
}  // namespace bando::server

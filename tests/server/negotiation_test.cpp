// Accept parsing, format and language choice, URL rewriting and HTML escaping.

#include <gtest/gtest.h>

#include <string>

#include "geo/error.hpp"
#include "server/handlers/html_page.hpp"
#include "server/handlers/negotiation.hpp"

namespace bando::server {
namespace {

constexpr const char* kFirefoxAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
constexpr const char* kChromeAccept =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7";

// Negotiates the format of a GET `target` with `accept` (none when empty).
Format format_for(const std::string& target, const std::string& accept) {
  Request request{http::verb::get, target, 11};
  if (!accept.empty()) request.set(http::field::accept, accept);
  RequestContext context{request, parse_request_target(target), {}, Language::vi, "http://h"};
  return negotiate_format(context, "application/geo+json");
}

TEST(AcceptQuality, AbsentHeaderAcceptsAll) {
  EXPECT_EQ(accept_quality("", "text/html"), 1.0);
  EXPECT_EQ(accept_quality("  ", "application/json"), 1.0);
}

TEST(AcceptQuality, MostSpecificRangeWins) {
  EXPECT_EQ(accept_quality("text/html;q=0.2, text/*;q=0.9, */*", "text/html"), 0.2);
  EXPECT_EQ(accept_quality("text/*;q=0.9, */*;q=0.1", "text/plain"), 0.9);
  EXPECT_EQ(accept_quality("*/*;q=0.1", "application/json"), 0.1);
  EXPECT_EQ(accept_quality("image/png", "application/json"), 0.0);
}

TEST(AcceptQuality, IgnoresCaseSpacesAndParameters) {
  EXPECT_EQ(accept_quality("Application/JSON ; charset=utf-8 ; q=0.5", "application/json"), 0.5);
  EXPECT_EQ(accept_quality("application/vnd.oai.openapi+json;version=3.0",
                           "application/vnd.oai.openapi+json;version=3.0"),
            1.0);
}

TEST(NegotiateFormat, BrowsersGetHtml) {
  EXPECT_EQ(format_for("/collections", kFirefoxAccept), Format::html);
  EXPECT_EQ(format_for("/collections", kChromeAccept), Format::html);
}

TEST(NegotiateFormat, ClientsGetJson) {
  EXPECT_EQ(format_for("/collections", ""), Format::json);
  EXPECT_EQ(format_for("/collections", "*/*"), Format::json);
  EXPECT_EQ(format_for("/collections", "application/json"), Format::json);
  EXPECT_EQ(format_for("/collections", "application/geo+json, text/html;q=0.5"), Format::json);
  EXPECT_EQ(format_for("/collections", "text/html;q=0.5, application/json"), Format::json);
}

TEST(NegotiateFormat, ParameterOverridesAccept) {
  EXPECT_EQ(format_for("/collections?f=json", kFirefoxAccept), Format::json);
  EXPECT_EQ(format_for("/collections?f=html", "application/json"), Format::html);
}

TEST(NegotiateFormat, UnknownFormatNamesValue) {
  try {
    format_for("/collections?f=xml", "");
    FAIL() << "f=xml was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::invalid_argument);
    EXPECT_NE(error.detail().en.find("'xml'"), std::string::npos) << error.detail().en;
    EXPECT_NE(error.detail().vi.find("'xml'"), std::string::npos) << error.detail().vi;
  }
}

TEST(PageLanguage, ParameterOverridesHeader) {
  Request request{http::verb::get, "/", 11};
  RequestContext english{request, parse_request_target("/?lang=en"), {}, Language::vi, "http://h"};
  EXPECT_EQ(page_language(english), Language::en);
  RequestContext header{request, parse_request_target("/"), {}, Language::en, "http://h"};
  EXPECT_EQ(page_language(header), Language::en);
  RequestContext bad{request, parse_request_target("/?lang=fr"), {}, Language::vi, "http://h"};
  EXPECT_THROW(page_language(bad), Error);
}

TEST(RequestUrlWith, ReplacesAndEncodes) {
  Request request{http::verb::get, "/", 11};
  RequestContext context{request, parse_request_target("/collections/a/items?f=json&name=a%20b&lang=en"),
                         {}, Language::vi, "http://h:1"};
  EXPECT_EQ(alternate_url(context, Format::html), "http://h:1/collections/a/items?name=a%20b&lang=en&f=html");
  EXPECT_EQ(alternate_url(context, Format::json), "http://h:1/collections/a/items?name=a%20b&f=json");
  EXPECT_EQ(request_url_with(context, {{"lang", "vi"}}),
            "http://h:1/collections/a/items?f=json&name=a%20b&lang=vi");
}

TEST(EscapeHtml, EscapesMarkupCharacters) {
  EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(escape_html("Hà Nội"), "Hà Nội");
}

}  // namespace
}  // namespace bando::server

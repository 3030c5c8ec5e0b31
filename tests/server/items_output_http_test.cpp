// Items output over HTTP: datetime on a temporal property, gzip, ETag and
// If-None-Match, and chunked streaming of large pages. The datasets are
// published with `bando publish` into the running server's store.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "data/sqlite_store.hpp"
#include "http_fixture.hpp"
#include "query_http_support.hpp"

namespace bando::server::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kEvents = "temporal_events";
constexpr const char* kPoints = "stream_points";
constexpr int kPointCount = 3000;

// The temporal property "observed" of features 1 to 7. Feature 1 is a date,
// so it covers the whole UTC day of 2024-01-15; feature 2 is 01:00Z that day.
// Feature 4 is 2024-03-11T01:30Z, a day later in UTC than its local date.
// Features 5 and 6 have no usable value, and 7 is a leap day.
constexpr const char* kEventsGeoJson = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "a", "observed": "2024-01-15"},
   "geometry": {"type": "Point", "coordinates": [105.8, 21.0]}},
  {"type": "Feature", "properties": {"name": "b", "observed": "2024-01-15T08:00:00+07:00"},
   "geometry": {"type": "Point", "coordinates": [105.9, 21.1]}},
  {"type": "Feature", "properties": {"name": "c", "observed": "2024-02-01T00:00:00Z"},
   "geometry": {"type": "Point", "coordinates": [106.0, 21.2]}},
  {"type": "Feature", "properties": {"name": "d", "observed": "2024-03-10T23:30:00-02:00"},
   "geometry": {"type": "Point", "coordinates": [106.1, 21.3]}},
  {"type": "Feature", "properties": {"name": "e", "observed": "mùa xuân 2024"},
   "geometry": {"type": "Point", "coordinates": [106.2, 21.4]}},
  {"type": "Feature", "properties": {"name": "f", "observed": null},
   "geometry": {"type": "Point", "coordinates": [106.3, 21.5]}},
  {"type": "Feature", "properties": {"name": "g", "observed": "2024-02-29T12:00:00.250Z"},
   "geometry": {"type": "Point", "coordinates": [106.4, 21.6]}}
]})";

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << "writing " << path << " failed";
}

// `count` points, each with a note long enough that about 2 500 features fill
// a 1 MiB part of a streamed page.
std::string points_geojson(int count) {
  std::string note;
  for (int i = 0; i < 12; ++i) note += "Trạm đo mực nước. ";
  std::string text = R"({"type": "FeatureCollection", "features": [)";
  for (int i = 1; i <= count; ++i) {
    text += fmt::format(R"({}{{"type": "Feature", "properties": {{"n": {}, "label": "Điểm quan trắc số {}", )"
                        R"("note": "{}"}}, "geometry": {{"type": "Point", "coordinates": [{:.6f}, {:.6f}]}}}})",
                        i == 1 ? "" : ",", i, i, note, 105.0 + i * 1e-4, 20.0 + i * 1e-4);
  }
  return text + "]}";
}

// Decodes a gzip body with zlib. Records a failure when it is not valid gzip.
std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  // windowBits 15 plus 16 accepts only the gzip format (zlib.h).
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string output;
  int code = Z_OK;
  while (code == Z_OK) {
    char block[64 * 1024];
    stream.next_out = reinterpret_cast<Bytef*>(block);
    stream.avail_out = sizeof block;
    code = inflate(&stream, Z_NO_FLUSH);
    output.append(block, sizeof block - stream.avail_out);
  }
  EXPECT_EQ(code, Z_STREAM_END) << "the body is not one complete gzip member";
  EXPECT_EQ(stream.avail_in, 0u) << "bytes follow the gzip member";
  inflateEnd(&stream);
  return output;
}

class ItemsOutput : public HttpApi {
 protected:
  static void SetUpTestSuite() {
    HttpApi::SetUpTestSuite();
    if (::testing::Test::HasFatalFailure()) return;
    const std::filesystem::path folder = std::filesystem::path(store_path()).parent_path();
    write_file(folder / "events.geojson", kEventsGeoJson);
    write_file(folder / "points.geojson", points_geojson(kPointCount));
    events_report_ = publish(folder / "events.geojson", kEvents, "--temporal observed");
    publish(folder / "points.geojson", kPoints, "");
  }

  // Runs `bando publish` into the server's store and returns its output.
  static CommandResult publish(const std::filesystem::path& file, const std::string& id, const std::string& extra) {
    CommandResult result = run_command(fmt::format("{} publish '{}' --id {} --store '{}' {}", BANDO_EXECUTABLE,
                                                   file.string(), id, store_path(), extra));
    EXPECT_EQ(result.status, 0) << result.output;
    // The server notices a commit by another process within this interval.
    std::this_thread::sleep_for(2 * data::SqliteStore::kExternalCommitCheckInterval);
    return result;
  }

  // The feature ids of /collections/temporal_events/items for a datetime value.
  static std::vector<std::int64_t> ids_at(const std::string& datetime) {
    const Response response = get(fmt::format("/collections/{}/items?datetime={}", kEvents, url_encode(datetime)));
    EXPECT_EQ(response.result_int(), 200) << datetime << ": " << response.body();
    return feature_ids(parse_json(response.body()));
  }

  static CommandResult events_report_;
};

CommandResult ItemsOutput::events_report_;

TEST_F(ItemsOutput, DatetimeInstantMatchesDayAndInstant) {
  EXPECT_THAT(ids_at("2024-01-15T01:00:00Z"), ElementsAre(1, 2));
  EXPECT_THAT(ids_at("2024-01-15T08:00:00+07:00"), ElementsAre(1, 2));
  EXPECT_THAT(ids_at("2024-01-15T12:00:00Z"), ElementsAre(1));
  EXPECT_THAT(ids_at("2024-03-11T01:30:00Z"), ElementsAre(4));
  EXPECT_THAT(ids_at("2024-02-29T12:00:00.250Z"), ElementsAre(7));
  EXPECT_THAT(ids_at("2024-02-29T12:00:00Z"), IsEmpty());
}

TEST_F(ItemsOutput, DatetimeDateIsWholeUtcDay) {
  EXPECT_THAT(ids_at("2024-01-15"), ElementsAre(1, 2));
  EXPECT_THAT(ids_at("2024-03-11"), ElementsAre(4));
  EXPECT_THAT(ids_at("2024-03-10"), IsEmpty());
}

TEST_F(ItemsOutput, DatetimeIntervals) {
  EXPECT_THAT(ids_at("2024-01-16/.."), ElementsAre(3, 4, 7));
  EXPECT_THAT(ids_at("2024-01-16/"), ElementsAre(3, 4, 7));
  EXPECT_THAT(ids_at("../2024-01-31"), ElementsAre(1, 2));
  EXPECT_THAT(ids_at("/2024-02-01T00:00:00Z"), ElementsAre(1, 2, 3));
  EXPECT_THAT(ids_at("2024-02-01T00:00:00Z/2024-03-11"), ElementsAre(3, 4, 7));
  EXPECT_THAT(ids_at("2024-01-15T02:00:00+01:00/2024-02-01T06:59:59+07:00"), ElementsAre(1, 2));
  EXPECT_THAT(ids_at("2024-02-02/2024-02-28"), IsEmpty());
}

TEST_F(ItemsOutput, DatetimeNarrowsNumberMatched) {
  const Response response = get(fmt::format("/collections/{}/items?limit=1&datetime=2024-01-16/..", kEvents));
  const rapidjson::Document page = parse_json(response.body());
  EXPECT_EQ(json_int(page, "/numberMatched"), 3);
  EXPECT_EQ(json_int(page, "/numberReturned"), 1);
  const std::optional<std::string> next = link_href(page, "next");
  ASSERT_TRUE(next.has_value());
  EXPECT_THAT(*next, HasSubstr("datetime=2024-01-16%2F.."));
}

TEST_F(ItemsOutput, InvalidDatetimeIsNamed) {
  for (const std::string value : {"2024-13-01", "2023-02-29", "2024-01-15T10:00:00", "../..", "2024-01-01/2024-02-01/..",
                                  "2024-02-01/2024-01-01", "yesterday"}) {
    const Response response =
        get(fmt::format("/collections/{}/items?datetime={}", kEvents, url_encode(value)), {{http::field::accept_language, "en"}});
    EXPECT_EQ(response.result_int(), 400) << value;
    EXPECT_THAT(problem_detail(response), HasSubstr("'" + value + "'"));
  }
}

TEST_F(ItemsOutput, DatetimeWithoutTemporalPropertyIs400) {
  const Response response = get(fmt::format("/collections/{}/items?datetime=2024-01-15", kPoints));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("thuộc tính thời gian"));
}

TEST_F(ItemsOutput, CollectionHasTemporalExtent) {
  const rapidjson::Document collection = parse_json(get(fmt::format("/collections/{}", kEvents)).body());
  EXPECT_EQ(json_string(collection, "/extent/temporal/interval/0/0"), "2024-01-15T00:00:00Z");
  EXPECT_EQ(json_string(collection, "/extent/temporal/interval/0/1"), "2024-03-11T01:30:00Z");
  EXPECT_EQ(json_string(collection, "/extent/temporal/trs"), "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian");

  // Without a temporal property the interval is open at both ends.
  const rapidjson::Document plain = parse_json(get(fmt::format("/collections/{}", kPoints)).body());
  const rapidjson::Value* start = json_at(plain, "/extent/temporal/interval/0/0");
  const rapidjson::Value* end = json_at(plain, "/extent/temporal/interval/0/1");
  ASSERT_NE(start, nullptr);
  ASSERT_NE(end, nullptr);
  EXPECT_TRUE(start->IsNull());
  EXPECT_TRUE(end->IsNull());
}

TEST_F(ItemsOutput, PublishReportsUnparsedTimes) {
  // The report names source FIDs, which GDAL's GeoJSON driver counts from 0, so feature id 5 is FID 4.
  EXPECT_THAT(events_report_.output, HasSubstr("feature 4 has no time: observed 'mùa xuân 2024' is not an RFC 3339"));
  EXPECT_THAT(events_report_.output, HasSubstr("1 features have no value for temporal property 'observed'"));
}

TEST_F(ItemsOutput, PublishRejectsUnknownTemporalProperty) {
  const std::filesystem::path file = std::filesystem::path(store_path()).parent_path() / "events.geojson";
  const CommandResult result = run_command(fmt::format("{} publish '{}' --id events_bad --store '{}' --temporal when",
                                                       BANDO_EXECUTABLE, file.string(), store_path()));
  EXPECT_NE(result.status, 0);
  EXPECT_THAT(result.output, HasSubstr("temporal property 'when' is not a property of the file"));
  EXPECT_EQ(get("/collections/events_bad").result_int(), 404);
}

TEST_F(ItemsOutput, LargePageIsChunked) {
  const Response response = get(fmt::format("/collections/{}/items?limit={}", kPoints, kPointCount));
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::transfer_encoding], "chunked");
  EXPECT_EQ(response.find(http::field::content_length), response.end());
  const rapidjson::Document page = parse_json(response.body());
  EXPECT_EQ(json_int(page, "/numberReturned"), kPointCount);
  EXPECT_EQ(json_int(page, "/numberMatched"), kPointCount);
  const std::vector<std::int64_t> ids = feature_ids(page);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kPointCount));
  for (int i = 0; i < kPointCount; ++i) EXPECT_EQ(ids[static_cast<std::size_t>(i)], i + 1);
  EXPECT_EQ(json_string(page, "/features/2999/properties/label"), "Điểm quan trắc số 3000");
}

TEST_F(ItemsOutput, Http10LargePageIsWhole) {
  // HTTP/1.0 has no chunked transfer coding, so the server sends the streamed body whole.
  Request request{http::verb::get, fmt::format("/collections/{}/items?limit={}", kPoints, kPointCount), 10};
  const Exchange exchange = client().exchange(std::move(request));
  ASSERT_FALSE(exchange.read_error && exchange.read_error != http::error::end_of_stream) << exchange.read_error.message();
  const Response& response = exchange.response;
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.find(http::field::transfer_encoding), response.end());
  EXPECT_EQ(response[http::field::content_length], std::to_string(response.body().size()));
  EXPECT_EQ(json_int(parse_json(response.body()), "/numberReturned"), kPointCount);
}

TEST_F(ItemsOutput, SmallPageHasContentLength) {
  const Response response = get(fmt::format("/collections/{}/items?limit=5", kPoints));
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.find(http::field::transfer_encoding), response.end());
  EXPECT_EQ(response[http::field::content_length], std::to_string(response.body().size()));
  EXPECT_THAT(feature_ids(parse_json(response.body())), ElementsAre(1, 2, 3, 4, 5));
}

TEST_F(ItemsOutput, GzipRoundTripOfStreamedPage) {
  const std::string target = fmt::format("/collections/{}/items?limit={}", kPoints, kPointCount);
  const Response plain = get(target);
  const Response compressed = get(target, {{http::field::accept_encoding, "br;q=1.0, gzip;q=0.8"}});
  ASSERT_EQ(compressed.result_int(), 200);
  EXPECT_EQ(compressed[http::field::content_encoding], "gzip");
  EXPECT_EQ(compressed[http::field::vary], "Accept, Accept-Language, Accept-Encoding");
  EXPECT_EQ(compressed[http::field::transfer_encoding], "chunked");
  EXPECT_LT(compressed.body().size(), plain.body().size() / 4);

  const rapidjson::Document expected = parse_json(plain.body());
  const rapidjson::Document actual = parse_json(gunzip(compressed.body()));
  ASSERT_TRUE(actual.IsObject());
  EXPECT_TRUE(actual["features"] == expected["features"]);
  EXPECT_EQ(json_int(actual, "/numberReturned"), kPointCount);
}

TEST_F(ItemsOutput, GzipOfSmallJsonResponses) {
  for (const std::string& target : {std::string("/collections"), fmt::format("/collections/{}/items/3", kEvents),
                                   fmt::format("/collections/{}/items?limit=2", kEvents)}) {
    const Response plain = get(target);
    const Response compressed = get(target, {{http::field::accept_encoding, "gzip"}});
    EXPECT_EQ(compressed[http::field::content_encoding], "gzip") << target;
    EXPECT_EQ(plain.find(http::field::content_encoding), plain.end()) << target;
    // These responses are negotiated, so Vary names Accept as well as Accept-Encoding.
    EXPECT_EQ(plain[http::field::vary], "Accept, Accept-Language, Accept-Encoding") << target;
    rapidjson::Document expected = parse_json(plain.body());
    rapidjson::Document actual = parse_json(gunzip(compressed.body()));
    ASSERT_TRUE(expected.IsObject()) << target;
    ASSERT_TRUE(actual.IsObject()) << target;
    // Items pages carry the time of each response, which may differ by a second.
    expected.RemoveMember("timeStamp");
    actual.RemoveMember("timeStamp");
    EXPECT_TRUE(actual == expected) << target;
  }
}

TEST_F(ItemsOutput, GzipRefusedWithQualityZero) {
  const Response response =
      get(fmt::format("/collections/{}/items", kEvents), {{http::field::accept_encoding, "gzip;q=0, identity"}});
  EXPECT_EQ(response.find(http::field::content_encoding), response.end());
  EXPECT_THAT(feature_ids(parse_json(response.body())), ElementsAre(1, 2, 3, 4, 5, 6, 7));
}

TEST_F(ItemsOutput, IfNoneMatchGives304) {
  const std::string target = fmt::format("/collections/{}/items?datetime=2024-01-15&limit=5", kEvents);
  const Response first = get(target);
  const std::string etag(first[http::field::etag]);
  // Weak, because timeStamp changes between otherwise equal responses.
  ASSERT_TRUE(etag.starts_with("W/\"")) << etag;
  const std::string opaque = etag.substr(2);

  for (const std::string& header : {etag, opaque, "\"other\", " + opaque, "\"other\"," + etag, std::string("*")}) {
    const Response again = get(target, {{http::field::if_none_match, header}});
    EXPECT_EQ(again.result_int(), 304) << header;
    EXPECT_EQ(again[http::field::etag], etag) << header;
    EXPECT_TRUE(again.body().empty()) << header;
  }
  EXPECT_EQ(get(target, {{http::field::if_none_match, "\"other\""}}).result_int(), 200);
}

TEST_F(ItemsOutput, EtagFollowsRequestAndCoding) {
  const std::string base = fmt::format("/collections/{}/items", kEvents);
  const std::string etag(get(base + "?limit=5&datetime=2024-01-15")[http::field::etag]);
  // The same parameters in another order are the same request.
  EXPECT_EQ(get(base + "?datetime=2024-01-15&limit=5")[http::field::etag], etag);
  EXPECT_NE(get(base + "?limit=4&datetime=2024-01-15")[http::field::etag], etag);
  const Response compressed = get(base + "?limit=5&datetime=2024-01-15", {{http::field::accept_encoding, "gzip"}});
  EXPECT_NE(compressed[http::field::etag], etag);
  EXPECT_EQ(get(base + "?limit=5&datetime=2024-01-15", {{http::field::if_none_match, etag},
                                                        {http::field::accept_encoding, "gzip"}})
                .result_int(),
            200);
}

TEST_F(ItemsOutput, RepublishChangesEtag) {
  const std::filesystem::path folder = std::filesystem::path(store_path()).parent_path();
  write_file(folder / "etag.geojson", points_geojson(3));
  publish(folder / "etag.geojson", "etag_points", "");
  const std::string target = "/collections/etag_points/items";
  const std::string etag(get(target)[http::field::etag]);
  const std::string item_etag(get(target + "/1")[http::field::etag]);
  EXPECT_EQ(get(target, {{http::field::if_none_match, etag}}).result_int(), 304);
  EXPECT_EQ(get(target + "/1", {{http::field::if_none_match, item_etag}}).result_int(), 304);

  publish(folder / "etag.geojson", "etag_points", "");
  EXPECT_EQ(get(target, {{http::field::if_none_match, etag}}).result_int(), 200);
  EXPECT_EQ(get(target + "/1", {{http::field::if_none_match, item_etag}}).result_int(), 200);
}

TEST_F(ItemsOutput, TileIfNoneMatchListsAndWeakTags) {
  const std::string target = "/tiles/vn_provinces_2025/5/25/14.mvt";
  const Response first = get(target);
  ASSERT_EQ(first.result_int(), 200);
  const std::string etag(first[http::field::etag]);
  for (const std::string& header : {etag, "W/" + etag, "\"x\", " + etag, std::string("*")}) {
    EXPECT_EQ(get(target, {{http::field::if_none_match, header}}).result_int(), 304) << header;
  }
  EXPECT_EQ(get(target, {{http::field::if_none_match, "\"x\""}}).result_int(), 200);
}

}  // namespace
}  // namespace bando::server::testing

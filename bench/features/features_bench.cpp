// Measures GeoJSON FeatureCollection throughput of bando's /items against PostGIS
// building the same collection in SQL, alternating the two in one run.

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <libpq-fe.h>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

// The FeatureCollection SQL, built with json_build_object and ST_AsGeoJSON as
// pg_featureserv does. $1..$4 are the bbox in degrees.
constexpr const char* kPostgisSql = R"(
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', coalesce(json_agg(json_build_object(
      'type', 'Feature',
      'id', t.fid,
      'geometry', ST_AsGeoJSON(t.geom, 9)::json,
      'properties', to_jsonb(t) - 'geom' - 'fid')), '[]'::json),
  'numberReturned', count(*))::text
FROM (SELECT * FROM districts
      WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
        AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
      ORDER BY fid LIMIT 1000) AS t)";

struct Options {
  std::string host = "127.0.0.1";
  std::string port;
  std::string target;
  std::string conninfo;
  std::vector<std::string> bbox;
  int seconds = 20;
  int threads = 2;
};

// One keep-alive HTTP/1.1 connection to bando on 127.0.0.1.
class BandoClient {
 public:
  explicit BandoClient(const Options& options) : options_(options), stream_(context_) {
    asio::ip::tcp::resolver resolver(context_);
    stream_.connect(resolver.resolve(options.host, options.port));
  }

  std::size_t fetch() {
    http::request<http::empty_body> request{http::verb::get, options_.target, 11};
    request.set(http::field::host, options_.host);
    request.set(http::field::accept, "application/geo+json");
    http::write(stream_, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(512 * 1024 * 1024);
    http::read(stream_, buffer, parser);
    if (parser.get().result() != http::status::ok) throw std::runtime_error("bando returned " + parser.get().body());
    return parser.get().body().size();
  }

 private:
  const Options& options_;
  asio::io_context context_;
  beast::tcp_stream stream_;
};

class PostgisClient {
 public:
  explicit PostgisClient(const Options& options) : options_(options), connection_(PQconnectdb(options.conninfo.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(connection_));
  }
  ~PostgisClient() { PQfinish(connection_); }
  PostgisClient(const PostgisClient&) = delete;
  PostgisClient& operator=(const PostgisClient&) = delete;

  std::size_t fetch() {
    const char* values[4];
    for (int i = 0; i < 4; ++i) values[i] = options_.bbox[i].c_str();
    PGresult* result = PQexecParams(connection_, kPostgisSql, 4, nullptr, values, nullptr, nullptr, 0);
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
      const std::string message = PQresultErrorMessage(result);
      PQclear(result);
      throw std::runtime_error(message);
    }
    const std::size_t size = static_cast<std::size_t>(PQgetlength(result, 0, 0));
    PQclear(result);
    return size;
  }

 private:
  const Options& options_;
  PGconn* connection_;
};

struct Measurement {
  double requests_per_second = 0;
  double megabytes_per_request = 0;
};

// Runs `threads` clients for `seconds`, each on its own connection.
template <typename Client>
Measurement measure(const Options& options) {
  std::vector<std::thread> workers;
  std::vector<long> counts(options.threads, 0);
  std::vector<std::size_t> bytes(options.threads, 0);
  const auto start = Clock::now();
  const auto stop = start + std::chrono::seconds(options.seconds);
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&, t] {
      Client client(options);
      while (Clock::now() < stop) {
        bytes[t] = client.fetch();
        ++counts[t];
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  long total = 0;
  for (long count : counts) total += count;
  return {static_cast<double>(total) / elapsed, static_cast<double>(bytes[0]) / 1e6};
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--port") options.port = value;
    else if (key == "--target") options.target = value;
    else if (key == "--pg") options.conninfo = value;
    else if (key == "--seconds") options.seconds = std::stoi(value);
    else if (key == "--threads") options.threads = std::stoi(value);
    else if (key == "--bbox") {
      std::string rest = value;
      for (std::size_t comma; (comma = rest.find(',')) != std::string::npos; rest.erase(0, comma + 1)) {
        options.bbox.push_back(rest.substr(0, comma));
      }
      options.bbox.push_back(rest);
    } else {
      throw std::invalid_argument("unknown option " + key);
    }
  }
  if (options.port.empty() || options.target.empty() || options.conninfo.empty() || options.bbox.size() != 4) {
    throw std::invalid_argument(
        "usage: features_bench --port BANDO_PORT --target /collections/ID/items?... --pg CONNINFO "
        "--bbox minLon,minLat,maxLon,maxLat [--seconds 20] [--threads 2]");
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    // Warm both caches, then alternate: bando, PostGIS, bando, PostGIS.
    BandoClient(options).fetch();
    PostgisClient(options).fetch();
    Options half = options;
    half.seconds = options.seconds / 2;
    std::vector<Measurement> bando_runs;
    std::vector<Measurement> postgis_runs;
    for (int round = 0; round < 2; ++round) {
      bando_runs.push_back(measure<BandoClient>(half));
      postgis_runs.push_back(measure<PostgisClient>(half));
    }
    const double bando = (bando_runs[0].requests_per_second + bando_runs[1].requests_per_second) / 2;
    const double postgis = (postgis_runs[0].requests_per_second + postgis_runs[1].requests_per_second) / 2;
    fmt::print("bando   {:8.1f} collections/s  ({:.2f} MB each)\n", bando, bando_runs[0].megabytes_per_request);
    fmt::print("PostGIS {:8.1f} collections/s  ({:.2f} MB each)\n", postgis, postgis_runs[0].megabytes_per_request);
    fmt::print("ratio bando/PostGIS {:.2f}\n", bando / postgis);
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "features_bench: " << error.what() << "\n";
    return 1;
  }
}

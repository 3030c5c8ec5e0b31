// Connection handling over raw sockets: read and write timeouts, requests that
// are not HTTP, and several requests sent in one write.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using SteadyClock = std::chrono::steady_clock;

// What a connection received before the server closed it or the wait ended.
struct Received {
  std::string bytes;
  bool closed = false;
  milliseconds waited{0};
};

// A plain TCP connection to 127.0.0.1 that writes exact bytes and reads
// whatever comes back.
class RawConnection {
 public:
  // `receive_buffer` > 0 shrinks the socket's receive buffer before connecting,
  // so a client that does not read makes the server's writes block soon.
  explicit RawConnection(unsigned short port, int receive_buffer = 0) : socket_(io_) {
    socket_.open(tcp::v4());
    if (receive_buffer > 0) socket_.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  void send(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes.data(), bytes.size())); }

  // Reads until the server closes the connection or `limit` passes.
  Received read_until_closed(milliseconds limit) {
    Received received;
    const auto start = SteadyClock::now();
    char chunk[64 * 1024];
    for (;;) {
      const auto left = limit - std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
      if (left <= milliseconds(0)) break;
      pollfd ready{socket_.native_handle(), POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
      boost::system::error_code ec;
      const std::size_t n = socket_.read_some(asio::buffer(chunk), ec);
      received.bytes.append(chunk, n);
      if (ec) {
        received.closed = true;
        break;
      }
    }
    received.waited = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - start);
    return received;
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
};

// A second `bando serve` on the suite's store, with extra options such as
// short timeouts. The store is already loaded, so it starts at once.
class SecondServer {
 public:
  SecondServer(const std::string& store, const std::vector<std::string>& extra_options) {
    std::vector<std::string> arguments{"serve",   "--port",  "0",      "--bind",          "127.0.0.1",
                                       "--store", store,     "--bundled", BANDO_BUNDLED_DIR, "--no-access-log"};
    arguments.insert(arguments.end(), extra_options.begin(), extra_options.end());
    process_ = std::make_unique<ServerProcess>(BANDO_EXECUTABLE, arguments);
    port_ = process_->wait_for_port("listening on http://127.0.0.1:", std::chrono::seconds(60)).value_or(0);
  }

  unsigned short port() const { return static_cast<unsigned short>(port_); }
  std::string log() const { return process_->log(); }

 private:
  std::unique_ptr<ServerProcess> process_;
  int port_ = 0;
};

using Connections = HttpApi;

constexpr std::string_view kPartialRequest = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";

TEST_F(Connections, PartialRequestIsClosedAfterReadTimeout) {
  SecondServer server(store_path(), {"--read-timeout", "1"});
  ASSERT_NE(server.port(), 0) << server.log();
  RawConnection connection(server.port());
  connection.send(kPartialRequest);
  const Received received = connection.read_until_closed(milliseconds(10'000));
  EXPECT_TRUE(received.closed);
  EXPECT_THAT(received.bytes, StartsWith("HTTP/1.1 408 Request Timeout\r\n"));
  EXPECT_THAT(received.bytes, HasSubstr("--read-timeout"));
  // One second of timeout, checked every half second.
  EXPECT_GE(received.waited, milliseconds(900));
  EXPECT_LE(received.waited, milliseconds(5'000));
}

TEST_F(Connections, IdleConnectionIsClosedAfterReadTimeout) {
  SecondServer server(store_path(), {"--read-timeout", "1"});
  ASSERT_NE(server.port(), 0) << server.log();
  RawConnection connection(server.port());
  connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  const Received received = connection.read_until_closed(milliseconds(10'000));
  EXPECT_THAT(received.bytes, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(received.bytes, Not(HasSubstr("408")));
  EXPECT_TRUE(received.closed);
  EXPECT_LE(received.waited, milliseconds(5'000));
}

TEST_F(Connections, PartialRequestOpenUnderDefaultTimeout) {
  // The suite's server keeps the default 30 s, so the closes above come from --read-timeout.
  RawConnection connection(client().port());
  connection.send(kPartialRequest);
  const Received received = connection.read_until_closed(milliseconds(2'000));
  EXPECT_FALSE(received.closed);
  EXPECT_EQ(received.bytes, "");
}

TEST_F(Connections, StalledReaderClosedAfterWriteTimeout) {
  SecondServer server(store_path(), {"--write-timeout", "1"});
  ASSERT_NE(server.port(), 0) << server.log();
  const std::string target = "/collections/vn_districts_pre2025/items?limit=10000";
  const std::size_t full_size = get(target).body().size();
  ASSERT_GT(full_size, 8u * 1024 * 1024) << "the test needs a response larger than the socket buffers";

  RawConnection connection(server.port(), 4096);
  connection.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::this_thread::sleep_for(milliseconds(3'000));
  const Received received = connection.read_until_closed(milliseconds(10'000));
  EXPECT_TRUE(received.closed);
  EXPECT_THAT(received.bytes, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_LT(received.bytes.size(), full_size);
}

TEST_F(Connections, RequestThatIsNotHttpIs400Problem) {
  RawConnection connection(client().port());
  connection.send("HELLO bando\r\n\r\n");
  const Received received = connection.read_until_closed(milliseconds(10'000));
  EXPECT_THAT(received.bytes, StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  EXPECT_THAT(received.bytes, HasSubstr("Content-Type: application/problem+json"));
  EXPECT_THAT(received.bytes, HasSubstr("not valid HTTP/1.1"));
  EXPECT_TRUE(received.closed);
}

TEST_F(Connections, RequestsSentTogetherAreAnsweredInOrder) {
  RawConnection connection(client().port());
  connection.send(
      "GET /postcodes/11024 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /postcodes/99999 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const Received received = connection.read_until_closed(milliseconds(10'000));
  EXPECT_TRUE(received.closed);
  const std::size_t postcode = received.bytes.find("\"11024\"");
  const std::size_t health = received.bytes.find("\"status\":\"ok\"");
  const std::size_t missing = received.bytes.find("HTTP/1.1 404");
  ASSERT_NE(postcode, std::string::npos) << received.bytes;
  ASSERT_NE(health, std::string::npos) << received.bytes;
  ASSERT_NE(missing, std::string::npos) << received.bytes;
  EXPECT_LT(postcode, health);
  EXPECT_LT(health, missing);
}

TEST_F(Connections, ExpectContinueGetsInterimResponse) {
  const std::string body = R"({"postcodes":["11024"]})";
  RawConnection connection(client().port());
  connection.send("POST /postcodes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  "Expect: 100-continue\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n");
  const Received interim = connection.read_until_closed(milliseconds(500));
  EXPECT_EQ(interim.bytes, "HTTP/1.1 100 Continue\r\n\r\n");
  connection.send(body);
  const Received final_response = connection.read_until_closed(milliseconds(1'000));
  EXPECT_THAT(final_response.bytes, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(final_response.bytes, HasSubstr("\"11024\""));
}

}  // namespace
}  // namespace bando::server::testing

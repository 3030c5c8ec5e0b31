#pragma once
// One HTTP/1.1 connection of HttpServer.

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "server/connection_deadlines.hpp"
#include "server/http_server.hpp"

namespace bando::server {

// Serves requests on `socket` one after the other until the client closes the
// connection, a response carries "Connection: close", or a timeout in `limits`
// passes. `deadlines` must belong to the io_context of `socket`, and that
// io_context must be run by one thread.
void start_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<const RequestHandler> handler,
                   const ServerLimits& limits, std::shared_ptr<ConnectionDeadlines> deadlines);

}  // namespace bando::server

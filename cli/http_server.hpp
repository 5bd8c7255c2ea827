// A small HTTP/1.1 server on POSIX sockets for `mlplay serve`: one thread accepts connections and
// hands each to one of N worker threads, each running an epoll loop over its connections
// (non-blocking sockets, keep-alive, pipelined requests answered in order, Content-Length bodies;
// a Transfer-Encoding body gets 411, a body over the limit 413 before it is read, Expect:
// 100-continue is answered). One thread can serve many keep-alive connections, which is what a
// load test on one core needs. Linux only (epoll, eventfd).
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/serve/scoring_response.hpp"

namespace mlplay::http {

struct Request {
  std::string_view method, target, content_type, body;
};
// Called from the worker threads at once: it must be safe to call concurrently.
using Handler = std::function<mlcore::serve::ScoringResponse(const Request&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: a free port, see Server::port()
  int threads = 2;  // workers, besides the accepting thread
  std::size_t max_body = 16u << 20;
};

class Server {
 public:
  // Binds and listens at once, so the port is known before start(); throws mlcore::Error
  // serve.listen_failed naming the address and the reason.
  Server(ServerOptions options, Handler handler);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  void start();
  // Stops accepting, closes every connection and joins the threads. Safe to call twice.
  void stop();

 private:
  class Worker;
  void accept_loop();

  ServerOptions options_;
  Handler handler_;
  int listen_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd every thread watches; written once to stop them all
  int port_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::thread acceptor_;
  bool started_ = false;
};

}  // namespace mlplay::http

// One client connection of `mlplay serve`: the bytes received, the requests they hold answered in
// order, the bytes still to send. The epoll loop in http_server.cpp only says when the socket is
// readable or writable; this decides what to read, answer, write, and when to close.
#pragma once
#include <cstddef>
#include <string>

#include "http_message.hpp"
#include "http_server.hpp"

namespace mlplay::http {

class Connection {
 public:
  enum class Next { Read, Write, Close };  // what to wait for next

  Connection(int fd, const Handler& handler, std::size_t max_body);
  ~Connection();  // closes the socket
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  int fd() const { return fd_; }
  Next on_readable();
  Next on_writable();

 private:
  void answer_requests();
  void refuse(int status, const char* error_code, const char* code, const std::string& message);
  Next flush();

  int fd_;
  const Handler& handler_;
  std::size_t max_body_;
  std::string in_;
  std::size_t in_start_ = 0;  // the first byte of in_ not yet answered
  std::string out_;
  std::size_t out_start_ = 0;
  RequestHead head_;
  std::size_t head_bytes_ = 0;  // >0: head_ is parsed and waits for its body
  bool continue_sent_ = false;
  bool closing_ = false;   // close once out_ is sent
  bool draining_ = false;  // our side is shut: read and drop until the client closes
  std::size_t drained_ = 0;
};

}  // namespace mlplay::http

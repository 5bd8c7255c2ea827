// Reading, answering and writing on one connection; see http_connection.hpp.
#include "http_connection.hpp"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

#include "core/serve/scoring.hpp"

namespace mlplay::http {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

Connection::Connection(int fd, const Handler& handler, std::size_t max_body)
    : fd_(fd), handler_(handler), max_body_(max_body) {}

Connection::~Connection() { ::close(fd_); }

void Connection::refuse(int status, const char* error_code, const char* code, const std::string& message) {
  append_response(out_, mlcore::serve::error_response(mlcore::serve::ScoringError(status, error_code, code, message)),
                  http_date(), false, false);
  closing_ = true;  // the rest of the stream cannot be trusted to start at a request
}

void Connection::answer_requests() {
  while (!closing_ && in_start_ < in_.size()) {
    const std::string_view bytes(in_.data() + in_start_, in_.size() - in_start_);
    if (!head_bytes_) {
      const HeadResult r = parse_head(bytes, head_);
      if (r.status == HeadStatus::Incomplete) break;
      if (r.status == HeadStatus::Invalid)
        return refuse(r.error_status, r.error_status == 431 ? "REQUEST_HEADER_FIELDS_TOO_LARGE" : "BAD_REQUEST",
                      r.error_status == 505 ? "serve.http_version" : "serve.bad_http", r.error);
      if (head_.has_transfer_encoding)
        return refuse(411, "LENGTH_REQUIRED", "serve.length_required",
                      "Chunked or encoded bodies are not read here; send the body with a Content-Length.");
      if (!head_.has_length && head_.method == "POST")
        return refuse(411, "LENGTH_REQUIRED", "serve.length_required", "A POST needs a Content-Length header.");
      if (head_.content_length > max_body_) {
        append_response(out_, mlcore::serve::too_large_response(head_.content_length), http_date(), false, false);
        closing_ = true;
        return;
      }
      head_bytes_ = r.head_bytes;
      in_.reserve(in_start_ + head_bytes_ + head_.content_length);
    }
    if (bytes.size() < head_bytes_ + head_.content_length) {
      if (head_.expect_continue && !continue_sent_) out_ += "HTTP/1.1 100 Continue\r\n\r\n";
      continue_sent_ = true;
      break;
    }
    const bool head_only = head_.method == "HEAD";
    const auto response =
        handler_(Request{head_.method, head_.target, head_.content_type, bytes.substr(head_bytes_, head_.content_length)});
    append_response(out_, response, http_date(), head_.keep_alive, head_only);
    in_start_ += head_bytes_ + head_.content_length;
    closing_ = !head_.keep_alive;
    head_bytes_ = 0;
    continue_sent_ = false;
  }
  if (in_start_ == in_.size()) {
    in_.clear();
    in_start_ = 0;
  } else if (in_start_ > kReadChunk) {
    in_.erase(0, in_start_);
    in_start_ = 0;
  }
}

Connection::Next Connection::flush() {
  while (out_start_ < out_.size()) {
    const ssize_t n = ::send(fd_, out_.data() + out_start_, out_.size() - out_start_, MSG_NOSIGNAL);
    if (n > 0) out_start_ += static_cast<std::size_t>(n);
    else if (n < 0 && errno == EINTR) continue;
    else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Next::Write;
    else return Next::Close;
  }
  out_.clear();
  out_start_ = 0;
  if (closing_ && !draining_) {
    // Closing with unread bytes would reset the connection and could lose the answer just
    // sent: shut our side, then drop what the client still sends until it closes.
    ::shutdown(fd_, SHUT_WR);
    draining_ = true;
  }
  return Next::Read;
}

Connection::Next Connection::on_readable() {
  char buf[kReadChunk];
  for (;;) {
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0) return Next::Close;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return Next::Read;
      return Next::Close;
    }
    if (draining_) {
      drained_ += static_cast<std::size_t>(n);
      if (drained_ > 2 * max_body_) return Next::Close;
      continue;
    }
    in_.append(buf, static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) == sizeof buf && head_bytes_ == 0 && in_.size() - in_start_ <= kMaxHeadBytes)
      continue;  // more may be waiting; read it before parsing a head that could be split
    break;
  }
  answer_requests();
  return flush();
}

Connection::Next Connection::on_writable() {
  const Next n = flush();
  if (n != Next::Read || draining_) return n;
  answer_requests();  // requests that arrived while the answer was blocked
  return flush();
}

}  // namespace mlplay::http

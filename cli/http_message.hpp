// The HTTP/1.1 wire format for `mlplay serve` (RFC 9112): reading a request head from the bytes
// received so far, and writing a response. No sockets here; http_server.cpp does the I/O.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/serve/scoring_response.hpp"

namespace mlplay::http {

// Heads above this are refused with 431: a scoring client sends a few hundred bytes.
constexpr std::size_t kMaxHeadBytes = 64 * 1024;

struct RequestHead {
  std::string method;
  std::string target;  // as sent: "/score", "/invocations?x=1"
  int minor_version = 1;  // HTTP/1.minor
  std::string content_type;
  std::size_t content_length = 0;
  bool has_length = false;
  bool has_transfer_encoding = false;  // chunked bodies are refused with 411
  bool keep_alive = true;              // HTTP/1.1 unless "Connection: close"; 1.0 only if asked
  bool expect_continue = false;
};

enum class HeadStatus { Incomplete, Complete, Invalid };

struct HeadResult {
  HeadStatus status = HeadStatus::Incomplete;
  std::size_t head_bytes = 0;  // Complete: the head's length, blank line included
  int error_status = 400;      // Invalid: 400, 431 or 505
  std::string error;           // Invalid: the sentence for the error body
};

// Reads the head at the start of `bytes` into `head`.
HeadResult parse_head(std::string_view bytes, RequestHead& head);

// "OK", "Bad Request", ... for the statuses the server sends.
const char* reason_phrase(int status);

// Appends the response: status line, Date (`date`, an IMF-fixdate), Content-Type, Content-Length,
// Connection: close when not keeping the connection, the extra headers, then the body unless
// `head_only` (a HEAD request gets the GET answer's headers without its body).
void append_response(std::string& out, const mlcore::serve::ScoringResponse& r, std::string_view date,
                     bool keep_alive, bool head_only);

// The current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), recomputed once a second
// per thread.
std::string_view http_date();

}  // namespace mlplay::http

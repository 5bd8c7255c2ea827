// Request heads in, responses out; see http_message.hpp.
#include "http_message.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace mlplay::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
      return false;
  return true;
}

// Does the comma-separated list `value` hold `word` (case-insensitively)?
bool list_has(std::string_view value, std::string_view word) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (iequals(trim(value.substr(0, comma)), word)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

HeadResult invalid(int status, std::string error) {
  HeadResult r;
  r.status = HeadStatus::Invalid;
  r.error_status = status;
  r.error = std::move(error);
  return r;
}

HeadResult parse_request_line(std::string_view line, RequestHead& head) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return invalid(400, "The request line is not 'METHOD /path HTTP/1.1'.");
  head.method = std::string(line.substr(0, sp1));
  head.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = line.substr(sp2 + 1);
  // The absolute form (a request through a proxy) names the same resource: keep its path.
  for (const char* scheme : {"http://", "https://"})
    if (head.target.rfind(scheme, 0) == 0) {
      const auto slash = head.target.find('/', std::string_view(scheme).size());
      head.target = slash == std::string::npos ? "/" : head.target.substr(slash);
    }
  if (!is_token(head.method) || head.target.empty() || (head.target[0] != '/' && head.target != "*"))
    return invalid(400, "The request line is not 'METHOD /path HTTP/1.1'.");
  if (version == "HTTP/1.1") head.minor_version = 1;
  else if (version == "HTTP/1.0") head.minor_version = 0;
  else if (version.substr(0, 5) == "HTTP/") return invalid(505, "Only HTTP/1.0 and HTTP/1.1 are spoken here.");
  else return invalid(400, "The request line does not end with an HTTP version.");
  head.keep_alive = head.minor_version == 1;
  return {};
}

HeadResult parse_field(std::string_view line, RequestHead& head, bool& seen_host) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
    return invalid(400, "A header line is not 'Name: value'.");
  const std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
  if (iequals(name, "content-length")) {
    std::size_t n = 0;
    if (value.empty() || value.size() > 15 || value.find_first_not_of("0123456789") != std::string_view::npos)
      return invalid(400, "Content-Length is not a number of bytes.");
    for (char c : value) n = n * 10 + static_cast<std::size_t>(c - '0');
    if (head.has_length && n != head.content_length) return invalid(400, "Content-Length is given twice, differently.");
    head.content_length = n;
    head.has_length = true;
  } else if (iequals(name, "transfer-encoding")) {
    head.has_transfer_encoding = true;
  } else if (iequals(name, "content-type")) {
    head.content_type = std::string(value);
  } else if (iequals(name, "connection")) {
    if (list_has(value, "close")) head.keep_alive = false;
    else if (list_has(value, "keep-alive")) head.keep_alive = true;
  } else if (iequals(name, "expect")) {
    head.expect_continue = iequals(value, "100-continue");
  } else if (iequals(name, "host")) {
    if (seen_host) return invalid(400, "The Host header is given twice.");
    seen_host = true;
  }
  return {};
}

}  // namespace

HeadResult parse_head(std::string_view bytes, RequestHead& head) {
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (bytes.size() > kMaxHeadBytes) return invalid(431, "The request head is over 64 KiB.");
    return {};
  }
  if (end + 4 > kMaxHeadBytes) return invalid(431, "The request head is over 64 KiB.");
  head = RequestHead{};
  std::string_view rest = bytes.substr(0, end + 2);
  auto next_line = [&rest] {
    const auto eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    return line;
  };
  HeadResult r = parse_request_line(next_line(), head);
  if (r.status == HeadStatus::Invalid) return r;
  bool seen_host = false;
  while (!rest.empty()) {
    const std::string_view line = next_line();
    if (line.front() == ' ' || line.front() == '\t') return invalid(400, "Folded header lines are not allowed.");
    r = parse_field(line, head, seen_host);
    if (r.status == HeadStatus::Invalid) return r;
  }
  if (head.minor_version == 1 && !seen_host) return invalid(400, "An HTTP/1.1 request needs a Host header.");
  r.status = HeadStatus::Complete;
  r.head_bytes = end + 4;
  return r;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

void append_response(std::string& out, const mlcore::serve::ScoringResponse& r, std::string_view date,
                     bool keep_alive, bool head_only) {
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += reason_phrase(r.status);
  out += "\r\nServer: mlplay\r\nDate: ";
  out += date;
  out += "\r\nContent-Type: ";
  out += r.content_type;
  out += "\r\nContent-Length: ";
  out += std::to_string(r.body.size());
  if (!keep_alive) out += "\r\nConnection: close";
  for (const auto& [name, value] : r.headers) {
    out += "\r\n";
    out += name;
    out += ": ";
    out += value;
  }
  out += "\r\n\r\n";
  if (!head_only) out += r.body;
}

std::string_view http_date() {
  thread_local std::time_t last = 0;
  thread_local char text[40] = "";
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm t{};
    gmtime_r(&now, &t);
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[t.tm_wday], t.tm_mday,
                  months[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    last = now;
  }
  return text;
}

}  // namespace mlplay::http

// JSON bodies with NaN, Infinity and overflowing numbers marked; see json_body.hpp.
#include "json_body.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

#include "scoring_error.hpp"

namespace mlcore::serve {
namespace {

// A NUL byte cannot appear raw in a JSON string, so no client sends this prefix by accident.
constexpr std::string_view kMarker("\0mlplay-non-finite:", 19);

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// The length of the NaN, Infinity or -Infinity at body[i], or 0.
std::size_t word_at(std::string_view body, std::size_t i) {
  for (std::string_view word : {"NaN", "Infinity", "-Infinity"})
    if (body.substr(i, word.size()) == word) return word.size();
  return 0;
}

void append_marker(std::string& out, std::string_view token) {
  out += "\"\\u0000";
  out.append(kMarker.substr(1));
  out.append(token);  // only letters, digits, signs and dots: nothing to escape
  out += '"';
}

// The body with NaN, Infinity, -Infinity and numbers that overflow a double outside strings
// replaced by marker strings; everything else copied as is.
std::string mark_non_finite(std::string_view body) {
  std::string out;
  out.reserve(body.size() + 64);
  bool in_string = false;
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < body.size()) out += body[++i];
      else if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      ++i;
      continue;
    }
    if (const std::size_t n = word_at(body, i)) {
      append_marker(out, body.substr(i, n));
      i += n;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < body.size() && is_number_char(body[end])) ++end;
      const std::string token(body.substr(i, end - i));
      if (std::isinf(std::strtod(token.c_str(), nullptr))) append_marker(out, token);
      else out += token;
      i = end;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string without_prefix(const std::string& what) {
  // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
  const auto close = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && close != std::string::npos ? what.substr(close + 2) : what;
}

}  // namespace

nlohmann::json parse_json_body(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw bad_request("serve.empty_body", "The request body is empty; send the rows to score as JSON.");
  std::string first_error;
  try {
    return nlohmann::json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::exception& e) {
    first_error = without_prefix(e.what());
  }
  try {
    return nlohmann::json::parse(mark_non_finite(body));
  } catch (const nlohmann::json::exception&) {
    throw bad_request("serve.invalid_json", "The request body is not valid JSON: " + first_error);
  }
}

std::string_view non_finite_token(const nlohmann::json& v) {
  if (!v.is_string()) return {};
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() <= kMarker.size() || std::string_view(s).substr(0, kMarker.size()) != kMarker) return {};
  return std::string_view(s).substr(kMarker.size());
}

}  // namespace mlcore::serve

// Content-Type parsing for the scoring endpoints; see media_type.hpp.
#include "media_type.hpp"

#include <cctype>

namespace mlcore::serve {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// RFC 9110 token characters.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) continue;
    if (std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

std::optional<MediaType> parse_media_type(std::string_view header) {
  const auto semi = header.find(';');
  const std::string_view essence = trim(header.substr(0, semi));
  const auto slash = essence.find('/');
  if (slash == std::string_view::npos || !is_token(essence.substr(0, slash)) ||
      !is_token(essence.substr(slash + 1)))
    return std::nullopt;
  MediaType m{lower(essence), ""};
  std::string_view rest = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
  while (!trim(rest).empty()) {
    const auto next = rest.find(';');
    const std::string_view param = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    if (param.empty()) continue;  // "a/b;;c=d" and a trailing ';' are tolerated, as browsers do
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || !is_token(trim(param.substr(0, eq)))) return std::nullopt;
    std::string_view value = trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (lower(trim(param.substr(0, eq))) == "charset") m.charset = lower(value);
  }
  return m;
}

}  // namespace mlcore::serve

// Field text -> value. Numbers go through fast_float: emscripten's libc++ has no floating
// std::from_chars, and strtod depends on the C locale.
#include "csv_values.hpp"

#include <fast_float/fast_float.h>

#include <system_error>
#include <utility>

#include "datetime.hpp"

namespace mlcore::data::csv {

MissingSet::MissingSet(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
  for (const auto& t : tokens_) {
    if (t.size() < 64)
      length_mask_ |= std::uint64_t{1} << t.size();
    else
      has_long_ = true;
  }
}

bool parse_number_general(std::string_view text, char decimal, double& value, bool& integer) {
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end) return false;
  // fast_float refuses a leading '+' (as std::from_chars does); people write it in data.
  if (*p == '+') {
    ++p;
    if (p == end || *p == '-' || *p == '+') return false;
  }
  const auto r = fast_float::from_chars_advanced(
      p, end, value, fast_float::parse_options(fast_float::chars_format::general, decimal));
  if (r.ec != std::errc() || r.ptr != end) return false;
  integer = false;
  return true;
}

bool parse_bool(std::string_view t, double& value) {
  auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); };
  auto is = [&](std::string_view word) {
    if (t.size() != word.size()) return false;
    for (std::size_t i = 0; i < t.size(); ++i)
      if (lower(t[i]) != word[i]) return false;
    return true;
  };
  if (is("true")) {
    value = 1;
    return true;
  }
  if (is("false")) {
    value = 0;
    return true;
  }
  return false;
}

ValueKind classify(std::string_view text, const ValueRules& rules, double& value) {
  if (rules.missing.contains(text)) return ValueKind::Missing;
  bool integer = false;
  if (parse_number(text, rules.decimal, value, integer))
    return integer ? ValueKind::Integer : ValueKind::Float;
  if (parse_bool(text, value)) return ValueKind::Boolean;
  if (auto t = parse_datetime(text)) {
    value = *t;
    return ValueKind::Datetime;
  }
  return ValueKind::Text;
}

std::string describe_line(const std::string& source, std::size_t line) {
  return (source.empty() ? std::string("Line ") : source + ", line ") + std::to_string(line);
}

}  // namespace mlcore::data::csv

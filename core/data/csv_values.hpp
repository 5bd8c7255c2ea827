// How the text of one CSV field maps to a value (missing token, number, boolean, ISO date or
// plain text); shared by the sniffer, type inference and the column builders so they agree.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlcore::data::csv {

// The configured missing tokens, with a length filter in front: most fields are numbers whose
// length matches no token, so the common case costs one shift and one test.
class MissingSet {
 public:
  explicit MissingSet(std::vector<std::string> tokens = {});
  bool contains(std::string_view text) const {
    if (text.size() < 64 ? !((length_mask_ >> text.size()) & 1u) : !has_long_) return false;
    for (const auto& t : tokens_)
      if (t == text) return true;
    return false;
  }

 private:
  std::vector<std::string> tokens_;
  std::uint64_t length_mask_ = 0;
  bool has_long_ = false;
};

struct ValueRules {
  char decimal = '.';
  MissingSet missing;
};

enum class ValueKind { Missing, Integer, Float, Boolean, Datetime, Text };

// Numbers: an optional sign, digits, an optional fraction after `decimal`, an optional exponent,
// or inf / infinity / nan in any case (nan is then missing in numeric storage). `integer` is set
// for plain digit strings whose value is exact in a double (|v| <= 2^53); longer ones are floats.
bool parse_number_general(std::string_view text, char decimal, double& value, bool& integer);
// Inline fast path for the common shape (sign, at most 19 digits, one decimal mark, no exponent):
// when the digits form an integer m <= 2^53 and there are at most 22 decimals, m / 10^k is the
// correctly rounded value (both operands are exact; Clinger's fast path, as fast_float does).
inline bool parse_number(std::string_view text, char decimal, double& value, bool& integer) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end) return false;
  const bool negative = *p == '-';
  p += negative || *p == '+';
  const char* const first = p;
  std::uint64_t m = 0;
  while (p != end && static_cast<unsigned>(*p - '0') < 10u) m = m * 10 + static_cast<unsigned>(*p++ - '0');
  std::size_t digits = static_cast<std::size_t>(p - first), decimals = 0;
  const bool point = p != end && *p == decimal;
  if (point) {
    const char* const fraction = ++p;
    while (p != end && static_cast<unsigned>(*p - '0') < 10u) m = m * 10 + static_cast<unsigned>(*p++ - '0');
    decimals = static_cast<std::size_t>(p - fraction);
    digits += decimals;
  }
  if (p != end || digits == 0 || digits > 19 || m > (std::uint64_t{1} << 53) || decimals > 22)
    return parse_number_general(text, decimal, value, integer);
  value = static_cast<double>(m);
  if (point) value /= kPow10[decimals];
  if (negative && (point || m != 0)) value = -value;
  integer = !point;
  return true;
}
// true / false in any letter case; yes/no and 0/1 are left to numbers and text on purpose.
bool parse_bool(std::string_view text, double& value);
// Missing first, then integer, float, boolean, ISO 8601 datetime; anything else is text.
ValueKind classify(std::string_view text, const ValueRules& rules, double& value);

// "data.csv, line 7" or "Line 7": how every message names a place in the input.
std::string describe_line(const std::string& source, std::size_t line);

}  // namespace mlcore::data::csv

// Small shared pieces of the step kinds (see step_kind.hpp).
#include "step_kind.hpp"

#include <cmath>
#include <cstdio>

namespace mlcore::ops {

std::string RunContext::reason(const std::string& step) const {
  return "Pipeline " + pipeline + " #" + std::to_string(number) + ": " + step;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace mlcore::ops

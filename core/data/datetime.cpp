// Civil-calendar arithmetic after Howard Hinnant's days_from_civil / civil_from_days.
#include "datetime.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace mlcore::data {
namespace {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<double> parse_datetime(std::string_view s) {
  int y, mo, d;
  if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y))) return std::nullopt;
  double secs = static_cast<double>(days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) * 86400.0;
  std::size_t p = 10;
  if (p == s.size()) return secs;
  if (s[p] != 'T' && s[p] != ' ') return std::nullopt;
  ++p;
  int hh, mm, ss = 0;
  if (!digits(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mm))
    return std::nullopt;
  p += 5;
  double frac = 0;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      double scale = 0.1;
      std::size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        frac += (s[p] - '0') * scale;
        scale /= 10;
        ++p;
      }
      if (p == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  secs += hh * 3600.0 + mm * 60.0 + ss + frac;
  if (p == s.size()) return secs;
  if (s[p] == 'Z' && p + 1 == s.size()) return secs;
  if ((s[p] == '+' || s[p] == '-') && p + 6 == s.size() && s[p + 3] == ':') {
    int oh, om;
    if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om)) return std::nullopt;
    double off = oh * 3600.0 + om * 60.0;
    return s[p] == '+' ? secs - off : secs + off;
  }
  return std::nullopt;
}

std::string format_datetime(double seconds) {
  const double day_f = std::floor(seconds / 86400.0);
  const auto days = static_cast<std::int64_t>(day_f);
  double rem = seconds - day_f * 86400.0;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  if (rem == 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  } else {
    const int secs = static_cast<int>(rem);
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y), m, d,
                  secs / 3600, (secs / 60) % 60, secs % 60);
  }
  return buf;
}

}  // namespace mlcore::data

// See smirnov.hpp. Birnbaum & Tingey (1951):
//   P(D+_n >= x) = x * sum_{v=0}^{floor(n(1-x))} C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v).
// Every term is positive, so the sum is computed term by term in log space (the binomial kept as
// a mantissa and a power of two so it never overflows) and stopped once the rest cannot matter.
// The special cases and the approximation above n = 1e6 follow van Mulbregt (arXiv:1802.06966),
// the paper behind SciPy's implementation.
#include "smirnov.hpp"

#include <cmath>
#include <limits>

namespace mlcore::drift {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kMinLog = -708.3964185322641;  // log(2^-1022): exp of anything below is 0
constexpr long kMaxComputeN = 1000000;
// log 2 in two parts (Cody-Waite): k * kLn2Hi is exact for |k| < 2^20.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;

// Dekker's exact product a*b = hi + lo without fused multiply-add (wasm has none).
void exact_product(double a, double b, double& hi, double& lo) {
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  hi = a * b;
  const double ca = kSplit * a, a_hi = ca - (ca - a), a_lo = a - a_hi;
  const double cb = kSplit * b, b_hi = cb - (cb - b), b_lo = b - b_hi;
  lo = ((a_hi * b_hi - hi) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo;
}

// floor(n x) exactly, and the fractional part n x - floor(n x).
long floor_nx(long n, double x, double& fraction) {
  double hi, lo;
  exact_product(static_cast<double>(n), x, hi, lo);
  double fl = std::floor(hi);
  if (fl == hi && lo < 0) fl -= 1.0;  // hi is whole and the exact product sits just below it
  fraction = (hi - fl) + lo;
  if (fraction >= 1.0) {  // rounding put the product a hair below the next whole number
    fl += 1.0;
    fraction = 0.0;
  }
  if (fraction < 0) fraction = 0.0;
  return static_cast<long>(fl);
}

// x * sum of the Birnbaum-Tingey terms for v = 0 .. last. When the result is near the bottom of
// the double range (P ~ exp(-2 n x^2) below about 1e-260), the terms are summed times e^600 and
// scaled back once at the end, so only the final value is rounded into subnormal numbers.
double lower_sum(long n, double x, long last) {
  const double dn = static_cast<double>(n);
  const double shift = -2.0 * dn * x * x < -600.0 ? 600.0 : 0.0;
  // v = 0: (1/x) (1 - x)^n
  double sum = std::exp(dn * std::log1p(-x) + shift) / x;
  double c_mant = 1.0;  // C(n, v) = c_mant * 2^c_exp
  long c_exp = 0;
  const long terms = last + 1;
  for (long v = 1; v < terms; ++v) {
    // C(n, v) from C(n, v-1)
    int e = 0;
    c_mant = std::frexp(c_mant * (static_cast<double>(n - v + 1) / static_cast<double>(v)), &e);
    c_exp += e;
    const double y = x + static_cast<double>(v) / dn;  // x + v/n
    if (y >= 1.0) break;
    const double log_term = std::log(c_mant) + (static_cast<double>(c_exp) * kLn2Hi + static_cast<double>(c_exp) * kLn2Lo) +
                            static_cast<double>(v - 1) * std::log(y) + static_cast<double>(n - v) * std::log1p(-y);
    const double term = log_term + shift < kMinLog - 40 ? 0.0 : std::exp(log_term + shift);
    sum += term;
    if (term != 0.0) {
      // The terms fall away fast past the peak: stop when the rest is below an ulp of the sum.
      if (4.0 * static_cast<double>(terms - v) * term < kEps * sum && v != terms - 1) break;
    } else if (v > n / 2) {
      break;
    }
  }
  return shift == 0.0 ? x * sum : x * sum * std::exp(-shift);
}

}  // namespace

double smirnov_sf(long n, double x) {
  if (!(n > 0 && x >= 0.0 && x <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (n == 1) return 1.0 - x;
  if (x == 0.0) return 1.0;
  if (x == 1.0) return 0.0;
  const double dn = static_cast<double>(n);
  double alpha = 0.0;
  const long nxfl = floor_nx(n, x, alpha);
  // x <= 1/n: P(D+ < x) = x (1 + x)^(n-1)
  if (nxfl == 0 || (nxfl == 1 && alpha == 0)) return 1.0 - x * std::pow(1.0 + x, dn - 1.0);
  if (-2.0 * dn * x * x < kMinLog - 40) return 0.0;  // below the smallest subnormal
  // x >= 1 - 1/n: only the v = 0 term is left
  if (nxfl >= n - 1) return std::pow(1.0 - x, dn);
  if (n > kMaxComputeN) {
    // p ~ exp(-(6nx + 1)^2 / 18n)
    const double logp = -std::pow(6.0 * dn * x + 1.0, 2) / 18.0 / dn;
    return logp < -0.6931471805599453 ? std::exp(logp) : 1.0 + std::expm1(logp);
  }
  // Terms v = 0 .. floor(n(1-x)), leaving out v = n(1-x) itself when it is whole.
  long last = n - nxfl - (alpha == 0 ? 0 : 1);
  if (alpha == 0) last -= 1;
  const double p = lower_sum(n, x, last);
  return p < 0 ? 0.0 : (p > 1 ? 1.0 : p);
}

}  // namespace mlcore::drift

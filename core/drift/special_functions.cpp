// See special_functions.hpp. The incomplete gamma function uses the series for P when x < a + 1
// and a continued fraction for Q otherwise (both as in Numerical Recipes), with the prefactor
// x^a e^-x / Gamma(a) written through log1p_minus and Stirling's series for large a, so that
// nothing is computed as the small difference of two large logarithms.
#include "special_functions.hpp"

#include <cmath>
#include <limits>

namespace mlcore::drift {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kTiny = 1e-300;
constexpr double kPi = 3.14159265358979323846;

// Gamma(a) for a = df/2 below 10, as an exact product: (a-1)! or sqrt(pi) * (1/2)(3/2)...(a-1).
double small_gamma(double a) {
  double g = (a == std::floor(a)) ? 1.0 : std::sqrt(kPi);
  for (double k = (a == std::floor(a)) ? 1.0 : 0.5; k < a - 0.25; k += 1.0) g *= k;
  return g;
}

// Stirling's series remainder: lgamma(a) - [(a - 1/2) log a - a + log(2 pi)/2], for a >= 10
// (the next term is below 1e-16 there).
double stirling_remainder(double a) {
  const double r = 1.0 / a, r2 = r * r;
  return r * (1.0 / 12 -
              r2 * (1.0 / 360 -
                    r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156))))));
}

// x^a e^-x / Gamma(a).
double gamma_prefactor(double a, double x) {
  if (a < 10) return std::exp(a * std::log(x) - x) / small_gamma(a);
  // a log x - x - lgamma(a) = a (log(1+u) - u) + log(a / 2pi) / 2 - stirling(a), u = (x - a) / a.
  const double u = (x - a) / a;
  return std::exp(a * log1p_minus(u) + 0.5 * std::log(a / (2 * kPi)) - stirling_remainder(a));
}

// P(a, x) by its power series, for x < a + 1.
double lower_series(double a, double x) {
  double ap = a, term = 1.0 / a, sum = term;
  for (int i = 0; i < 100000; ++i) {
    ap += 1.0;
    term *= x / ap;
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * kEps) break;
  }
  return sum * gamma_prefactor(a, x);
}

// Q(a, x) by its continued fraction (modified Lentz), for x >= a + 1.
double upper_fraction(double a, double x) {
  double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 100000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return gamma_prefactor(a, x) * h;
}

}  // namespace

double log1p_minus(double u) {
  if (std::fabs(u) > 0.5) return std::log1p(u) - u;
  // log(1+u) = 2 atanh(s), s = u / (2 + u); 2s - u = -u^2 / (2 + u) carries the cancellation.
  const double s = u / (2.0 + u), s2 = s * s;
  double term = s * s2, sum = 0.0;
  for (int k = 3; k < 200; k += 2) {
    const double add = term / k;
    sum += add;
    if (std::fabs(add) <= std::fabs(sum) * kEps * 0.5) break;
    term *= s2;
  }
  return -u * u / (2.0 + u) + 2.0 * sum;
}

double chi2_sf(double x, int df) {
  if (df < 1 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  const double a = 0.5 * df, h = 0.5 * x;
  if (h < a + 1.0) {
    const double p = lower_series(a, h);
    return p >= 1.0 ? 0.0 : 1.0 - p;
  }
  const double q = upper_fraction(a, h);
  return q < 0 ? 0.0 : (q > 1 ? 1.0 : q);
}

double normal_cdf(double a) {
  constexpr double kSqrtHalf = 0.70710678118654752440;
  const double x = a * kSqrtHalf, z = std::fabs(x);
  if (z < kSqrtHalf) return 0.5 + 0.5 * std::erf(x);
  const double y = 0.5 * std::erfc(z);
  return x > 0 ? 1.0 - y : y;
}

}  // namespace mlcore::drift

// See ks_two_sample.hpp. The exact p-value counts lattice paths from (0,0) to (n1,n2) that leave
// the band |x/n1 - y/n2| < D (Hodges 1958, "The significance probability of the Smirnov
// two-sample test"). Equal sizes have a closed alternating sum, evaluated in Horner form so it
// does not cancel; unequal sizes run the "inside" recursion column by column, written for 1 - p
// directly (Viehmann 2021, arXiv:2102.08037) so small p-values keep their digits.
#include "ks_two_sample.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "kolmogorov.hpp"

namespace mlcore::drift {
namespace {

// P(D_{n,n} >= h/n) = 2 * sum_k (-1)^(k+1) C(2n, n - kh) / C(2n, n), as
// 2 A0 (1 - A1 (1 - A2 (1 - ...))) with A_k a ratio of h simple factors.
double prob_outside_square(long n, long h) {
  double p = 0.0;
  for (long k = n / h; k >= 0; --k) {
    double p1 = 1.0;
    for (long j = 0; j < h; ++j)
      p1 = static_cast<double>(n - k * h - j) * p1 / static_cast<double>(n + k * h + j + 1);
    p = p1 * (1.0 - p);
  }
  return 2 * p;
}

// The share of paths that leave the band, m >= n, one column of the path-count matrix at a
// time, kept only over the window of rows inside the band.
double prob_outside_band(long m, long n, long g, long h) {
  if (m < n) std::swap(m, n);
  const long mg = m / g, ng = n / g;
  const double dmg = static_cast<double>(mg);
  long minj = 0;
  long maxj = std::min(static_cast<long>(std::ceil(static_cast<double>(h) / dmg)), n + 1);
  long curlen = maxj - minj;
  const long len_a = std::min(2 * maxj + 2, n + 1);
  std::vector<double> a(static_cast<std::size_t>(std::max(len_a, n + 2)), 1.0);
  for (long j = minj; j < maxj && j < len_a; ++j) a[j] = 0.0;
  for (long i = 1; i <= m; ++i) {
    const long lastminj = minj, lastlen = curlen;
    minj = std::max(static_cast<long>(std::floor(static_cast<double>(ng * i - h) / dmg)) + 1, 0L);
    minj = std::min(minj, n);
    maxj = std::min(static_cast<long>(std::ceil(static_cast<double>(ng * i + h) / dmg)), n + 1);
    if (maxj <= minj) return 1.0;
    double val = minj == 0 ? 0.0 : 1.0;
    const double di = static_cast<double>(i);
    for (long jj = 0; jj < maxj - minj; ++jj) {
      const long j = jj + minj;
      val = (a[jj + minj - lastminj] * di + val * static_cast<double>(j)) / (di + static_cast<double>(j));
      a[jj] = val;
    }
    curlen = maxj - minj;
    for (long q = curlen; q < curlen + (lastlen - curlen) && q < len_a; ++q) a[q] = 1.0;  // carried-over rows
  }
  return a[maxj - minj - 1];
}

}  // namespace

double ks_exact_p(long n1, long n2, long h) {
  if (h <= 0) return 1.0;
  const long g = std::gcd(n1, n2);
  const double p = n1 == n2 ? prob_outside_square(n1, h) : prob_outside_band(n1, n2, g, h);
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  return p;
}

KsTwoSample ks_two_sample(const std::vector<double>& s1, const std::vector<double>& s2) {
  const std::size_t n1 = s1.size(), n2 = s2.size();
  const double d1 = static_cast<double>(n1), d2 = static_cast<double>(n2);
  // F1 - F2 just after each value of either sample (searchsorted 'right').
  double max_diff = -std::numeric_limits<double>::infinity(), min_diff = std::numeric_limits<double>::infinity();
  std::size_t i = 0, j = 0;
  while (i < n1 || j < n2) {
    const double v = j >= n2 || (i < n1 && s1[i] <= s2[j]) ? s1[i] : s2[j];
    while (i < n1 && s1[i] <= v) ++i;
    while (j < n2 && s2[j] <= v) ++j;
    const double diff = static_cast<double>(i) / d1 - static_cast<double>(j) / d2;
    max_diff = std::max(max_diff, diff);
    min_diff = std::min(min_diff, diff);
  }
  const double min_s = std::min(std::max(-min_diff, 0.0), 1.0);
  KsTwoSample out;
  out.statistic = min_s > max_diff ? min_s : max_diff;
  double p = std::numeric_limits<double>::quiet_NaN();
  if (std::max(n1, n2) <= kKsMaxExactN) {
    const long g = std::gcd(static_cast<long>(n1), static_cast<long>(n2));
    const long lcm = (static_cast<long>(n1) / g) * static_cast<long>(n2);
    const long h = static_cast<long>(std::nearbyint(out.statistic * static_cast<double>(lcm)));  // half to even
    out.statistic = static_cast<double>(h) * 1.0 / static_cast<double>(lcm);
    p = ks_exact_p(static_cast<long>(n1), static_cast<long>(n2), h);
  }
  out.exact = !std::isnan(p);
  if (!out.exact) {
    const double m = std::max(d1, d2), n = std::min(d1, d2);
    const double en = m * n / (m + n);
    p = kstwo_sf(static_cast<long>(std::nearbyint(en)), out.statistic);
  }
  out.p_value = std::isnan(p) ? p : std::min(std::max(p, 0.0), 1.0);
  return out;
}

}  // namespace mlcore::drift

// See kolmogorov.hpp. References:
//  Durbin (1968) and Marsaglia, Tsang & Wang (2003), "Evaluating Kolmogorov's distribution";
//  Pomeranz (1974), Algorithm 487; Pelz & Good (1976); Simard & L'Ecuyer (2011), "Computing the
//  two-sided Kolmogorov-Smirnov distribution", J. Stat. Software 39(11), for which method to use
//  where. Each method returns the CDF P(D_n < x); the survival function is 1 - CDF except in the
//  upper tail, where 2 * smirnov keeps the relative precision of small p-values.
#include "kolmogorov.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "smirnov.hpp"

namespace mlcore::drift {
namespace {

constexpr double kPi = 3.14159265358979323846;
const double kScaleUp = std::ldexp(1.0, 128);
const double kScaleDown = std::ldexp(1.0, -128);

double clip01(double p) { return p < 0 ? 0.0 : (p > 1 ? 1.0 : p); }

// log(n! / n^n) by Stirling's series, without forming n log n.
double log_factorial_over_power(long n) {
  const double dn = static_cast<double>(n), r = 1.0 / dn, r2 = r / dn;
  // Bernoulli coefficients B_2j / (2j (2j-1)), j = 8 .. 1, for Horner's rule in 1/n^2.
  static const double c[] = {-3617.0 / 122400, 1.0 / 156, -691.0 / 360360, 1.0 / 1188,
                             -1.0 / 1680,      1.0 / 1260, -1.0 / 360,      1.0 / 12};
  double poly = 0.0;
  for (double ci : c) poly = poly * r2 + ci;
  return std::log(dn) / 2 - dn + std::log(2 * kPi) / 2 + r * poly;
}

using Matrix = std::vector<double>;  // m x m, row-major

Matrix multiply(const Matrix& a, const Matrix& b, int m) {
  Matrix c(static_cast<std::size_t>(m) * m, 0.0);
  for (int i = 0; i < m; ++i)
    for (int k = 0; k < m; ++k) {
      const double aik = a[i * m + k];
      if (aik == 0.0) continue;
      for (int j = 0; j < m; ++j) c[i * m + j] += aik * b[k * m + j];
    }
  return c;
}

// Durbin's matrix method as Marsaglia, Tsang & Wang evaluate it: with n x = k - h, the CDF is
// n!/n^n times entry (k, k) of H^n, H an m x m matrix, m = 2k - 1. Powers by squaring, rescaled
// by 2^128 whenever the watched entry grows past it.
double durbin_cdf(long n, double d) {
  if (d >= 1.0) return 1.0;
  const double nd = static_cast<double>(n) * d;
  if (nd <= 0.5) return 0.0;
  const int k = static_cast<int>(std::ceil(nd));
  const double h = k - nd;
  const int m = 2 * k - 1;
  std::vector<double> v(m), w(m);
  double fac = 1.0;
  for (int j = 1; j <= m; ++j) {
    w[j - 1] = fac;  // 1/(j-1)!
    fac /= j;
    v[j - 1] = (1.0 - std::pow(h, j)) * fac;  // (1 - h^j) / j!
  }
  const double tt = std::pow(std::max(2 * h - 1.0, 0.0), m) - 2 * std::pow(h, m);
  v[m - 1] = (1.0 + tt) * fac;
  Matrix hm(static_cast<std::size_t>(m) * m, 0.0);
  for (int i = 1; i < m; ++i)
    for (int r = i - 1; r < m; ++r) hm[r * m + i] = w[r - (i - 1)];
  for (int r = 0; r < m; ++r) hm[r * m] = v[r];
  for (int c = 0; c < m; ++c) hm[(m - 1) * m + c] = v[m - 1 - c];

  Matrix power(static_cast<std::size_t>(m) * m, 0.0);
  for (int i = 0; i < m; ++i) power[i * m + i] = 1.0;
  long nn = n;
  long expnt = 0, h_expnt = 0;
  const std::size_t kk = static_cast<std::size_t>(k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, hm, m);
      expnt += h_expnt;
    }
    hm = multiply(hm, hm, m);
    h_expnt *= 2;
    if (std::fabs(hm[kk]) > kScaleUp) {
      for (double& x : hm) x /= kScaleUp;
      h_expnt += 128;
    }
    nn /= 2;
  }
  double p = power[kk];
  const double dn = static_cast<double>(n);
  for (long i = 1; i <= n; ++i) {  // times n!/n^n
    p = static_cast<double>(i) * p / dn;
    if (std::fabs(p) < kScaleDown) {
      p *= kScaleUp;
      expnt -= 128;
    }
  }
  if (expnt != 0) p = std::ldexp(p, static_cast<int>(expnt));
  return clip01(p);
}

// Pomeranz's recursion: rows of Poisson-like convolutions, two rows kept, each with the range
// [j1, j2] of entries that can be non-zero.
void pomeranz_range(long i, long n, long ll, long ceilf, long roundf, long& j1, long& j2) {
  if (i == 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const long half = (i + 1) / 2;
    if ((i + 1) % 2 == 0) {  // i odd
      if (half == n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  j1 = std::max(j1 + 2, 0L);
  j2 = std::min(j2, n);
}

double pomeranz_cdf(long n, double x) {
  const double dn = static_cast<double>(n);
  const double t = dn * x;
  const long ll = static_cast<long>(std::floor(t));
  const double f = t - static_cast<double>(ll);
  const double g = std::min(f, 1.0 - f);
  const long ceilf = f > 0 ? 1 : 0, roundf = f > 0.5 ? 1 : 0;
  const std::size_t npwrs = static_cast<std::size_t>(2 * (ll + 1));
  // (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!
  std::vector<double> gp(npwrs), g2p(npwrs), g12p(npwrs);
  gp[0] = g2p[0] = g12p[0] = 1.0;
  const double a = g / dn, b = 2 * g / dn, c = (1 - 2 * g) / dn;
  for (std::size_t m = 1; m < npwrs; ++m) {
    gp[m] = gp[m - 1] * a / static_cast<double>(m);
    g2p[m] = g2p[m - 1] * b / static_cast<double>(m);
    g12p[m] = g12p[m - 1] * c / static_cast<double>(m);
  }
  std::vector<double> v0(npwrs, 0.0), v1(npwrs, 0.0), conv;
  v1[0] = 1.0;
  long v0s = 0, v1s = 0, expnt = 0, j1 = 0, j2 = 0;
  pomeranz_range(0, n, ll, ceilf, roundf, j1, j2);
  for (long i = 1; i < 2 * n + 2; ++i) {
    const long k1 = j1;
    std::swap(v0, v1);
    std::swap(v0s, v1s);
    std::fill(v1.begin(), v1.end(), 0.0);
    pomeranz_range(i, n, ll, ceilf, roundf, j1, j2);
    const std::vector<double>& pw = (i == 1 || i == 2 * n + 1) ? gp : (i % 2 ? g2p : g12p);
    const long len = j2 - k1 + 1;
    if (len <= 0) continue;
    // full convolution of v0[k1 - v0s, + len) with pw[0, len), entries [j1 - k1, j2 - k1]
    const long start = k1 - v0s;
    const long la = std::min<long>(len, static_cast<long>(npwrs) - start), lb = std::min<long>(len, static_cast<long>(npwrs));
    const long conv_start = j1 - k1, conv_len = j2 - j1 + 1;
    for (long o = 0; o < conv_len; ++o) {
      const long idx = conv_start + o;
      double s = 0.0;
      for (long p = std::max(0L, idx - lb + 1); p <= std::min(idx, la - 1); ++p) s += v0[start + p] * pw[idx - p];
      v1[o] = s;
    }
    const double mx = *std::max_element(v1.begin(), v1.end());
    if (mx > 0 && mx < kScaleDown) {
      for (double& y : v1) y *= kScaleUp;
      expnt -= 128;
    }
    v1s = v0s + j1 - k1;
  }
  double ans = v1[n - v1s];
  for (long m = 1; m <= n; ++m) {  // times n!
    if (std::fabs(ans) > kScaleUp) {
      ans *= kScaleDown;
      expnt += 128;
    }
    ans *= static_cast<double>(m);
  }
  if (expnt != 0) ans = std::ldexp(ans, static_cast<int>(expnt));
  return clip01(ans);
}

// Pelz & Good's asymptotic series: K0 + K1/sqrt(n) + K2/n + K3/n^1.5 in z = x sqrt(n), each
// term rewritten with Jacobi theta identities so it converges for small z.
double pelz_good_cdf(long n, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double dn = static_cast<double>(n);
  const double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
  const double sqrt2pi = std::sqrt(2 * kPi);
  const double z = std::sqrt(dn) * x;
  const double z2 = z * z, z3 = z * z * z, z4 = z2 * z2, z6 = z4 * z2;
  const double qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0.0;
  double q = std::exp(qlog);
  const double k1a = -z2, k1b = pi2 / 4;
  const double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16;
  const double k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
  const double k3b = pi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * std::pow(z, 8);
  double kk[4] = {0, 0, 0, 0};
  const long maxk = static_cast<long>(std::ceil(16 * z / kPi));
  for (long k = maxk; k > 0; --k) {  // Horner in q^8k over odd m = 2k - 1
    const double m = 2.0 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const double qpower = std::pow(q, 8.0 * k);
    const double coeff[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
    for (int i = 0; i < 4; ++i) kk[i] = kk[i] * qpower + coeff[i];
  }
  const double denom[4] = {z, 6 * z4, 72 * std::pow(z, 7), 6480 * std::pow(z, 10)};
  for (int i = 0; i < 4; ++i) kk[i] = kk[i] * q * sqrt2pi / denom[i];
  // The remaining sums over all k: K2 gets pi^2 k^2 q^(k^2), K3 (3 pi^2 k^2 z^2 - pi^4 k^4) q^(k^2).
  q = std::exp(-pi2 / 2 / z2);
  double k2extra = 0.0, k3extra = 0.0;
  const double sqrt3z = std::sqrt(3.0) * z;
  for (long k = maxk; k > 0; --k) {
    const double ks = static_cast<double>(k) * static_cast<double>(k);
    const double qp = std::pow(q, ks), kspi = kPi * static_cast<double>(k);
    k2extra += ks * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks * qp;
  }
  kk[2] += k2extra * (pi2 * sqrt2pi / (-36 * z3));
  kk[3] += k3extra * (pi2 * sqrt2pi / (216 * z6));
  double sum = 0.0;
  for (int i = 0; i < 4; ++i) sum += kk[i] / std::pow(dn, i / 2.0);
  return sum;
}

}  // namespace

double kstwo_sf(long n, double x) {
  if (n <= 0 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x >= 1.0) return 0.0;
  if (x <= 0.0) return 1.0;
  const double dn = static_cast<double>(n);
  const double t = dn * x;
  if (t <= 1.0) {  // Ruben-Gambino: 1/2n < x <= 1/n, CDF = n!/n^n (2t - 1)^n
    if (t <= 0.5) return 1.0;
    double cdf;
    if (n <= 140) {
      cdf = 1.0;
      for (long i = 1; i <= n; ++i) cdf *= static_cast<double>(i) * (1.0 / dn) * (2 * t - 1);
    } else {
      cdf = std::exp(log_factorial_over_power(n) + dn * std::log(2 * t - 1));
    }
    return clip01(1.0 - cdf);
  }
  if (t >= dn - 1) return clip01(2 * std::pow(1.0 - x, dn));  // Ruben-Gambino, x >= 1 - 1/n
  if (x >= 0.5) return clip01(2 * smirnov_sf(n, x));         // D+ and D- cannot both exceed 1/2
  const double nxx = t * x;
  if (n <= 140) {
    if (nxx <= 0.754693) return clip01(1.0 - durbin_cdf(n, x));
    if (nxx <= 4) return clip01(1.0 - pomeranz_cdf(n, x));
    return clip01(2 * smirnov_sf(n, x));
  }
  if (nxx >= 370.0) return 0.0;
  if (nxx >= 2.2) return clip01(2 * smirnov_sf(n, x));
  const double cdf = (n <= 100000 && dn * std::pow(x, 1.5) <= 1.4) ? durbin_cdf(n, x) : pelz_good_cdf(n, x);
  return clip01(1.0 - cdf);
}

}  // namespace mlcore::drift

// xoshiro256** (Blackman and Vigna, 2018) with splitmix64 seeding, as in the authors' reference
// code at prng.di.unimi.it: small, fast, passes BigCrush, and needs only 64-bit integer ops,
// which wasm has natively.
#include "random.hpp"

#include <cmath>

#include "../error.hpp"

namespace mlcore::data {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

double deterministic_log(double x) {
  // fdlibm's e_log.c with the exact Taylor coefficients: x = (1 + f) * 2^e with 1 + f in
  // [sqrt(1/2), sqrt(2)), s = f / (2 + f), ln(1 + f) = 2 atanh(s) = 2s + s R(s^2), and the
  // sum arranged so the large terms (f, e ln 2) are added last and exactly.
  int e = 0;
  double m = std::frexp(x, &e);  // exact
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  const double f = m - 1;  // exact (Sterbenz)
  const double s = f / (2 + f);
  const double z = s * s;
  // |s| <= 0.172, z <= 0.0295: the series 1/3 + z/5 + z^2/7 + ... reaches 2^-60 by 1/25.
  double p = 1.0 / 25;
  for (int k = 23; k >= 3; k -= 2) p = 1.0 / k + z * p;
  const double r = 2 * z * p;
  const double hfsq = 0.5 * f * f;
  // ln 2 split as in fdlibm: the high part has 32 trailing zero bits, so e * ln2_hi is exact.
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double de = e;
  return de * ln2_hi - ((hfsq - (s * (hfsq + r) + de * ln2_lo)) - f);
}

Rng::Rng(std::uint64_t seed) {
  // splitmix64 is a bijection on consecutive counters, so the four words cannot all be zero
  // (the one state xoshiro must never be in).
  for (auto& w : s_) w = splitmix64(seed);
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() {
  // The high bits of xoshiro256** are its best; 53 of them fill a double's mantissa exactly.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double low, double high) { return low + (high - low) * uniform(); }

std::uint64_t Rng::uniform_int(std::uint64_t n) {
  if (n == 0)
    throw Error("random.empty_range",
                "A random integer was asked for in an empty range [0, 0); ask for n >= 1.");
  // Reject the lowest 2^64 mod n raw values, so the rest is a whole number of copies of
  // [0, n) and `r % n` is exactly uniform (the method of OpenBSD's arc4random_uniform).
  // Portable 64-bit arithmetic only: no __int128, which would differ in speed under wasm.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t r = next_u64();
    if (r >= threshold) return r % n;
  }
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double f = std::sqrt(-2.0 * deterministic_log(s) / s);
  spare_ = v * f;
  has_spare_ = true;
  return u * f;
}

double Rng::normal(double mean, double sd) { return mean + sd * normal(); }

std::vector<std::size_t> Rng::permutation(std::size_t n) {
  std::vector<std::size_t> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;
  shuffle(p);
  return p;
}

}  // namespace mlcore::data

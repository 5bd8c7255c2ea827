// See sort_values.hpp.
#include "sort_values.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace mlcore::drift {
namespace {

constexpr int kBits = 11, kPasses = 6;
constexpr std::size_t kBuckets = std::size_t{1} << kBits;
constexpr std::size_t kSmall = 4096;  // below this std::sort wins

// Order-preserving map from a double's bits to an unsigned integer and back.
std::uint64_t to_key(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return (u >> 63) ? ~u : (u | 0x8000000000000000ULL);
}
double from_key(std::uint64_t k) {
  const std::uint64_t u = (k >> 63) ? (k & 0x7fffffffffffffffULL) : ~k;
  double d;
  std::memcpy(&d, &u, sizeof d);
  return d;
}

}  // namespace

std::vector<double> sorted_finite(const double* data, std::size_t n) {
  std::vector<double> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(data[i])) out.push_back(data[i]);
  const std::size_t m = out.size();
  if (m < kSmall) {
    std::sort(out.begin(), out.end());
    return out;
  }
  // Two buffers, not three: the passes alternate between `keys` and the storage of `out`, into
  // which keys are copied as bytes (memcpy, never read as doubles until converted back). Every
  // fresh buffer costs page faults natively, about as much as a pass.
  std::vector<std::uint64_t> keys(m);
  std::vector<std::array<std::uint32_t, kBuckets>> counts(kPasses);
  for (auto& c : counts) c.fill(0);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint64_t k = to_key(out[i]);
    keys[i] = k;
    for (int p = 0; p < kPasses; ++p) ++counts[p][(k >> (p * kBits)) & (kBuckets - 1)];
  }
  bool in_keys = true;  // where the current order lives
  for (int p = 0; p < kPasses; ++p) {
    auto& c = counts[p];
    if (*std::max_element(c.begin(), c.end()) == m) continue;  // one digit for every value: nothing moves
    std::uint32_t sum = 0;
    for (auto& x : c) {
      const std::uint32_t here = x;
      x = sum;
      sum += here;
    }
    const int shift = p * kBits;
    if (in_keys) {
      for (std::size_t i = 0; i < m; ++i) std::memcpy(&out[c[(keys[i] >> shift) & (kBuckets - 1)]++], &keys[i], 8);
    } else {
      for (std::size_t i = 0; i < m; ++i) {
        std::uint64_t k;
        std::memcpy(&k, &out[i], 8);
        keys[c[(k >> shift) & (kBuckets - 1)]++] = k;
      }
    }
    in_keys = !in_keys;
  }
  for (std::size_t i = 0; i < m; ++i) {
    std::uint64_t k = keys[i];
    if (!in_keys) std::memcpy(&k, &out[i], 8);
    out[i] = from_key(k);
  }
  return out;
}

}  // namespace mlcore::drift

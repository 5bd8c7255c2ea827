// See numpy_legacy_random.hpp.
#include "numpy_legacy_random.hpp"

#include <numeric>
#include <utility>

namespace mlcore::drift {

std::uint64_t NumpyLegacyRandom::interval(std::uint64_t max) {
  if (max == 0) return 0;
  std::uint64_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;
  std::uint64_t value;
  if (max <= 0xffffffffULL) {
    while ((value = (static_cast<std::uint64_t>(mt_()) & mask)) > max) {
    }
  } else {
    do {
      const std::uint64_t hi = mt_(), lo = mt_();  // numpy's next_uint64 for MT19937: high word first
      value = ((hi << 32) | lo) & mask;
    } while (value > max);
  }
  return value;
}

void NumpyLegacyRandom::permutation(std::size_t n, std::vector<std::uint32_t>& out) {
  out.resize(n);
  std::iota(out.begin(), out.end(), 0u);
  for (std::size_t i = n; i-- > 1;) {
    const std::size_t j = static_cast<std::size_t>(interval(i));
    std::swap(out[i], out[j]);
  }
}

}  // namespace mlcore::drift

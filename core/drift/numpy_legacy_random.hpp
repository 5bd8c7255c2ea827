// numpy's legacy global random state, just enough of it for Evidently's permutation test:
// np.random.seed(s) then np.random.choice(a, n, replace=False), which is
// permutation(len(a))[:n]. The generator is MT19937 (std::mt19937 gives the same 32-bit words
// as numpy's for the same integer seed: both use the reference init_genrand), and the shuffle
// draws each index as numpy's random_interval does (mask to the next power of two, reject
// values above the bound). Same seed, same permutations as Evidently's TVD p-value.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

namespace mlcore::drift {

class NumpyLegacyRandom {
 public:
  explicit NumpyLegacyRandom(std::uint32_t seed) : mt_(seed) {}

  // Uniform in [0, max], numpy's random_interval (32-bit draws for max below 2^32).
  std::uint64_t interval(std::uint64_t max);
  // np.random.permutation(n) into `out` (resized to n): 0..n-1 shuffled from the end down.
  void permutation(std::size_t n, std::vector<std::uint32_t>& out);

 private:
  std::mt19937 mt_;
};

}  // namespace mlcore::drift

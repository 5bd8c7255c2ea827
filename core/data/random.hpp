// The one pseudo-random number generator of the core: xoshiro256** seeded through splitmix64.
// Every random choice in the core (splits, bootstraps, generated datasets) takes an Rng built
// from a user-visible uint64 seed, so a run is reproducible and the same seed gives the same
// numbers natively and in wasm. std::mt19937 would give the same bits too, but std::*_distribution
// and std::shuffle are implementation-defined (libstdc++ natively, libc++ under emscripten), so
// the distributions here are written out by hand.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mlcore::data {

// Natural log of a positive finite x from +, -, *, / and frexp alone: under 1 ulp from the
// true value (0.83 at worst over 4 million test inputs), not correctly rounded, but the same
// bits on every IEEE 754 target. Why not std::log: glibc's and emscripten's musl log differ in
// the last bit for about 1 input in 12,000 (measured here), enough to make the same seed give
// different tables in the CLI and the page. random.cpp turns FMA contraction off for the same
// reason: a fused multiply-add rounds once where wasm rounds twice.
double deterministic_log(double x);

class Rng {
 public:
  // Any seed is fine, 0 included: splitmix64 spreads it over the 256-bit state.
  explicit Rng(std::uint64_t seed = 0);

  // 64 raw bits (xoshiro256**).
  std::uint64_t next_u64();
  // Uniform double in [0, 1): the top 53 bits scaled by 2^-53, so every value is exact.
  double uniform();
  // Uniform double in [low, high).
  double uniform(double low, double high);
  // Uniform integer in [0, n) without modulo bias; throws random.empty_range when n == 0.
  std::uint64_t uniform_int(std::uint64_t n);
  // Standard normal, Marsaglia's polar method: +, -, *, /, sqrt and deterministic_log only,
  // all correctly rounded or built from correctly rounded steps, so native and wasm agree.
  double normal();
  // Out of line, like uniform(low, high), so no caller's compiler can fuse the multiply-add.
  double normal(double mean, double sd);

  // Fisher-Yates, drawing j in [0, i] from the end down: every permutation equally likely.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(uniform_int(i));
      using std::swap;
      swap(v[i - 1], v[j]);
    }
  }
  // 0..n-1 in random order.
  std::vector<std::size_t> permutation(std::size_t n);

 private:
  std::uint64_t s_[4];
  // The polar method makes normals in pairs; the second waits here for the next call.
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace mlcore::data

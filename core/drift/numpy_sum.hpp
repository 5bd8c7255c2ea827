// Sums in numpy's order: np.sum over a contiguous float64 array adds blocks of 8,192 values,
// each summed pairwise (8 running sums up to 128 values, halves above that). Summing in the
// same order as SciPy gives the same bits wherever the terms are the same, which is what lets
// the fixtures compare distances to the last bit, and pairwise sums keep the error at
// O(log n) ulps where a plain loop over 2 million Wasserstein terms would lose 1e-10.
#pragma once
#include <cstddef>
#include <vector>

namespace mlcore::drift {

// Pairwise sum of a[0..n), numpy's pairwise_sum for float64.
inline double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double r = 0.0;
    for (std::size_t i = 0; i < n; ++i) r += a[i];
    return r;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

constexpr std::size_t kNumpySumBlock = 8192;

// np.sum(a) for a contiguous float64 array.
inline double numpy_sum(const double* a, std::size_t n) {
  double total = 0.0;
  for (std::size_t lo = 0; lo < n; lo += kNumpySumBlock)
    total += pairwise_sum(a + lo, n - lo < kNumpySumBlock ? n - lo : kNumpySumBlock);
  return total;
}
inline double numpy_sum(const std::vector<double>& a) { return numpy_sum(a.data(), a.size()); }

// np.sum over terms produced one at a time (a merge of two sorted samples): the same blocks,
// with 64 KB of memory instead of an array of every term.
class NumpySum {
 public:
  NumpySum() { block_.reserve(kNumpySumBlock); }
  void add(double term) {
    block_.push_back(term);
    if (block_.size() == kNumpySumBlock) flush();
  }
  double total() {
    flush();
    return total_;
  }

 private:
  void flush() {
    if (block_.empty()) return;
    total_ += pairwise_sum(block_.data(), block_.size());
    block_.clear();
  }
  std::vector<double> block_;
  double total_ = 0.0;
};

}  // namespace mlcore::drift

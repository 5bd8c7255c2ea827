// Bin thresholds and the binned feature matrix; see binning.hpp.
#include "binning.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <utility>

namespace mlcore::models {
namespace {

// Halves first so two huge values cannot overflow; with adjacent doubles the midpoint can round
// onto the upper one, which would put both values in one bin, so the lower one is used instead.
double midpoint(double a, double b) {
  const double m = 0.5 * a + 0.5 * b;
  return m < b ? m : a;
}

// An order-preserving map from doubles to unsigned integers (negative values flipped whole,
// positive ones get the sign bit set), so a radix sort on the keys sorts the values. NaN keys
// sort after +infinity.
std::uint64_t sort_key(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return (u >> 63) ? ~u : u | (1ULL << 63);
}

double key_value(std::uint64_t k) {
  const std::uint64_t u = (k >> 63) ? k & ~(1ULL << 63) : ~k;
  double v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

// Least-significant-digit radix sort of keys carrying their positions, 11 bits a pass: a few
// linear passes instead of std::sort's n log n comparisons, which made binning most of a
// decision tree's fit. A pass is skipped when every key has the same digit there (columns of
// small integers share most of their bits).
void radix_sort(std::vector<std::uint64_t>& keys, std::vector<std::uint32_t>& pos) {
  constexpr int kBits = 11, kPasses = 6;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits, kMask = kBuckets - 1;
  const std::size_t n = keys.size();
  if (n < 2) return;
  std::vector<std::uint32_t> counts(kPasses * kBuckets, 0);
  for (const std::uint64_t k : keys)
    for (int p = 0; p < kPasses; ++p) ++counts[p * kBuckets + ((k >> (p * kBits)) & kMask)];
  std::vector<std::uint64_t> keys_out(n);
  std::vector<std::uint32_t> pos_out(n);
  for (int p = 0; p < kPasses; ++p) {
    std::uint32_t* c = counts.data() + p * kBuckets;
    const int shift = p * kBits;
    if (c[(keys[0] >> shift) & kMask] == n) continue;
    std::uint32_t sum = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) sum += std::exchange(c[b], sum);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t j = c[(keys[i] >> shift) & kMask]++;
      keys_out[j] = keys[i];
      pos_out[j] = pos[i];
    }
    keys.swap(keys_out);
    pos.swap(pos_out);
  }
}

// The thresholds of sorted, NaN-free values; see find_bin_thresholds.
std::vector<double> thresholds_of_sorted(const std::vector<double>& values, int max_bins) {
  std::vector<double> out;
  if (values.empty() || max_bins < 2) return out;
  const std::size_t n = values.size();
  std::size_t distinct = 1;
  for (std::size_t i = 1; i < n; ++i) distinct += values[i] != values[i - 1];
  if (distinct <= static_cast<std::size_t>(max_bins)) {
    for (std::size_t i = 1; i < n; ++i)
      if (values[i] != values[i - 1]) out.push_back(midpoint(values[i - 1], values[i]));
    return out;
  }
  // Percentile q = k / max_bins at virtual index q * (n - 1), in integers so the floor and
  // ceiling are exact: numpy's "midpoint" averages the two order statistics around it.
  const auto bins = static_cast<std::size_t>(max_bins);
  for (std::size_t k = 1; k < bins; ++k) {
    const std::size_t num = k * (n - 1);
    const std::size_t lo = num / bins, hi = lo + (num % bins != 0);
    const double t = values[lo] == values[hi] ? values[lo] : midpoint(values[lo], values[hi]);
    // Heavy ties repeat a quantile; a repeated threshold would only make an empty bin.
    if (out.empty() || t > out.back()) out.push_back(t);
  }
  return out;
}

// Sorts the column values[i] (any order, NaN allowed) and returns the sorted non-NaN values;
// pos[i] receives the original index of the i-th smallest (NaN last).
std::vector<double> sort_column(const std::vector<double>& values, std::vector<std::uint32_t>& pos) {
  std::vector<std::uint64_t> keys(values.size());
  pos.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    keys[i] = sort_key(values[i]);
    pos[i] = static_cast<std::uint32_t>(i);
  }
  radix_sort(keys, pos);
  std::vector<double> sorted;
  sorted.reserve(keys.size());
  for (const std::uint64_t k : keys) {
    const double v = key_value(k);
    if (std::isnan(v)) break;
    sorted.push_back(v);
  }
  return sorted;
}

}  // namespace

std::vector<double> find_bin_thresholds(std::vector<double> values, int max_bins) {
  std::vector<std::uint32_t> pos;
  return thresholds_of_sorted(sort_column(values, pos), max_bins);
}

std::vector<std::uint32_t> all_rows(std::size_t n) {
  std::vector<std::uint32_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0u);
  return rows;
}

void BinMapper::fit(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows, int max_bins,
                    data::Rng& rng, std::size_t subsample) {
  std::vector<std::uint32_t> sample = rows;
  if (sample.size() > subsample) {
    // A partial Fisher-Yates: the first `subsample` slots end up a uniform draw without
    // replacement; sorted back so the column reads below walk memory forwards.
    for (std::size_t i = 0; i < subsample; ++i) {
      const auto j = i + static_cast<std::size_t>(rng.uniform_int(sample.size() - i));
      std::swap(sample[i], sample[j]);
    }
    sample.resize(subsample);
    std::sort(sample.begin(), sample.end());
  }
  const int bins = std::clamp(max_bins, 2, kMaxBins);
  thresholds_.assign(static_cast<std::size_t>(X.cols()), {});
  std::vector<double> column(sample.size());
  for (Eigen::Index f = 0; f < X.cols(); ++f) {
    const double* x = X.col(f).data();
    for (std::size_t i = 0; i < sample.size(); ++i) column[i] = x[sample[i]];
    thresholds_[static_cast<std::size_t>(f)] = find_bin_thresholds(column, bins);
  }
}

std::uint8_t BinMapper::bin_of(std::size_t feature, double x) const {
  const auto& t = thresholds_[feature];
  if (std::isnan(x)) return static_cast<std::uint8_t>(t.size());
  return static_cast<std::uint8_t>(std::lower_bound(t.begin(), t.end(), x) - t.begin());
}

BinnedData BinMapper::fit_transform(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows,
                                    int max_bins, data::Rng& rng, std::size_t subsample) {
  if (rows.size() > subsample) {
    fit(X, rows, max_bins, rng, subsample);
    return transform(X, rows);
  }
  // Every row takes part: one sort per column gives both the thresholds and, walking the sorted
  // values past the thresholds, every row's bin (no search per value).
  const int bins = std::clamp(max_bins, 2, kMaxBins);
  BinnedData out;
  out.rows = rows.size();
  out.features = static_cast<std::size_t>(X.cols());
  out.bins.resize(out.rows * out.features);
  thresholds_.assign(out.features, {});
  std::vector<double> column(rows.size());
  std::vector<std::uint32_t> pos;
  for (std::size_t f = 0; f < out.features; ++f) {
    const double* x = X.col(static_cast<Eigen::Index>(f)).data();
    for (std::size_t i = 0; i < rows.size(); ++i) column[i] = x[rows[i]];
    const std::vector<double> sorted = sort_column(column, pos);
    const auto& t = thresholds_[f] = thresholds_of_sorted(sorted, bins);
    std::uint8_t* dst = out.bins.data() + f * out.rows;
    std::size_t b = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i >= sorted.size()) {  // the NaN tail
        dst[pos[i]] = static_cast<std::uint8_t>(t.size());
        continue;
      }
      while (b < t.size() && t[b] < sorted[i]) ++b;
      dst[pos[i]] = static_cast<std::uint8_t>(b);
    }
  }
  return out;
}

BinnedData BinMapper::transform(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows) const {
  BinnedData out;
  out.rows = rows.size();
  out.features = thresholds_.size();
  out.bins.resize(out.rows * out.features);
  double padded[256];
  for (std::size_t f = 0; f < out.features; ++f) {
    // A branch-free binary search over the thresholds padded with +infinity to 256: eight
    // compare-and-adds per value instead of lower_bound's unpredictable branches.
    const auto& t = thresholds_[f];
    std::fill(std::copy(t.begin(), t.end(), padded), padded + 256, HUGE_VAL);
    const double* x = X.col(static_cast<Eigen::Index>(f)).data();
    std::uint8_t* dst = out.bins.data() + f * out.rows;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double v = x[rows[i]];
      std::size_t pos = 0;
      for (std::size_t step = 128; step > 0; step >>= 1) pos += padded[pos + step - 1] < v ? step : 0;
      dst[i] = static_cast<std::uint8_t>(v == v ? pos : t.size());  // NaN: the last bin
    }
  }
  return out;
}

}  // namespace mlcore::models

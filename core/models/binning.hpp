// Feature binning for the histogram-based trees (decision tree, random forest, gradient boosting):
// each feature's values map to at most 255 ordered bins, so a node's histogram has a small fixed
// size and split search costs O(bins) instead of O(rows log rows). Thresholds follow
// scikit-learn's _BinMapper: the midpoints between distinct values when there are at most
// max_bins of them, else the midpoints of quantiles, learned from at most 200,000 rows drawn with
// the seeded Rng. A value x falls in bin b when thresholds[b-1] < x <= thresholds[b], so "bin <= b"
// and "x <= thresholds[b]" pick the same rows: trees store real-valued thresholds and predict on
// raw features without binning them again.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "../data/random.hpp"

namespace mlcore::models {

inline constexpr int kMaxBins = 255;  // bins are uint8
inline constexpr std::size_t kBinningSubsample = 200000;

// Binned features, column-major so one feature's bins are contiguous for histogram building:
// the bin of (row, feature) is bins[feature * rows + row].
struct BinnedData {
  std::size_t rows = 0;
  std::size_t features = 0;
  std::vector<std::uint8_t> bins;
  const std::uint8_t* column(std::size_t feature) const { return bins.data() + feature * rows; }
};

// The thresholds of one column of values (NaN ignored), at most max_bins - 1 of them, strictly
// increasing: midpoints of adjacent distinct values, or of the max_bins-quantiles taken with
// numpy's "midpoint" method when there are more than max_bins distinct values.
std::vector<double> find_bin_thresholds(std::vector<double> values, int max_bins);

// 0, 1, ..., n - 1: "every row" for the row-list arguments below.
std::vector<std::uint32_t> all_rows(std::size_t n);

class BinMapper {
 public:
  // Learns each feature's thresholds from the listed rows of X; when there are more than
  // `subsample` rows, from `subsample` of them drawn without replacement with `rng`.
  void fit(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows, int max_bins,
           data::Rng& rng, std::size_t subsample = kBinningSubsample);
  // fit then transform on the same rows, faster: one sort per column gives both.
  BinnedData fit_transform(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows, int max_bins,
                           data::Rng& rng, std::size_t subsample = kBinningSubsample);
  // The listed rows of X (in that order) binned with the learned thresholds.
  BinnedData transform(const Eigen::MatrixXd& X, const std::vector<std::uint32_t>& rows) const;

  std::size_t n_features() const { return thresholds_.size(); }
  int n_bins(std::size_t feature) const { return static_cast<int>(thresholds_[feature].size()) + 1; }
  // Upper edges of the bins but the last.
  const std::vector<double>& thresholds(std::size_t feature) const { return thresholds_[feature]; }
  // The bin of one value: the number of thresholds strictly below it (NaN: the last bin).
  std::uint8_t bin_of(std::size_t feature, double x) const;

 private:
  std::vector<std::vector<double>> thresholds_;
};

}  // namespace mlcore::models

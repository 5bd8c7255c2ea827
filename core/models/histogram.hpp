// Per-node histograms over binned features: for every (feature, bin) the sums a split criterion
// needs, so the best split of a node is found by scanning bins instead of sorting rows. Three
// kinds, one per family of criteria:
//   class counts   (gini, entropy)   channels = n_classes: rows of each class in the bin
//   value sums     (squared error)   channels = 2: sum of y, row count
//   gradient sums  (boosting)        channels = 3: sum of gradients, sum of hessians, row count
// Only the smaller child of a split is built from its rows; the larger is parent - smaller (the
// subtraction trick), which halves the work per tree level at least.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "binning.hpp"

namespace mlcore::models {

enum class HistogramKind { ClassCounts, ValueSums, GradientSums };

// Where each feature's bins sit in a histogram: feature f's bin b holds `channels` doubles
// starting at (offsets[f] + b) * channels.
struct HistogramLayout {
  HistogramLayout() = default;
  HistogramLayout(const BinMapper& mapper, int channels);

  int channels = 1;
  std::vector<std::uint32_t> offsets;  // one per feature, plus the total number of bins
  std::vector<int> n_bins;             // per feature

  std::size_t size() const { return offsets.empty() ? 0 : offsets.back() * static_cast<std::size_t>(channels); }
  const double* feature(const double* hist, std::size_t f) const { return hist + offsets[f] * channels; }
};

// What each row adds to a histogram, indexed by row number in the binned data.
struct RowTargets {
  const std::int32_t* classes = nullptr;  // ClassCounts
  const double* values = nullptr;         // ValueSums
  const double* gradients = nullptr;      // GradientSums
  const double* hessians = nullptr;       // GradientSums; null = every hessian is 1
};

// Hands out histogram buffers by id and takes them back, so growing trees allocates only until
// the deepest frontier has been seen once.
class HistogramPool {
 public:
  // Forgets every buffer that is out; keeps the memory when the size is unchanged.
  void reset(std::size_t doubles_per_histogram);
  int acquire();
  void release(int id) { free_.push_back(id); }
  double* data(int id) { return buffers_[static_cast<std::size_t>(id)].data(); }

 private:
  std::size_t size_ = 0;
  std::vector<std::vector<double>> buffers_;
  std::vector<int> free_;
};

// Builds histograms from row lists, reusing its gather buffers between calls.
class HistogramBuilder {
 public:
  // Fills `out` (layout.size() doubles) from binned rows rows[0..n).
  void build(const BinnedData& binned, const HistogramLayout& layout, HistogramKind kind,
             const RowTargets& targets, const std::uint32_t* rows, std::size_t n, double* out);

 private:
  std::vector<std::int32_t> classes_;
  std::vector<double> first_, second_;
};

// parent -= child, leaving the sibling's histogram in the parent's buffer.
void subtract_histogram(double* parent, const double* child, std::size_t size);

}  // namespace mlcore::models

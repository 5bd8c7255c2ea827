// Histogram layout, buffer pool and the building loops; see histogram.hpp. The loops are the
// hottest code of every tree family: one pass per feature over the node's rows, reading uint8 bins
// through the row list and adding into a per-feature block small enough to stay in L1.
#include "histogram.hpp"

#include <algorithm>

namespace mlcore::models {

HistogramLayout::HistogramLayout(const BinMapper& mapper, int channels_) : channels(channels_) {
  offsets.assign(mapper.n_features() + 1, 0);
  n_bins.resize(mapper.n_features());
  for (std::size_t f = 0; f < mapper.n_features(); ++f) {
    n_bins[f] = mapper.n_bins(f);
    offsets[f + 1] = offsets[f] + static_cast<std::uint32_t>(n_bins[f]);
  }
}

void HistogramPool::reset(std::size_t doubles_per_histogram) {
  if (doubles_per_histogram != size_) buffers_.clear();
  size_ = doubles_per_histogram;
  free_.clear();
  for (std::size_t i = buffers_.size(); i-- > 0;) free_.push_back(static_cast<int>(i));
}

int HistogramPool::acquire() {
  if (free_.empty()) {
    buffers_.emplace_back(size_);
    return static_cast<int>(buffers_.size() - 1);
  }
  const int id = free_.back();
  free_.pop_back();
  return id;
}

namespace {

// The per-feature passes, with the row list read through (Identity = false) or known to be
// 0, 1, ..., n - 1 (the root of a boosting tree), where the bins are read straight.
template <bool Identity>
void fill(const BinnedData& binned, const HistogramLayout& layout, HistogramKind kind,
          const std::uint32_t* rows, std::size_t n, const std::int32_t* classes, const double* first,
          const double* second, double* out) {
  const std::size_t channels = static_cast<std::size_t>(layout.channels);
  for (std::size_t f = 0; f < binned.features; ++f) {
    const std::uint8_t* col = binned.column(f);
    auto bin = [&](std::size_t i) -> std::size_t { return Identity ? col[i] : col[rows[i]]; };
    double* h = out + static_cast<std::size_t>(layout.offsets[f]) * channels;
    switch (kind) {
      case HistogramKind::ClassCounts:
        for (std::size_t i = 0; i < n; ++i) h[bin(i) * channels + static_cast<std::size_t>(classes[i])] += 1.0;
        break;
      case HistogramKind::ValueSums:
        for (std::size_t i = 0; i < n; ++i) {
          double* b = h + bin(i) * 2u;
          b[0] += first[i];
          b[1] += 1.0;
        }
        break;
      case HistogramKind::GradientSums:
        if (second) {
          for (std::size_t i = 0; i < n; ++i) {
            double* b = h + bin(i) * 3u;
            b[0] += first[i];
            b[1] += second[i];
            b[2] += 1.0;
          }
          break;
        }
        for (std::size_t i = 0; i < n; ++i) {
          double* b = h + bin(i) * 3u;
          b[0] += first[i];
          b[2] += 1.0;
        }
        // Constant unit hessians: the hessian sum is the count, copied once per bin.
        for (int b = 0; b < layout.n_bins[f]; ++b) h[b * 3 + 1] = h[b * 3 + 2];
        break;
    }
  }
}

}  // namespace

void HistogramBuilder::build(const BinnedData& binned, const HistogramLayout& layout,
                             HistogramKind kind, const RowTargets& targets,
                             const std::uint32_t* rows, std::size_t n, double* out) {
  std::fill(out, out + layout.size(), 0.0);
  bool identity = n == binned.rows;
  for (std::size_t i = 0; identity && i < n; ++i) identity = rows[i] == i;
  // Gather the node's targets once into contiguous arrays: every feature pass then reads them
  // sequentially instead of jumping through the row list again.
  const std::int32_t* classes = nullptr;
  const double *first = nullptr, *second = nullptr;
  if (kind == HistogramKind::ClassCounts) {
    classes_.resize(n);
    for (std::size_t i = 0; i < n; ++i) classes_[i] = targets.classes[rows[i]];
    classes = classes_.data();
  } else {
    const double* a = kind == HistogramKind::ValueSums ? targets.values : targets.gradients;
    first_.resize(n);
    for (std::size_t i = 0; i < n; ++i) first_[i] = a[rows[i]];
    first = first_.data();
    if (kind == HistogramKind::GradientSums && targets.hessians) {
      second_.resize(n);
      for (std::size_t i = 0; i < n; ++i) second_[i] = targets.hessians[rows[i]];
      second = second_.data();
    }
  }
  if (identity) fill<true>(binned, layout, kind, rows, n, classes, first, second, out);
  else fill<false>(binned, layout, kind, rows, n, classes, first, second, out);
}

void subtract_histogram(double* parent, const double* child, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) parent[i] -= child[i];
}

}  // namespace mlcore::models

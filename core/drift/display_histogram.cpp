// See display_histogram.hpp.
#include "display_histogram.hpp"

#include <algorithm>
#include <numeric>

#include "binning.hpp"
#include "chooser.hpp"

namespace mlcore::drift {
namespace {

Histogram numeric_bins(ColumnPair& pair) {
  Histogram h;
  const auto& a = pair.sorted(Side::Reference);
  const auto& b = pair.sorted(Side::Current);
  if (a.empty() && b.empty()) return h;
  double lo = a.empty() ? b.front() : (b.empty() ? a.front() : std::min(a.front(), b.front()));
  double hi = a.empty() ? b.back() : (b.empty() ? a.back() : std::max(a.back(), b.back()));
  std::size_t k = kDisplayBins;
  if (lo == hi) lo -= 0.5, hi += 0.5, k = 1;
  h.kind = Histogram::Kind::Bins;
  h.source = "display";
  h.edges = equal_edges(lo, hi, k);
  h.reference = histogram_counts(a, h.edges);
  h.current = histogram_counts(b, h.edges);
  return h;
}

Histogram categories(ColumnPair& pair) {
  Histogram h;
  const KeyCounts& k = pair.keys();
  h.kind = Histogram::Kind::Categories;
  h.source = "display";
  std::vector<std::size_t> order(k.size());
  std::iota(order.begin(), order.end(), 0);
  if (k.size() > kMaxDisplayCategories) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return k.reference[x] + k.current[x] > k.reference[y] + k.current[y];
    });
    order.resize(kMaxDisplayCategories - 1);
    std::sort(order.begin(), order.end());
  }
  double ref_rest = static_cast<double>(pair.rows(Side::Reference)), cur_rest = static_cast<double>(pair.rows(Side::Current));
  for (std::size_t i : order) {
    h.labels.push_back(k.label(i, pair.current_type()));
    h.reference.push_back(k.reference[i]);
    h.current.push_back(k.current[i]);
    ref_rest -= k.reference[i];
    cur_rest -= k.current[i];
  }
  if (order.size() < k.size()) {
    h.labels.push_back("other (" + with_commas(k.size() - order.size()) + " values)");
    h.reference.push_back(ref_rest);
    h.current.push_back(cur_rest);
  }
  return h;
}

}  // namespace

Histogram display_histogram(ColumnPair& pair, const TestOutcome* outcome) {
  if (outcome && outcome->bins.kind != Histogram::Kind::None) {
    const Histogram& b = outcome->bins;
    const std::size_t n = b.kind == Histogram::Kind::Bins ? b.edges.size() - 1 : b.labels.size();
    if (n <= kMaxDisplayCategories) return b;
  }
  return pair.numeric() ? numeric_bins(pair) : categories(pair);
}

}  // namespace mlcore::drift

// See binning.hpp. Each step is done with numpy's floating-point operations in numpy's order, so
// the edges and fractions are the same numbers SciPy receives.
#include "binning.hpp"

#include <algorithm>
#include <cmath>

namespace mlcore::drift {

std::vector<double> equal_edges(double lo, double hi, std::size_t k) {
  std::vector<double> edges(k + 1);
  const double step = (hi - lo) / static_cast<double>(k);
  for (std::size_t i = 0; i < k; ++i) edges[i] = static_cast<double>(i) * step + lo;
  edges[k] = hi;
  return edges;
}

std::vector<double> sturges_edges(double lo, double hi, std::size_t count) {
  // numpy: width = ptp / (log2(n) + 1), then ceil(ptp / width) bins; the same two roundings,
  // because log2(n) + 1 may be whole and the division land an ulp above it.
  const double ptp = hi - lo;
  std::size_t k = 1;
  if (ptp > 0) {
    const double width = ptp / (std::log2(static_cast<double>(count)) + 1.0);
    k = static_cast<std::size_t>(std::ceil(ptp / width));
  } else {
    lo -= 0.5;
    hi += 0.5;
  }
  return equal_edges(lo, hi, k);
}

std::vector<double> histogram_counts(const std::vector<double>& x, const std::vector<double>& edges) {
  const std::size_t k = edges.size() - 1;
  std::vector<double> counts(k, 0.0);
  std::vector<std::size_t> at(edges.size());
  for (std::size_t i = 0; i < k; ++i)
    at[i] = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), edges[i]) - x.begin());
  at[k] = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), edges[k]) - x.begin());
  for (std::size_t i = 0; i < k; ++i) counts[i] = static_cast<double>(at[i + 1] - at[i]);
  return counts;
}

void floor_zero_fractions(std::vector<double>& p) {
  double smallest = 0;
  bool any = false;
  for (double v : p)
    if (v != 0 && (!any || v < smallest)) smallest = v, any = true;
  if (!any) return;
  const double floor = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  for (double& v : p)
    if (v == 0) v = floor;
}

bool binned_by_sturges(ColumnPair& pair, FeatureType type) {
  return type == FeatureType::Numerical && pair.numeric() && pair.distinct(Side::Reference) > 20;
}

BinnedData get_binned_data(ColumnPair& pair, FeatureType type, bool floor_zeroes) {
  BinnedData out;
  Histogram& h = out.bins;
  h.source = "test";
  if (binned_by_sturges(pair, type)) {
    const auto& a = pair.sorted(Side::Reference);
    const auto& b = pair.sorted(Side::Current);
    const double lo = std::min(a.front(), b.front()), hi = std::max(a.back(), b.back());
    h.kind = Histogram::Kind::Bins;
    h.edges = sturges_edges(lo, hi, a.size() + b.size());
    h.reference = histogram_counts(a, h.edges);
    h.current = histogram_counts(b, h.edges);
  } else {
    const KeyCounts& k = pair.keys();
    h.kind = Histogram::Kind::Categories;
    for (std::size_t i = 0; i < k.size(); ++i) h.labels.push_back(k.label(i, pair.current_type()));
    h.reference = k.reference;
    h.current = k.current;
  }
  const double n_ref = static_cast<double>(pair.rows(Side::Reference));
  const double n_cur = static_cast<double>(pair.rows(Side::Current));
  for (double c : h.reference) out.reference.push_back(c / n_ref);
  for (double c : h.current) out.current.push_back(c / n_cur);
  if (floor_zeroes) {
    floor_zero_fractions(out.reference);
    floor_zero_fractions(out.current);
  }
  return out;
}

}  // namespace mlcore::drift

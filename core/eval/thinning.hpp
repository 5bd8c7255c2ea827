// Thinning long series for the page: a chart of 200 points looks the same as one of 20,000, and
// the worker message stays small. Evenly spaced by position rather than sampled at random, so
// the same input always gives the same picture and the first and last points (the ends of a ROC
// or precision-recall curve) are always kept.
#pragma once
#include <cstddef>
#include <vector>

namespace mlcore::eval {

// Positions 0..n-1 when n <= max_points; otherwise max_points positions (at least 2), strictly
// increasing, starting at 0 and ending at n-1.
inline std::vector<std::size_t> evenly_spaced_indices(std::size_t n, std::size_t max_points) {
  std::vector<std::size_t> out;
  if (max_points < 2) max_points = 2;
  if (n <= max_points) {
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = i;
    return out;
  }
  out.reserve(max_points);
  // Integer arithmetic: the step (n-1)/(max_points-1) is above 1, so positions never repeat.
  for (std::size_t k = 0; k < max_points; ++k) out.push_back(k * (n - 1) / (max_points - 1));
  return out;
}

template <class T>
std::vector<T> take(const std::vector<T>& v, const std::vector<std::size_t>& positions) {
  std::vector<T> out;
  out.reserve(positions.size());
  for (std::size_t p : positions) out.push_back(v[p]);
  return out;
}

}  // namespace mlcore::eval

// Evidently's shared binning (get_binned_data in stattests/utils.py), used by PSI, KL divergence
// and Jensen-Shannon, and numpy's pieces under it:
//  - a numerical column whose reference has more than 20 distinct values gets Sturges bins over
//    both samples together: k = ceil(log2(N) + 1) equal bins from their min to their max;
//  - any other column gets one bin per distinct value of either sample;
//  - each sample's counts become fractions of its size, and with floor_zeroes an empty bin gets
//    0.0001 (or min(non-empty) / 1e6 when the smallest non-empty fraction is at most 0.0001).
#pragma once
#include <cstddef>
#include <vector>

#include "stattest.hpp"

namespace mlcore::drift {

// np.histogram_bin_edges(x, bins="sturges") for data of `count` values from lo to hi.
std::vector<double> sturges_edges(double lo, double hi, std::size_t count);
// np.linspace(lo, hi, k + 1): k equal bins, the last edge exactly hi.
std::vector<double> equal_edges(double lo, double hi, std::size_t k);
// np.histogram(x, edges)[0] for sorted x: bin i holds edges[i] <= x < edges[i+1], the last bin
// also x == edges[k] (numpy's searchsorted left, right for the last edge).
std::vector<double> histogram_counts(const std::vector<double>& sorted, const std::vector<double>& edges);

struct BinnedData {
  Histogram bins;                  // the bins and the counts behind the fractions
  std::vector<double> reference;   // fractions of the reference, floored when asked
  std::vector<double> current;
};

BinnedData get_binned_data(ColumnPair& pair, FeatureType type, bool floor_zeroes);

// Evidently's empty-bin floor, in place.
void floor_zero_fractions(std::vector<double>& fractions);

// The Sturges branch applies: numerical with more than 20 distinct reference values.
bool binned_by_sturges(ColumnPair& pair, FeatureType type);

}  // namespace mlcore::drift

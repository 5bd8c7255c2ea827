// Sorting a sample's values ascending, the cost that dominates K-S and Wasserstein on large
// samples: an LSD radix sort over the doubles' bit patterns (flipped so integer order is numeric
// order), six passes of 11 bits, skipping the passes where every value has the same digit. About
// 4x faster than std::sort on a million values, natively and in wasm. NaN must be gone already.
#pragma once
#include <cstddef>
#include <vector>

namespace mlcore::drift {

// The finite values of data[0..n), ascending (-0.0 before 0.0; they compare equal anyway).
std::vector<double> sorted_finite(const double* data, std::size_t n);

}  // namespace mlcore::drift

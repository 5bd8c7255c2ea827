// The one-sided Kolmogorov-Smirnov (Smirnov) distribution: P(D+_n >= x) for a sample of n,
// from the Birnbaum-Tingey sum, as SciPy's special.smirnov computes it (same special cases,
// same summation range, same stopping rule). The two-sided distribution (kolmogorov.hpp) uses
// 2 * smirnov in its upper tail.
#pragma once

namespace mlcore::drift {

// P(D+_n >= x), 0 <= x <= 1; NaN outside. Relative error about 1e-12 up to n = 1e6.
double smirnov_sf(long n, double x);

}  // namespace mlcore::drift

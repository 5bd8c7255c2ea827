// The two-sided Kolmogorov-Smirnov distribution for a sample of n: P(D_n >= x), SciPy's
// stats.kstwo.sf(x, n). The two-sample K-S test uses it for its asymptotic p-value, with
// n = round(n1 n2 / (n1 + n2)).
#pragma once

namespace mlcore::drift {

// P(D_n >= x). Chooses among the exact and approximate methods as Simard & L'Ecuyer (2011)
// do, with SciPy's cut-offs: Ruben-Gambino closed forms at the ends, the Durbin matrix
// (Marsaglia-Tsang-Wang) and Pomeranz's recursion for small n x^2, Pelz-Good for large n, and
// 2 * smirnov_sf in the upper tail.
double kstwo_sf(long n, double x);

}  // namespace mlcore::drift

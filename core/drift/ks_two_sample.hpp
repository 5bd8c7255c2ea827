// The two-sample Kolmogorov-Smirnov test, two-sided, as SciPy's ks_2samp(method='auto') computes
// it: the statistic D = max |F1 - F2| over both samples, an exact p-value when the larger sample
// has at most 10,000 values, otherwise (or when the exact computation fails) the asymptotic one.
#pragma once
#include <cstddef>
#include <vector>

namespace mlcore::drift {

constexpr std::size_t kKsMaxExactN = 10000;  // SciPy's MAX_AUTO_N

struct KsTwoSample {
  double statistic = 0;  // D; on the exact path rounded to a multiple of 1/lcm(n1, n2), as SciPy does
  double p_value = 1;
  bool exact = true;     // false: asymptotic, kstwo.sf(D, round(n1 n2 / (n1 + n2)))
};

// Both samples sorted ascending, neither empty, no NaN.
KsTwoSample ks_two_sample(const std::vector<double>& sorted1, const std::vector<double>& sorted2);

// P(D >= h / lcm(n1, n2)) under the null hypothesis, exactly (Hodges' lattice-path counting);
// NaN when the computation leaves [0, 1], so the caller falls back to the asymptotic value.
double ks_exact_p(long n1, long n2, long h);

}  // namespace mlcore::drift

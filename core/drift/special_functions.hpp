// The distribution functions the p-values need, written out so the page and the CLI compute
// them with the same code: the chi-square survival function (SciPy's chi2.sf) and the standard
// normal CDF in the form SciPy's norm.cdf evaluates it (cephes ndtr).
#pragma once

namespace mlcore::drift {

// P(X > x) for X ~ chi-square with `df` degrees of freedom: the regularised upper incomplete
// gamma function Q(df/2, x/2). 1 for x <= 0, 0 for x = +inf, NaN when df < 1 (SciPy: the
// distribution is undefined). Relative error about 1e-14 in the tails as well.
double chi2_sf(double x, int df);

// Phi(x), evaluated as cephes ndtr does: 0.5 + 0.5 erf(x/sqrt 2) near 0, else from erfc, so
// that 1 - Phi(|z|) rounds as SciPy's does.
double normal_cdf(double x);

// log(1 + u) - u without cancellation for small u (u > -1).
double log1p_minus(double u);

}  // namespace mlcore::drift

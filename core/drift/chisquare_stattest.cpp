// chisquare: chi-square goodness of fit of the current counts to the reference proportions
// (Evidently's chisquare_stattest.py). Columns: categorical (the automatic choice also sends
// numeric columns with 3 to 5 distinct values here). Returns scipy.stats.chisquare(f_obs, f_exp)
// p-value with f_obs = current counts and f_exp = reference counts * n_cur / n_ref, over every
// value of either sample; df = values - 1. A value new in the current sample has f_exp = 0, so
// the statistic is infinite and p = 0. Drift when p < 0.05.
// This is a one-sample test: the reference proportions are taken as the truth, not as a sample
// with noise of its own (that would be the 2 x k contingency test), so it flags more readily.
#include <cmath>

#include "numpy_sum.hpp"
#include "special_functions.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

TestOutcome run(ColumnPair& pair, FeatureType) {
  const KeyCounts& k = pair.keys();
  const double k_norm = static_cast<double>(pair.rows(Side::Current)) / static_cast<double>(pair.rows(Side::Reference));
  std::vector<double> terms(k.size());
  for (std::size_t i = 0; i < k.size(); ++i) {
    const double expected = k.reference[i] * k_norm, d = k.current[i] - expected;
    terms[i] = d * d / expected;  // +inf for a value the reference never had
  }
  TestOutcome out;
  out.statistic = numpy_sum(terms);
  out.statistic_name = "chi-square";
  out.score = chi2_sf(out.statistic, static_cast<int>(k.size()) - 1);
  if (std::isinf(out.statistic))
    out.notes.push_back("a value occurs in the current data that the reference never had, so the statistic is "
                        "infinite and p = 0");
  if (k.size() < 2) out.notes.push_back("one distinct value only: the chi-square test is undefined (SciPy returns NaN)");
  out.bins = key_histogram(pair);
  return out;
}

}  // namespace

const StatTest& chisquare_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "chisquare";
    t.display_name = "chi-square p_value";
    t.short_name = "chi-square";
    t.score_name = "p-value";
    t.score_label = "chi-square p-value";
    t.allowed_types = {FeatureType::Categorical};
    t.default_threshold = 0.05;
    t.drift_when = DriftWhen::PValueBelow;
    t.description =
        "Chi-square goodness of fit of the current category counts to the reference proportions (SciPy chisquare); "
        "drift when p < threshold.";
    t.drift_meaning = "the current counts are unlikely if the reference proportions still held";
    t.no_drift_meaning = "the current counts fit the reference proportions";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

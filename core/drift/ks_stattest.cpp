// ks: two-sample Kolmogorov-Smirnov test (Evidently's ks_stattest.py).
// Columns: numerical. Returns the p-value of scipy.stats.ks_2samp(reference, current), two-sided,
// method 'auto' (exact up to 10,000 values per sample). Drift when p <= 0.05 (note: <=, where the
// other p-value tests use <). The automatic choice for numeric columns with more than 5 distinct
// values when the reference has at most 1,000 rows.
#include "ks_two_sample.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

TestOutcome run(ColumnPair& pair, FeatureType) {
  const KsTwoSample r = ks_two_sample(pair.sorted(Side::Reference), pair.sorted(Side::Current));
  TestOutcome out;
  out.score = r.p_value;
  out.statistic = r.statistic;
  out.statistic_name = "D";
  out.method = r.exact ? "exact" : "asymptotic";
  return out;
}

}  // namespace

const StatTest& ks_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "ks";
    t.display_name = "K-S p_value";
    t.short_name = "K-S";
    t.score_name = "p-value";
    t.score_label = "K-S p-value";
    t.allowed_types = {FeatureType::Numerical};
    t.default_threshold = 0.05;
    t.drift_when = DriftWhen::PValueAtMost;
    t.needs_order = true;
    t.description =
        "Two-sample Kolmogorov-Smirnov test on the raw values (SciPy ks_2samp: exact p-value up to 10,000 values "
        "per sample, asymptotic above); drift when p <= threshold.";
    t.drift_meaning = "the two samples are unlikely to come from one distribution";
    t.no_drift_meaning = "nothing shows that the two samples come from different distributions";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

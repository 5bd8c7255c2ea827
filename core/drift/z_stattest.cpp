// z: Z-test for two proportions (Evidently's z_stattest.py). Columns: categorical (the automatic
// choice sends every column with at most 2 distinct values here). The first value in sorted
// order is "0", anything else "1"; with p1, p2 the shares of "1" and P the pooled share,
// z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)) and p = 2 (1 - Phi(|z|)), the 1 - cdf form, so
// p-values below about 1e-16 come out as 0. Both samples holding one and the same value give
// p = 1. Drift when p < 0.05.
#include <cmath>

#include "special_functions.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

TestOutcome run(ColumnPair& pair, FeatureType) {
  const KeyCounts& k = pair.keys();
  TestOutcome out;
  out.statistic_name = "z";
  out.bins = key_histogram(pair);
  if (k.size() == 1) {
    out.score = 1.0;
    out.statistic = 0.0;
    out.notes.push_back("both samples hold the one value " + out.bins.labels[0]);
    return out;
  }
  if (k.size() > 2) out.notes.push_back("more than 2 values: '" + out.bins.labels[0] + "' against all the others");
  const double n1 = static_cast<double>(pair.rows(Side::Reference)), n2 = static_cast<double>(pair.rows(Side::Current));
  const double p1 = (n1 - k.reference[0]) / n1, p2 = (n2 - k.current[0]) / n2;
  const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  out.statistic = (p1 - p2) / std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
  out.score = 2 * (1 - normal_cdf(std::fabs(out.statistic)));
  return out;
}

}  // namespace

const StatTest& z_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "z";
    t.display_name = "Z-test p_value";
    t.short_name = "Z-test";
    t.score_name = "p-value";
    t.score_label = "Z-test p-value";
    t.allowed_types = {FeatureType::Categorical};
    t.default_threshold = 0.05;
    t.drift_when = DriftWhen::PValueBelow;
    t.description =
        "Z-test for the difference of two proportions (the first value in sorted order against the rest); drift when "
        "p < threshold.";
    t.drift_meaning = "the two proportions differ by more than chance explains";
    t.no_drift_meaning = "the difference between the two proportions is within chance";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

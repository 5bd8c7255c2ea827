// jensenshannon: Jensen-Shannon distance between the binned samples (Evidently's jensenshannon.py).
// Columns: categorical and numerical. Returns scipy.spatial.distance.jensenshannon(ref, cur) on
// get_binned_data without the empty-bin floor: p, q normalised to sum 1, m = (p + q) / 2,
// sqrt((sum rel_entr(p, m) + sum rel_entr(q, m)) / 2), natural log: a distance from 0 (same
// shares) to sqrt(ln 2) = 0.83 (no bin in common). Drift when >= 0.1. The automatic choice for
// categorical columns, and numeric ones with at most 5 distinct values, when the reference has
// more than 1,000 rows.
#include <cmath>

#include "../data/random.hpp"
#include "binning.hpp"
#include "numpy_sum.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

// scipy.special.rel_entr: x log(x / y), 0 for x = 0, +inf otherwise.
double rel_entr(double x, double y) {
  if (x > 0 && y > 0) return x * data::deterministic_log(x / y);
  if (x == 0 && y >= 0) return 0.0;
  return INFINITY;
}

TestOutcome run(ColumnPair& pair, FeatureType type) {
  BinnedData b = get_binned_data(pair, type, false);
  const double sp = numpy_sum(b.reference), sq = numpy_sum(b.current);
  std::vector<double> left(b.reference.size()), right(b.reference.size());
  for (std::size_t i = 0; i < left.size(); ++i) {
    const double p = b.reference[i] / sp, q = b.current[i] / sq, m = (p + q) / 2.0;
    left[i] = rel_entr(p, m);
    right[i] = rel_entr(q, m);
  }
  TestOutcome out;
  out.score = std::sqrt((numpy_sum(left) + numpy_sum(right)) / 2.0);
  out.statistic = out.score;
  out.statistic_name = "distance";
  out.bins = std::move(b.bins);
  return out;
}

}  // namespace

const StatTest& jensenshannon_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "jensenshannon";
    t.display_name = "Jensen-Shannon distance";
    t.short_name = "Jensen-Shannon";
    t.score_name = "distance";
    t.score_label = "Jensen-Shannon distance";
    t.allowed_types = {FeatureType::Categorical, FeatureType::Numerical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::ScoreAtLeast;
    t.description =
        "Jensen-Shannon distance between the shares per bin (Sturges bins over both samples when the reference has "
        "more than 20 distinct numbers, else one bin per value), natural log, 0 to 0.83; drift when >= threshold.";
    t.drift_meaning = "the shares per bin differ (0 is identical, 0.83 no bin in common)";
    t.no_drift_meaning = "the shares per bin are close (0 is identical, 0.83 no bin in common)";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

// psi: Population Stability Index (Evidently's psi.py). Columns: categorical and numerical.
// Returns sum_i (ref_i - cur_i) ln(ref_i / cur_i) over get_binned_data's fractions with the
// empty-bin floor (0.0001, not renormalised). The bins come from both samples (Sturges) or are
// one per value; classic PSI tools bin the reference alone by deciles, which gives other
// numbers. Drift when PSI >= 0.1 (a common reading: < 0.1 stable, 0.1 to 0.25 some shift,
// >= 0.25 a major shift).
#include <cmath>

#include "../data/random.hpp"
#include "binning.hpp"
#include "numpy_sum.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

TestOutcome run(ColumnPair& pair, FeatureType type) {
  BinnedData b = get_binned_data(pair, type, true);
  std::vector<double> terms(b.reference.size());
  for (std::size_t i = 0; i < terms.size(); ++i)
    terms[i] = (b.reference[i] - b.current[i]) * data::deterministic_log(b.reference[i] / b.current[i]);
  TestOutcome out;
  out.score = numpy_sum(terms);
  out.statistic = out.score;
  out.statistic_name = "PSI";
  out.bins = std::move(b.bins);
  return out;
}

}  // namespace

const StatTest& psi_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "psi";
    t.display_name = "PSI";
    t.short_name = "PSI";
    t.score_name = "index";
    t.score_label = "PSI";
    t.allowed_types = {FeatureType::Categorical, FeatureType::Numerical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::ScoreAtLeast;
    t.description =
        "Population Stability Index over Evidently's bins (Sturges over both samples, or one per value; empty bins "
        "floored at 0.0001); drift when PSI >= threshold.";
    t.drift_meaning = "the shares per bin have moved (below 0.1 is usually read as stable, above 0.25 as a major shift)";
    t.no_drift_meaning = "the shares per bin are stable (below 0.1 is usually read as stable)";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

// kl_div: Kullback-Leibler divergence KL(reference || current) (Evidently's kl_div.py). Columns:
// categorical and numerical. Returns scipy.stats.entropy(ref, cur) on get_binned_data's floored
// fractions: each renormalised to sum 1, then sum p_i ln(p_i / q_i), in nats; not symmetric.
// Drift when >= 0.1.
#include "../data/random.hpp"
#include "binning.hpp"
#include "numpy_sum.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

TestOutcome run(ColumnPair& pair, FeatureType type) {
  BinnedData b = get_binned_data(pair, type, true);
  const double sp = numpy_sum(b.reference), sq = numpy_sum(b.current);
  std::vector<double> terms(b.reference.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double p = 1.0 * b.reference[i] / sp, q = 1.0 * b.current[i] / sq;
    terms[i] = p > 0 ? p * data::deterministic_log(p / q) : 0.0;  // floored fractions: both > 0
  }
  TestOutcome out;
  out.score = numpy_sum(terms);
  out.statistic = out.score;
  out.statistic_name = "KL";
  out.bins = std::move(b.bins);
  return out;
}

}  // namespace

const StatTest& kl_div_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "kl_div";
    t.display_name = "Kullback-Leibler divergence";
    t.short_name = "KL divergence";
    t.score_name = "divergence";
    t.score_label = "KL divergence";
    t.allowed_types = {FeatureType::Categorical, FeatureType::Numerical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::ScoreAtLeast;
    t.description =
        "Kullback-Leibler divergence of the current shares from the reference shares over Evidently's bins (empty "
        "bins floored), in nats; drift when >= threshold.";
    t.drift_meaning = "describing the reference with the current shares loses that many nats per value";
    t.no_drift_meaning = "the current shares describe the reference almost as well as its own";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

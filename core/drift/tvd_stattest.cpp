// TVD: total variation distance with a permutation p-value (Evidently's tvd_stattest.py).
// Columns: categorical. The statistic is 0.5 * sum |ref_k / n_ref - cur_k / n_cur| over the
// values of either sample; the p-value is the share of 1,000 random re-splits of the pooled rows
// (reference rows then current rows, numpy's legacy generator seeded with 0, as Evidently's
// permutation_test does) whose distance is at least the observed one. Drift when p < 0.1 (this
// test's default threshold is 0.1, not 0.05). Ties are compared exactly here, in whole numbers;
// Evidently compares floating-point sums whose rounding depends on Python's set order, so on an
// exact tie the two can count differently. Costs 1,000 shuffles of all the rows.
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "numpy_legacy_random.hpp"
#include "numpy_sum.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

constexpr int kIterations = 1000;

// 2 n1 n2 * TVD as a whole number: sum_k |a_k n2 - b_k n1|.
std::int64_t scaled_tvd(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b, std::int64_t n1,
                        std::int64_t n2) {
  std::int64_t s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += std::llabs(a[k] * n2 - b[k] * n1);
  return s;
}

TestOutcome run(ColumnPair& pair, FeatureType) {
  const KeyCounts& k = pair.keys();
  const std::int64_t n1 = static_cast<std::int64_t>(pair.rows(Side::Reference));
  const std::int64_t n2 = static_cast<std::int64_t>(pair.rows(Side::Current));
  const double d1 = static_cast<double>(n1), d2 = static_cast<double>(n2);
  std::vector<double> terms(k.size());
  std::vector<std::int64_t> a(k.size()), b(k.size()), total(k.size());
  for (std::size_t i = 0; i < k.size(); ++i) {
    terms[i] = std::fabs(k.reference[i] / d1 - k.current[i] / d2);
    a[i] = static_cast<std::int64_t>(k.reference[i]);
    b[i] = static_cast<std::int64_t>(k.current[i]);
    total[i] = a[i] + b[i];
  }
  TestOutcome out;
  out.statistic = 0.5 * numpy_sum(terms);
  out.statistic_name = "TVD";
  const std::int64_t observed = scaled_tvd(a, b, n1, n2);

  std::vector<std::int32_t> pooled = pair.key_index(Side::Reference);
  const std::vector<std::int32_t> cur = pair.key_index(Side::Current);
  pooled.insert(pooled.end(), cur.begin(), cur.end());
  NumpyLegacyRandom rng(0);
  std::vector<std::uint32_t> perm;
  int at_least = 0;
  for (int it = 0; it < kIterations; ++it) {
    rng.permutation(pooled.size(), perm);
    std::fill(a.begin(), a.end(), 0);
    for (std::int64_t r = 0; r < n1; ++r) ++a[pooled[perm[r]]];
    for (std::size_t i = 0; i < k.size(); ++i) b[i] = total[i] - a[i];
    at_least += scaled_tvd(a, b, n1, n2) >= observed;
  }
  out.score = static_cast<double>(at_least) / kIterations;
  out.method = "permutation";
  out.bins = key_histogram(pair);
  return out;
}

}  // namespace

const StatTest& tvd_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "TVD";
    t.display_name = "Total-Variation-Distance";
    t.short_name = "TVD";
    t.score_name = "p-value";
    t.score_label = "TVD permutation p-value";
    t.allowed_types = {FeatureType::Categorical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::PValueBelow;
    t.description =
        "Total variation distance between the shares per value, with a p-value from 1,000 permutations (seed 0, as "
        "Evidently); drift when p < threshold (default 0.1).";
    t.drift_meaning = "random re-splits of the pooled rows rarely differ this much";
    t.no_drift_meaning = "random re-splits of the pooled rows often differ this much";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

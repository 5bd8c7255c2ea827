// hellinger: Hellinger distance (Evidently's hellinger_distance.py). Columns: categorical and
// numerical. Categorical: shares per value p, q over the values of either sample,
// H = sqrt(1 - sum sqrt(p q)). Numerical (any number of distinct values, unlike the shared
// binning): Sturges bins over the *distinct* values of both samples, the densities
// count / (n * width) per bin, H = sqrt(1 - sum sqrt(h1 h2) * width). The sum is clipped to
// [0, 1]. From 0 (same distribution) to 1 (disjoint). Drift when >= 0.1.
#include <algorithm>
#include <cmath>

#include "binning.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

double finish(double bc) { return std::sqrt(1 - std::min(std::max(bc, 0.0), 1.0)); }

TestOutcome run(ColumnPair& pair, FeatureType type) {
  TestOutcome out;
  out.statistic_name = "H";
  const double n1 = static_cast<double>(pair.rows(Side::Reference)), n2 = static_cast<double>(pair.rows(Side::Current));
  Histogram& h = out.bins;
  h.source = "test";
  double bc = 0.0;
  if (type == FeatureType::Categorical || !pair.numeric()) {
    const KeyCounts& k = pair.keys();
    h.kind = Histogram::Kind::Categories;
    for (std::size_t i = 0; i < k.size(); ++i) {
      h.labels.push_back(k.label(i, pair.current_type()));
      bc += std::sqrt((k.reference[i] / n1) * (k.current[i] / n2));
    }
    h.reference = k.reference;
    h.current = k.current;
  } else {
    const auto& a = pair.sorted(Side::Reference);
    const auto& b = pair.sorted(Side::Current);
    h.kind = Histogram::Kind::Bins;
    h.edges = sturges_edges(std::min(a.front(), b.front()), std::max(a.back(), b.back()), pair.distinct_both());
    h.reference = histogram_counts(a, h.edges);
    h.current = histogram_counts(b, h.edges);
    const std::size_t k = h.edges.size() - 1;
    const double width = (h.edges[k] - h.edges[0]) / static_cast<double>(k);
    for (std::size_t i = 0; i < k; ++i) {
      const double db = h.edges[i + 1] - h.edges[i];
      const double d1 = h.reference[i] / db / n1, d2 = h.current[i] / db / n2;  // numpy density=True
      bc += std::sqrt(d1 * d2) * width;
    }
  }
  out.score = finish(bc);
  out.statistic = out.score;
  return out;
}

}  // namespace

const StatTest& hellinger_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "hellinger";
    t.display_name = "Hellinger distance";
    t.short_name = "Hellinger";
    t.score_name = "distance";
    t.score_label = "Hellinger distance";
    t.allowed_types = {FeatureType::Categorical, FeatureType::Numerical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::ScoreAtLeast;
    t.description =
        "Hellinger distance between the shares per value (categorical) or the densities over Sturges bins of the "
        "distinct values (numerical), 0 to 1; drift when >= threshold.";
    t.drift_meaning = "the distributions overlap less (0 is identical, 1 disjoint)";
    t.no_drift_meaning = "the distributions overlap almost entirely (0 is identical, 1 disjoint)";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

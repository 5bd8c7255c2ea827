// The registry of drift tests. Adding a test adds its file and one line here.
#include <cmath>

#include "../error.hpp"
#include "stattest.hpp"

namespace mlcore::drift {

const std::vector<const StatTest*>& stattests() {
  static const std::vector<const StatTest*> all = {
      &ks_stattest(),     &chisquare_stattest(), &z_stattest(),         &wasserstein_stattest(),
      &jensenshannon_stattest(), &psi_stattest(), &kl_div_stattest(),   &hellinger_stattest(),
      &tvd_stattest(),
  };
  return all;
}

const StatTest* find_stattest(const std::string& name) {
  for (const StatTest* t : stattests())
    if (t->name == name) return t;
  return nullptr;
}

std::string stattest_names() {
  std::string out;
  for (const StatTest* t : stattests()) out += (out.empty() ? "" : ", ") + t->name;
  return out;
}

const StatTest& stattest(const std::string& name) {
  if (const StatTest* t = find_stattest(name)) return *t;
  throw Error("drift.unknown_test", "No drift test named '" + name + "'; the tests are: " + stattest_names() + ".");
}

Histogram key_histogram(ColumnPair& pair) {
  const KeyCounts& k = pair.keys();
  Histogram h;
  h.kind = Histogram::Kind::Categories;
  h.source = "test";
  for (std::size_t i = 0; i < k.size(); ++i) h.labels.push_back(k.label(i, pair.current_type()));
  h.reference = k.reference;
  h.current = k.current;
  return h;
}

const char* to_string(FeatureType t) {
  switch (t) {
    case FeatureType::Numerical: return "numerical";
    case FeatureType::Categorical: return "categorical";
    case FeatureType::Text: return "text";
    case FeatureType::Unknown: return "unknown";
  }
  return "numerical";
}

const char* drift_operator(DriftWhen w, bool drift) {
  switch (w) {
    case DriftWhen::PValueAtMost: return drift ? "<=" : ">";
    case DriftWhen::PValueBelow: return drift ? "<" : ">=";
    case DriftWhen::ScoreAtLeast: return drift ? ">=" : "<";
  }
  return "";
}

bool StatTest::allows(FeatureType t) const {
  for (FeatureType a : allowed_types)
    if (a == t) return true;
  return false;
}

bool StatTest::drifted(double score, double threshold) const {
  if (std::isnan(score)) return false;
  switch (drift_when) {
    case DriftWhen::PValueAtMost: return score <= threshold;
    case DriftWhen::PValueBelow: return score < threshold;
    case DriftWhen::ScoreAtLeast: return score >= threshold;
  }
  return false;
}

}  // namespace mlcore::drift

// What a drift test is: one function over a column pair plus a descriptor (name, display name,
// the column types it is registered for, its default threshold and which side of it is drift),
// as Evidently's StatTest. Each test lives in its own file and hands its descriptor to the
// registry (registry.cpp); the automatic choice (chooser.hpp) picks among them by name.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "column_pair.hpp"

namespace mlcore::drift {

// Evidently's column types (inferred on the current sample, see chooser.hpp). Text and Unknown
// columns are not tested unless a test is asked for.
enum class FeatureType { Numerical, Categorical, Text, Unknown };
const char* to_string(FeatureType t);

enum class DriftWhen {
  PValueAtMost,  // p <= threshold (ks)
  PValueBelow,   // p < threshold (chisquare, z, TVD)
  ScoreAtLeast,  // score >= threshold (the distances)
};
const char* drift_operator(DriftWhen w, bool drift);  // "<=", ">" ...

// Counts per bin or per category, for the page's overlay and for the tests that bin.
struct Histogram {
  enum class Kind { None, Bins, Categories };
  Kind kind = Kind::None;
  std::string source;               // "test" (the bins the test used) or "display"
  std::vector<double> edges;        // Bins: k + 1 edges
  std::vector<std::string> labels;  // Categories
  std::vector<double> reference, current;  // counts
};

// The bins of a test on category counts (chi-square, Z, TVD): one per key of the pair, labelled
// as the current column spells its values, with both samples' counts.
Histogram key_histogram(ColumnPair& pair);

struct TestOutcome {
  double score = 0;           // the number compared with the threshold (p-value or distance)
  double statistic = 0;       // the test statistic: K-S D, chi-square, z, TVD; the score for distances
  std::string statistic_name; // "D", "chi-square", "z", "TVD", or the score's name
  std::string method;         // "exact" or "asymptotic" for ks; empty otherwise
  std::vector<std::string> notes;  // remarks to show with the verdict
  Histogram bins;             // the bins or categories the test compared, when it binned
};

struct StatTest {
  std::string name;          // "ks", as in Evidently and on the command line
  std::string display_name;  // Evidently's display name: "K-S p_value"
  std::string short_name;    // in sentences: "K-S because ..."
  std::string score_label;   // before the number: "K-S p-value 0.0001 <= 0.05"
  std::string score_name;    // "p-value", "distance", "index", "divergence"
  std::vector<FeatureType> allowed_types;  // Evidently's allowed_feature_types
  double default_threshold = 0.05;
  DriftWhen drift_when = DriftWhen::PValueBelow;
  bool needs_order = false;  // needs numbers (K-S, Wasserstein): impossible on text labels
  std::string description;   // one line for the page and --help
  std::string drift_meaning;     // "the two samples are unlikely to come from one distribution"
  std::string no_drift_meaning;
  TestOutcome (*run)(ColumnPair& pair, FeatureType type) = nullptr;

  bool allows(FeatureType t) const;
  bool drifted(double score, double threshold) const;  // NaN is never drift (as in Evidently)
};

// The registry: every test, in a fixed order.
const std::vector<const StatTest*>& stattests();
// nullptr when there is no test of that name.
const StatTest* find_stattest(const std::string& name);
// Throws drift.unknown_test listing the names.
const StatTest& stattest(const std::string& name);
// "ks, chisquare, z, ..." for messages.
std::string stattest_names();

// Each test file defines one of these.
const StatTest& ks_stattest();
const StatTest& chisquare_stattest();
const StatTest& z_stattest();
const StatTest& psi_stattest();
const StatTest& jensenshannon_stattest();
const StatTest& wasserstein_stattest();
const StatTest& kl_div_stattest();
const StatTest& hellinger_stattest();
const StatTest& tvd_stattest();

}  // namespace mlcore::drift

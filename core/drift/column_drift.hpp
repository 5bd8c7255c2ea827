// Drift of one column: reference sample against current sample -> the test, its number, the
// threshold, the verdict and a sentence that explains all three. This is the unit every drift
// report is made of: data drift runs it per feature column (report.hpp), and target drift and
// prediction drift run it on the target or prediction column; a monitor calls it per window of
// traffic with Samples over that window's rows (no copy).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chooser.hpp"
#include "column_pair.hpp"
#include "stattest.hpp"

namespace mlcore::drift {

enum class ColumnRole { Feature, Target, Prediction };
const char* to_string(ColumnRole r);

struct ColumnOptions {
  std::string method;                // a registered test name; empty: the automatic choice
  std::string method_source;         // the clause after "because" (default "it was asked for this column")
  std::optional<double> threshold;   // empty: the test's default
  std::optional<FeatureType> type;   // empty: inferred from the current sample as Evidently does
  ColumnRole role = ColumnRole::Feature;
  bool histogram = true;             // also build the histogram for the page's overlay
};

struct ColumnDrift {
  std::string column;
  ColumnRole role = ColumnRole::Feature;
  FeatureType type = FeatureType::Numerical;
  std::string type_reason;
  std::size_t reference_rows = 0, current_rows = 0, distinct_values = 0;  // after cleaning
  const StatTest* test = nullptr;    // nullptr: not tested
  bool automatic = true;             // the test came from the automatic choice
  std::string reason;                // why this test (or why none)
  double threshold = 0;
  bool default_threshold = true;
  TestOutcome outcome;
  bool drift = false;
  std::vector<std::string> departures;  // where an option makes this differ from Evidently
  std::string explanation;           // the verdict in one sentence (or a few short ones)
  Histogram histogram;               // reference and current counts to draw over each other
};

// Throws drift.unknown_test, drift.test_not_applicable (a test that needs numbers on text
// labels), drift.bad_threshold, drift.type_mismatch (numbers against labels).
ColumnDrift column_drift(const std::string& column, Sample reference, Sample current,
                         const ColumnOptions& options = {});

}  // namespace mlcore::drift

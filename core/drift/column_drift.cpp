// See column_drift.hpp.
#include "column_drift.hpp"

#include <cmath>

#include "../error.hpp"
#include "display_histogram.hpp"
#include "explain.hpp"

namespace mlcore::drift {
namespace {

std::string types_phrase(const StatTest& t) {
  std::string out;
  for (std::size_t i = 0; i < t.allowed_types.size(); ++i)
    out += std::string(i ? " and " : "") + to_string(t.allowed_types[i]);
  return out;
}

void not_tested(ColumnDrift& d, ColumnPair& pair, const ColumnOptions& o) {
  d.test = nullptr;
  d.explanation = explain(d);
  if (o.histogram) d.histogram = display_histogram(pair, nullptr);
}

}  // namespace

const char* to_string(ColumnRole r) {
  switch (r) {
    case ColumnRole::Feature: return "feature";
    case ColumnRole::Target: return "target";
    case ColumnRole::Prediction: return "prediction";
  }
  return "feature";
}

ColumnDrift column_drift(const std::string& column, Sample reference, Sample current, const ColumnOptions& o) {
  ColumnPair pair(reference, current);
  ColumnDrift d;
  d.column = column;
  d.role = o.role;
  d.reference_rows = pair.rows(Side::Reference);
  d.current_rows = pair.rows(Side::Current);

  const StatTest* asked = o.method.empty() ? nullptr : &stattest(o.method);
  if (o.threshold && !(std::isfinite(*o.threshold) && *o.threshold >= 0))
    throw Error("drift.bad_threshold", "The threshold for column '" + column + "' must be a number >= 0, got " +
                                           std::to_string(*o.threshold) + ".");
  if (asked && asked->needs_order && !pair.numeric())
    throw Error("drift.test_not_applicable", asked->short_name + " needs numbers and column '" + column +
                                                 "' holds text labels; for labels use chisquare, z, jensenshannon, "
                                                 "psi, kl_div, hellinger or TVD.");

  if (d.reference_rows == 0 || d.current_rows == 0) {
    d.reason = std::string("The ") + (d.reference_rows == 0 ? "reference" : "current") +
               " sample has no values left after dropping missing and infinite values.";
    d.departures.push_back("Evidently stops the whole report with an error on an empty column.");
    not_tested(d, pair, o);
    return d;
  }

  if (o.type) {
    d.type = *o.type;
  } else {
    const TypeGuess g = infer_feature_type(pair);
    d.type = g.type;
    d.type_reason = g.reason;
  }
  d.distinct_values = pair.distinct_both();
  const TestChoice automatic = choose_stattest(d.type, d.reference_rows, d.distinct_values);

  FeatureType run_type = d.type;
  if (asked) {
    d.test = asked;
    d.automatic = false;
    d.reason = asked->short_name + " because " +
               (o.method_source.empty() ? std::string("it was asked for this column") : o.method_source) +
               (automatic.test == asked   ? "; it is also the automatic choice."
                : automatic.test          ? "; the automatic choice would be " + automatic.test->name + "."
                                          : ".");
    if (d.type == FeatureType::Text || d.type == FeatureType::Unknown) {
      run_type = FeatureType::Categorical;
      d.departures.push_back(std::string("Evidently treats this column as ") + to_string(d.type) + " and would " +
                             (d.type == FeatureType::Text ? "refuse " + asked->name + " for it" : "leave it out") +
                             "; here its values are compared as categories.");
    } else if (!asked->allows(d.type)) {
      d.departures.push_back("Evidently registers " + asked->name + " for " + types_phrase(*asked) +
                             " columns only and would refuse it for this " + to_string(d.type) + " column" +
                             (asked->needs_order ? "." : "; here each distinct value counts as a category."));
    }
  } else {
    d.test = automatic.test;
    d.reason = automatic.reason;
    if (!d.test) {
      not_tested(d, pair, o);
      return d;
    }
  }
  d.threshold = o.threshold.value_or(d.test->default_threshold);
  d.default_threshold = !o.threshold.has_value();
  d.outcome = d.test->run(pair, run_type);
  d.drift = d.test->drifted(d.outcome.score, d.threshold);
  d.explanation = explain(d);
  if (o.histogram) d.histogram = display_histogram(pair, &d.outcome);
  return d;
}

}  // namespace mlcore::drift

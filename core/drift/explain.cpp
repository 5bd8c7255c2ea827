// See explain.hpp.
#include "explain.hpp"

#include <cmath>
#include <cstdio>

namespace mlcore::drift {
namespace {

std::string printf_g(double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string subject(const ColumnDrift& d) {
  switch (d.role) {
    case ColumnRole::Target: return d.column + " (target)";
    case ColumnRole::Prediction: return d.column + " (prediction)";
    case ColumnRole::Feature: break;
  }
  return d.column;
}

}  // namespace

std::string format_score(double v, double other) {
  if (std::isnan(v)) return "undefined";
  for (int digits = 3; digits < 17; ++digits) {
    std::string a = printf_g(v, digits);
    if (v == other || a != printf_g(other, digits)) return a;
  }
  return printf_g(v, 17);
}

std::string format_threshold(double v) { return printf_g(v, 6); }

std::string explain(const ColumnDrift& d) {
  std::string s = subject(d) + ": ";
  if (!d.test) {
    s += "not tested. " + d.reason;
    if (!d.type_reason.empty()) s += " The column is " + d.type_reason + ".";
    for (const auto& dep : d.departures) s += " Differs from Evidently: " + dep;
    return s;
  }
  const StatTest& t = *d.test;
  s += d.drift ? "drift. " : "no drift. ";
  if (std::isnan(d.outcome.score)) {
    s += t.score_label + " is undefined here, so no drift is reported.";
  } else {
    s += t.score_label + " " + format_score(d.outcome.score, d.threshold) + " " + drift_operator(t.drift_when, d.drift) +
         " " + format_threshold(d.threshold) + ": " + (d.drift ? t.drift_meaning : t.no_drift_meaning) + ".";
  }
  s += " " + d.reason;
  if (!d.type_reason.empty()) s += " The column is " + d.type_reason + ".";
  if (!d.default_threshold)
    s += " Threshold " + format_threshold(d.threshold) + " as asked (default " + format_threshold(t.default_threshold) + ").";
  for (const auto& note : d.outcome.notes) s += " Note: " + note + ".";
  for (const auto& dep : d.departures) s += " Differs from Evidently: " + dep;
  return s;
}

}  // namespace mlcore::drift

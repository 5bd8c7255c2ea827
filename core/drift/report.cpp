// See report.hpp.
#include "report.hpp"

#include <cmath>
#include <set>

#include "../error.hpp"
#include "chooser.hpp"
#include "explain.hpp"

namespace mlcore::drift {
namespace {

std::string column_list(const data::Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

const data::Column& find_column(const data::Table& t, const std::string& name, const char* which) {
  const int i = t.find(name);
  if (i < 0)
    throw Error("drift.unknown_column", "No column '" + name + "' in the " + which + " data; its columns are: " +
                                            column_list(t) + ".");
  return t.columns[static_cast<std::size_t>(i)];
}

bool numeric_kind(data::ColumnType t) { return t == data::ColumnType::Integer || t == data::ColumnType::Float; }

}  // namespace

void check_same_kind(const std::string& column, data::ColumnType reference, data::ColumnType current) {
  if (reference == current || (numeric_kind(reference) && numeric_kind(current))) return;
  throw Error("drift.type_mismatch", "Column '" + column + "' is " + data::to_string(reference) +
                                         " in the reference data but " + data::to_string(current) +
                                         " in the current data; drift compares a column with itself, so give both "
                                         "the same type (or leave the column out with columns).");
}

DatasetDrift dataset_drift(const std::vector<ColumnDrift>& columns, double drift_share) {
  DatasetDrift ds;
  ds.columns = columns.size();
  ds.drift_share = drift_share;
  for (const auto& c : columns) {
    if (!c.test) continue;
    ++ds.tested;
    ds.drifted += c.drift;
  }
  ds.share = ds.tested ? static_cast<double>(ds.drifted) / static_cast<double>(ds.tested) : 0.0;
  ds.drift = ds.tested > 0 && ds.share >= drift_share;
  const std::string share = format_score(ds.share, drift_share);
  ds.explanation = std::string(ds.drift ? "Dataset drift" : "No dataset drift") + ": " + with_commas(ds.drifted) +
                   " of " + with_commas(ds.tested) + " tested columns drifted (share " + share + " " +
                   (ds.drift ? ">=" : "<") + " " + format_threshold(drift_share) + ").";
  if (ds.tested < ds.columns)
    ds.explanation += " " + with_commas(ds.columns - ds.tested) + (ds.columns - ds.tested == 1 ? " column was" : " columns were") +
                      " not tested.";
  return ds;
}

DriftReport data_drift_report(const data::Table& reference, const data::Table& current, const DriftOptions& o) {
  if (!(o.drift_share > 0 && o.drift_share <= 1))
    throw Error("drift.bad_option", "drift_share is the share of drifted columns that makes dataset drift: a number "
                                    "above 0 and at most 1, got " + std::to_string(o.drift_share) + ".");
  std::vector<std::string> names = o.columns;
  if (names.empty())
    for (const auto& c : reference.columns) names.push_back(c.name);
  std::set<std::string> chosen;
  for (const auto& n : names) {
    if (!chosen.insert(n).second) throw Error("drift.bad_option", "Column '" + n + "' is listed twice.");
    const data::Column& r = find_column(reference, n, "reference");
    const data::Column& c = find_column(current, n, "current");
    check_same_kind(n, r.type, c.type);
  }
  for (const auto& [n, m] : o.per_column_method) {
    find_column(reference, n, "reference");
    if (!chosen.count(n)) throw Error("drift.unknown_column", "A test is asked for column '" + n + "', which is not among the columns tested.");
    stattest(m);
  }
  for (const auto& [n, t] : o.per_column_threshold) {
    find_column(reference, n, "reference");
    if (!chosen.count(n))
      throw Error("drift.unknown_column", "A threshold is given for column '" + n + "', which is not among the columns tested.");
  }
  if (!o.method.empty()) stattest(o.method);

  DriftReport report;
  report.reference_rows = reference.rows();
  report.current_rows = current.rows();
  for (const auto& n : names) {
    ColumnOptions co;
    co.histogram = o.histograms;
    if (auto it = o.per_column_method.find(n); it != o.per_column_method.end()) {
      co.method = it->second;
      co.method_source = o.per_column_source;
    } else if (!o.method.empty()) {
      co.method = o.method;
      co.method_source = o.method_source;
    }
    if (auto it = o.per_column_threshold.find(n); it != o.per_column_threshold.end()) co.threshold = it->second;
    else if (o.threshold) co.threshold = o.threshold;
    report.columns.push_back(column_drift(n, Sample::of(reference.column(n)), Sample::of(current.column(n)), co));
  }
  report.dataset = dataset_drift(report.columns, o.drift_share);
  return report;
}

}  // namespace mlcore::drift

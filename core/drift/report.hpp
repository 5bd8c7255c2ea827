// Data drift over two tables: every chosen column through column_drift, then the dataset
// verdict as Evidently's DataDriftPreset gives it: drift when the share of drifted columns among
// the tested ones reaches drift_share (default 0.5). Option names are Evidently's
// (method, threshold, per_column_method, per_column_threshold, drift_share, columns).
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../data/table.hpp"
#include "column_drift.hpp"

namespace mlcore::drift {

struct DriftOptions {
  std::vector<std::string> columns;                      // empty: every reference column
  std::string method;                                    // one test for every column; empty: automatic
  std::optional<double> threshold;                       // one threshold for every column
  std::map<std::string, std::string> per_column_method;  // column -> test name (wins over `method`)
  std::map<std::string, double> per_column_threshold;    // column -> threshold (wins over `threshold`)
  double drift_share = 0.5;
  bool histograms = true;
  // How the sentences say who chose a test: the clause after "K-S because".
  std::string per_column_source = "it was asked for this column (per_column_method)";
  std::string method_source = "it was asked for every column (method)";
};

struct DatasetDrift {
  std::size_t columns = 0, tested = 0, drifted = 0;
  double share = 0, drift_share = 0.5;
  bool drift = false;
  std::string explanation;
};

struct DriftReport {
  std::size_t reference_rows = 0, current_rows = 0;
  std::vector<ColumnDrift> columns;
  DatasetDrift dataset;
};

// Throws drift.unknown_column (a column named in the options, or a reference column missing
// from the current table; the message names it and lists the columns there are),
// drift.type_mismatch (naming both types), drift.bad_option, and the errors of column_drift.
DriftReport data_drift_report(const data::Table& reference, const data::Table& current, const DriftOptions& options);

// The dataset verdict over finished columns.
DatasetDrift dataset_drift(const std::vector<ColumnDrift>& columns, double drift_share);

// Integer and float columns hold comparable numbers; any other pair of different types is an
// error (drift.type_mismatch) naming both.
void check_same_kind(const std::string& column, data::ColumnType reference, data::ColumnType current);

}  // namespace mlcore::drift

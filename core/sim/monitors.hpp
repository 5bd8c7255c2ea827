// The monitors of one window of traffic at the PROD endpoint, on core/drift: each feature
// column's drift and the dataset verdict (reference = the training data of the model version that
// served), the drift of the model's answers (against its answers on that reference), refused
// requests, missing values; and, once the labels arrive, the window's accuracy (R2 for a
// regression). Each crossing of a threshold is an Alert with a sentence that says why.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "../drift/report.hpp"
#include "scenario.hpp"

namespace mlcore::sim {

struct WindowCheck {
  drift::DriftReport data;  // feature columns, without histograms (the page asks for one when it draws it)
  bool has_prediction = false;
  drift::ColumnDrift prediction;
  std::size_t requests = 0, errors = 0;
  std::vector<std::pair<std::string, double>> missing;  // feature -> share missing in the window
};

// `reference_predictions` / `current_predictions` may be null (prediction drift off, or no
// answer in the window). Reference and current hold every feature column.
WindowCheck check_window(const data::Table& reference, const data::Table& current, const std::vector<std::string>& features,
                         const data::Column* reference_predictions, const data::Column* current_predictions,
                         std::size_t errors, const Monitors& m);

struct Alert {
  std::size_t window = 0;  // the window it is about
  double day = 0;          // that window's first day
  int version = 0;         // the model version that served it
  std::string monitor;     // data_drift | prediction_drift | quality | errors | missing_values
  std::string column;      // missing_values: the feature
  double value = 0, threshold = 0;
  std::string message;
};

// The alerts of a checked window. `reference_missing` is the share of each feature missing in the
// reference (same order as check.missing).
std::vector<Alert> window_alerts(const WindowCheck& check, const std::vector<double>& reference_missing,
                                 std::size_t window, double day, int version, const Monitors& m);

struct Quality {
  std::string metric;  // "accuracy" or "r2"
  double value = 0;
  std::size_t rows = 0;  // answered requests with a label
};

// Accuracy of the answered requests' labels against the truth (classification), or R2 of their
// values (regression); rows with answered[i] == false or a missing truth are left out.
Quality measure_quality(const data::Column& truth, const std::vector<std::string>& labels, const std::vector<double>& values,
                        const std::vector<char>& answered, bool classification);

// The quality alert for a window whose labels came in, against the serving model's own test score
// `baseline` (its training run's accuracy or r2); nullopt when the quality is fine.
std::optional<Alert> quality_alert(const Quality& q, double baseline, std::size_t window, double day, int version,
                                   const std::string& model_ref, const Monitors& m);

// A column of labels or numbers (the model's answers), for the prediction drift test.
// `name` is what the endpoint calls the answer (predicted_species).
data::Column answers_column(const std::string& name, const std::vector<std::string>& labels, const std::vector<double>& values,
                            const std::vector<char>& answered, bool classification);

}  // namespace mlcore::sim

// Regression metrics with scikit-learn's names and conventions, and the report the page shows
// after a run. Residuals are y_true - y_pred (positive: the model predicted too low), as in
// scikit-learn's PredictionErrorDisplay.
//
// Error codes: eval.empty_input, eval.length_mismatch, eval.bad_value (inputs.hpp).
#pragma once
#include <cstddef>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "inputs.hpp"

namespace mlcore::eval {

double mean_absolute_error(ValueView y_true, ValueView y_pred);
double mean_squared_error(ValueView y_true, ValueView y_pred);
double root_mean_squared_error(ValueView y_true, ValueView y_pred);
// 1 - SS_res / SS_tot. When y_true is constant (SS_tot = 0) it is 1.0 for a perfect prediction
// and 0.0 otherwise (scikit-learn's force_finite); "constant" is tested on the values, not on a
// rounded SS_tot, so [0.1, 0.1, 0.1] counts as constant. NaN for a single row, where scikit-learn
// also returns NaN (the report shows null).
double r2_score(ValueView y_true, ValueView y_pred);
Eigen::VectorXd residuals(ValueView y_true, ValueView y_pred);

// The residual plot keeps at most this many points, evenly spaced over the rows (ends kept).
inline constexpr std::size_t kMaxResidualPoints = 500;

// {"mae", "mse", "rmse", "r2" (null for a single row),
//  "residuals": [{"predicted", "residual"}] thinned to kMaxResidualPoints}.
nlohmann::json regression_report(ValueView y_true, ValueView y_pred);

}  // namespace mlcore::eval

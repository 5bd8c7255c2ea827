// Regression metrics: straightforward sums, checked at the edge so a NaN from a broken
// preprocessing step is reported at its row instead of turning every metric into NaN.
#include "metrics_regression.hpp"

#include <cmath>
#include <limits>

#include "thinning.hpp"

namespace mlcore::eval {

namespace {

void require_pair(ValueView y_true, ValueView y_pred) {
  require_rows(y_true.size(), "y_true");
  require_same_length(y_true.size(), "y_true", y_pred.size(), "y_pred");
  require_finite(y_true, "y_true");
  require_finite(y_pred, "y_pred");
}

}  // namespace

double mean_absolute_error(ValueView y_true, ValueView y_pred) {
  require_pair(y_true, y_pred);
  double sum = 0;
  for (std::size_t i = 0; i < y_true.size(); ++i) sum += std::fabs(y_true[i] - y_pred[i]);
  return sum / static_cast<double>(y_true.size());
}

double mean_squared_error(ValueView y_true, ValueView y_pred) {
  require_pair(y_true, y_pred);
  double sum = 0;
  for (std::size_t i = 0; i < y_true.size(); ++i) {
    const double d = y_true[i] - y_pred[i];
    sum += d * d;
  }
  return sum / static_cast<double>(y_true.size());
}

double root_mean_squared_error(ValueView y_true, ValueView y_pred) {
  return std::sqrt(mean_squared_error(y_true, y_pred));
}

double r2_score(ValueView y_true, ValueView y_pred) {
  require_pair(y_true, y_pred);
  const std::size_t n = y_true.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  double mean = 0;
  bool constant = true;
  for (std::size_t i = 0; i < n; ++i) {
    mean += y_true[i];
    constant = constant && y_true[i] == y_true[0];
  }
  mean /= static_cast<double>(n);
  double ss_res = 0, ss_tot = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y_true[i] - y_pred[i], t = y_true[i] - mean;
    ss_res += r * r;
    ss_tot += t * t;
  }
  if (constant || ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1.0 - ss_res / ss_tot;
}

Eigen::VectorXd residuals(ValueView y_true, ValueView y_pred) {
  require_pair(y_true, y_pred);
  Eigen::VectorXd r(static_cast<Eigen::Index>(y_true.size()));
  for (std::size_t i = 0; i < y_true.size(); ++i)
    r[static_cast<Eigen::Index>(i)] = y_true[i] - y_pred[i];
  return r;
}

nlohmann::json regression_report(ValueView y_true, ValueView y_pred) {
  const double mse = mean_squared_error(y_true, y_pred);
  const double r2 = r2_score(y_true, y_pred);
  nlohmann::json points = nlohmann::json::array();
  // Evenly spaced rather than a seeded sample: the report depends on nothing but its inputs.
  for (std::size_t i : evenly_spaced_indices(y_true.size(), kMaxResidualPoints))
    points.push_back({{"predicted", y_pred[i]}, {"residual", y_true[i] - y_pred[i]}});
  return {{"mae", mean_absolute_error(y_true, y_pred)},
          {"mse", mse},
          {"rmse", std::sqrt(mse)},
          {"r2", std::isnan(r2) ? nlohmann::json(nullptr) : nlohmann::json(r2)},
          {"residuals", std::move(points)}};
}

}  // namespace mlcore::eval

// Linear regression: least squares on centred data, and the family's schema.
#include "linear_regression.hpp"

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"
#include "param_specs.hpp"

namespace mlcore::models {
namespace {
const char* const kName = "Linear regression";
}

Family linear_regression_family() {
  Family f;
  f.name = "linear_regression";
  f.display_name = "Linear Regression";
  f.help =
      "A weighted sum of the features plus a constant, fitted by least squares "
      "(Ridge when alpha > 0).";
  f.tasks = {Task::Regression};
  f.params = {float_param("alpha", 0.0, 0.0, kNoLimit,
                          "L2 penalty on the weights (Ridge); 0 gives ordinary least squares."),
              bool_param("fit_intercept", true, "Learn a constant term.")};
  f.make = [](const nlohmann::json& p, Task) -> std::unique_ptr<Estimator> {
    LinearRegression::Params params;
    params.alpha = p.at("alpha").get<double>();
    params.fit_intercept = p.at("fit_intercept").get<bool>();
    return std::make_unique<LinearRegression>(params);
  };
  return f;
}

void LinearRegression::begin_fit(const TrainingSet& data, std::uint64_t) {
  if (data.task != Task::Regression)
    throw Error("model.bad_task", "Linear regression does regression only.");
  check_training_set(data, kName);
  data_ = &data;
}

bool LinearRegression::fit_step() {
  if (!data_) throw Error("model.not_fitting", "fit_step called before begin_fit.");
  const Eigen::MatrixXd& X = data_->X;
  const Eigen::VectorXd& y = data_->y;
  // Centring removes the intercept from the problem, which is how it escapes the penalty
  // (scikit-learn does the same); it also improves the conditioning.
  Eigen::RowVectorXd x_mean = Eigen::RowVectorXd::Zero(X.cols());
  double y_mean = 0.0;
  if (params_.fit_intercept) {
    x_mean = X.colwise().mean();
    y_mean = y.mean();
  }
  const Eigen::MatrixXd Xc = X.rowwise() - x_mean;
  const Eigen::VectorXd yc = y.array() - y_mean;
  if (params_.alpha > 0) {
    // Ridge: (X'X + alpha I) w = X'y is symmetric positive definite, so LDLT is safe.
    Eigen::MatrixXd A = Xc.transpose() * Xc;
    A.diagonal().array() += params_.alpha;
    coef_ = A.ldlt().solve(Xc.transpose() * yc);
  } else {
    // Least squares through a complete orthogonal decomposition: with collinear columns (a full
    // one-hot block plus an intercept) it returns the minimum-norm solution, as scipy's lstsq
    // under scikit-learn does, instead of dividing by zero.
    coef_ = Xc.completeOrthogonalDecomposition().solve(yc);
  }
  intercept_ = params_.fit_intercept ? y_mean - x_mean.dot(coef_) : 0.0;
  fitted_ = true;
  data_ = nullptr;
  return true;
}

Eigen::VectorXd LinearRegression::predict(const Eigen::MatrixXd& X) const {
  if (!fitted_) throw Error("model.not_fitted", "This linear regression has not been fitted yet.");
  check_predict_input(X, coef_.size(), kName);
  return (X * coef_).array() + intercept_;
}

nlohmann::json LinearRegression::to_json() const {
  return {{"coef", vector_to_json(coef_)}, {"intercept", intercept_}};
}

void LinearRegression::from_json(const nlohmann::json& j) {
  Eigen::VectorXd coef = vector_from_json(j, "coef", "model");
  intercept_ = get_number(j, "intercept", "model");
  coef_ = std::move(coef);
  fitted_ = true;
  data_ = nullptr;
}

}  // namespace mlcore::models

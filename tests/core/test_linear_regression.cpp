// Linear regression: least squares and ridge against closed forms worked out by hand.
#include <catch2/catch.hpp>

#include "core/models/linear_regression.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::training_set;

namespace {

LinearRegression fitted(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double alpha,
                        bool intercept) {
  LinearRegression m({alpha, intercept});
  const TrainingSet ts = training_set(X, y, Task::Regression, 0);
  m.fit(ts, 0);
  return m;
}

}  // namespace

TEST_CASE("ordinary least squares recovers y = 2x + 1 exactly", "[models]") {
  Eigen::MatrixXd X(5, 1);
  X << 0, 1, 2, 3, 4;
  const Eigen::VectorXd y = (2 * X.col(0)).array() + 1;
  const auto m = fitted(X, y, 0.0, true);
  CHECK(m.coef()[0] == Approx(2.0).margin(1e-12));
  CHECK(m.intercept() == Approx(1.0).margin(1e-12));
  Eigen::MatrixXd Q(2, 1);
  Q << 10, -0.5;
  const Eigen::VectorXd p = m.predict(Q);
  CHECK(p[0] == Approx(21.0));
  CHECK(p[1] == Approx(0.0).margin(1e-12));
}

TEST_CASE("ridge shrinks the slope as (Sxy) / (Sxx + alpha) on centred data", "[models]") {
  // x = 0 1 2, y = 0 1 2: centred x = y = -1 0 1, Sxx = Sxy = 2. alpha = 1: w = 2 / 3, and the
  // unpenalised intercept is mean(y) - w mean(x) = 1 - 2/3 = 1/3.
  Eigen::MatrixXd X(3, 1);
  X << 0, 1, 2;
  Eigen::VectorXd y(3);
  y << 0, 1, 2;
  const auto m = fitted(X, y, 1.0, true);
  CHECK(m.coef()[0] == Approx(2.0 / 3.0));
  CHECK(m.intercept() == Approx(1.0 / 3.0));
}

TEST_CASE("ridge without an intercept solves (x'x + alpha) w = x'y", "[models]") {
  // x = 1 2, y = 1 3, alpha = 1: w = (1 + 6) / (1 + 4 + 1) = 7/6.
  Eigen::MatrixXd X(2, 1);
  X << 1, 2;
  Eigen::VectorXd y(2);
  y << 1, 3;
  const auto m = fitted(X, y, 1.0, false);
  CHECK(m.coef()[0] == Approx(7.0 / 6.0));
  CHECK(m.intercept() == 0.0);
}

TEST_CASE("least squares with two identical columns splits the slope (minimum norm)", "[models]") {
  // y = 2x + 1 with x given twice: every w1 + w2 = 2 fits; the smallest ||w|| is w1 = w2 = 1,
  // the answer scikit-learn's lstsq gives. A plain normal-equation solve would divide by zero.
  Eigen::MatrixXd X(4, 2);
  X << 0, 0, 1, 1, 2, 2, 3, 3;
  const Eigen::VectorXd y = (2 * X.col(0)).array() + 1;
  const auto m = fitted(X, y, 0.0, true);
  CHECK(m.coef()[0] == Approx(1.0));
  CHECK(m.coef()[1] == Approx(1.0));
  CHECK(m.intercept() == Approx(1.0));
}

TEST_CASE("linear regression has no class probabilities", "[models]") {
  Eigen::MatrixXd X(2, 1);
  X << 0, 1;
  const auto m = fitted(X, Eigen::Vector2d(0, 1), 0.0, true);
  CHECK(model_test::error_code([&] { m.predict_proba(X); }) == "model.no_proba");
  CHECK(model_test::error_code([&] { m.predict(Eigen::MatrixXd::Zero(1, 3)); }) ==
        "model.bad_shape");
}

TEST_CASE("linear regression refuses a classification target", "[models]") {
  const Family& f = find_family("linear_regression");
  CHECK(model_test::error_code([&] { resolve_params(f, {}, Task::Classification); }) ==
        "model.bad_task");
}

// Logistic regression: correct predictions on separable data, and the optimality conditions of
// the penalised log loss checked independently of the solver (the gradient, written out here from
// the definition, vanishes at the returned weights).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/models/logistic_regression.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::training_set;

namespace {

LogisticRegression::Params tight(double C) {
  LogisticRegression::Params p;
  p.C = C;
  p.tol = 1e-10;
  p.max_iter = 1000;
  return p;
}

}  // namespace

TEST_CASE("logistic regression separates a 1-D set and sits where the gradient is zero",
          "[models]") {
  Eigen::MatrixXd X(6, 1);
  X << -3, -2, -1, 1, 2, 3;
  Eigen::VectorXd y(6);
  y << 0, 0, 0, 1, 1, 1;
  const double C = 1.0;
  LogisticRegression m(tight(C));
  const TrainingSet ts = training_set(X, y, Task::Classification, 2);
  m.fit(ts, 0);
  REQUIRE(m.converged());
  CHECK(m.predict(X) == y);
  REQUIRE(m.coef().rows() == 1);  // two classes: one weight vector, as scikit-learn's coef_
  const double w = m.coef()(0, 0), b = m.intercept()[0];
  CHECK(w > 0);
  // Objective sum_i [log(1 + e^z_i) - y_i z_i] + w^2 / (2C) with z = w x + b. Its derivatives:
  //   d/dw = sum_i (p_i - y_i) x_i + w / C,   d/db = sum_i (p_i - y_i),   p_i = 1 / (1 + e^-z_i).
  double gw = w / C, gb = 0;
  for (int i = 0; i < 6; ++i) {
    const double p = 1.0 / (1.0 + std::exp(-(w * X(i, 0) + b)));
    gw += (p - y[i]) * X(i, 0);
    gb += p - y[i];
  }
  CHECK(std::fabs(gw) < 1e-6);
  CHECK(std::fabs(gb) < 1e-6);
  CHECK(b == Approx(0.0).margin(1e-6));  // the data are symmetric about 0

  const Eigen::MatrixXd P = m.predict_proba(X);
  for (int i = 0; i < 6; ++i) {
    CHECK(P(i, 1) == Approx(1.0 / (1.0 + std::exp(-(w * X(i, 0) + b)))));
    CHECK(P.row(i).sum() == Approx(1.0));
  }
}

TEST_CASE("multinomial logistic regression satisfies X'(P - Y) + W/C = 0", "[models]") {
  // Three overlapping clusters in 2-D; with softmax the optimum has, for every class k,
  // sum_i (p_ik - y_ik) x_i + w_k / C = 0 and sum_i (p_ik - y_ik) = 0.
  Eigen::MatrixXd X(9, 2);
  X << 0, 0, 0.5, 0.2, 1.5, 1.0,  // class 0 (the last one strays towards class 1)
      2, 0, 2.5, 0.3, 0.2, 0.1,   // class 1 (the last one strays towards class 0)
      0, 2, 0.4, 2.5, 1.0, 1.2;   // class 2
  Eigen::VectorXd y(9);
  y << 0, 0, 0, 1, 1, 1, 2, 2, 2;
  const double C = 0.5;
  LogisticRegression m(tight(C));
  const TrainingSet ts = training_set(X, y, Task::Classification, 3);
  m.fit(ts, 0);
  REQUIRE(m.converged());
  REQUIRE(m.coef().rows() == 3);
  REQUIRE(m.coef().cols() == 2);
  const Eigen::MatrixXd P = m.predict_proba(X);
  for (int k = 0; k < 3; ++k) {
    double g0 = m.coef()(k, 0) / C, g1 = m.coef()(k, 1) / C, gb = 0;
    for (int i = 0; i < 9; ++i) {
      const double r = P(i, k) - (y[i] == k ? 1.0 : 0.0);
      g0 += r * X(i, 0);
      g1 += r * X(i, 1);
      gb += r;
    }
    CHECK(std::fabs(g0) < 1e-6);
    CHECK(std::fabs(g1) < 1e-6);
    CHECK(std::fabs(gb) < 1e-6);
  }
  // Probabilities are a softmax of X W' + b, so each row sums to 1.
  for (int i = 0; i < 9; ++i) CHECK(P.row(i).sum() == Approx(1.0));
}

TEST_CASE("logistic regression fits in blocks of iterations and reports progress", "[models]") {
  Eigen::MatrixXd X(6, 1);
  X << -3, -2, -1, 1, 2, 3;
  Eigen::VectorXd y(6);
  y << 0, 1, 0, 1, 0, 1;
  LogisticRegression::Params p;
  p.max_iter = 3;  // stops before converging
  p.tol = 0;
  LogisticRegression m(p);
  const TrainingSet ts = training_set(X, y, Task::Classification, 2);
  m.begin_fit(ts, 0);
  CHECK(m.fit_progress() == 0.0);
  CHECK(m.fit_step());
  CHECK(m.fit_progress() == 1.0);
  CHECK(m.n_iter() <= 3);
  CHECK(m.training_curve()["train_loss"].size() == static_cast<std::size_t>(m.n_iter()));
}

TEST_CASE("logistic regression needs two classes", "[models]") {
  Eigen::MatrixXd X(2, 1);
  X << 0, 1;
  LogisticRegression m({});
  const TrainingSet ts = training_set(X, Eigen::Vector2d(0, 0), Task::Classification, 1);
  CHECK(model_test::error_code([&] { m.fit(ts, 0); }) == "model.one_class");
}

TEST_CASE("logistic regression's C must be positive", "[models]") {
  const Family& f = find_family("logistic_regression");
  CHECK(model_test::error_code([&] {
          resolve_params(f, {{"C", 0}}, Task::Classification);
        }) == "model.bad_param");
  CHECK(resolve_params(f, {{"C", 1e-12}}, Task::Classification)["C"] == 1e-12);
}

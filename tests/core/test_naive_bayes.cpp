// Gaussian naive Bayes on a two-class 1-D set small enough to work the posterior out by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/models/naive_bayes.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::training_set;

TEST_CASE("Gaussian naive Bayes gives the posterior of Bayes' rule with normal likelihoods",
          "[models]") {
  // Class 0: x = 0 1 2 (mean 1, population variance 2/3); class 1: x = 5 7 (mean 6, variance 1).
  // Priors 3/5 and 2/5. All x: mean 3, variance (9 + 4 + 1 + 4 + 16) / 5 = 6.8, so every variance
  // gets 1e-9 * 6.8 added.
  Eigen::MatrixXd X(5, 1);
  X << 0, 1, 2, 5, 7;
  Eigen::VectorXd y(5);
  y << 0, 0, 0, 1, 1;
  GaussianNaiveBayes m({1e-9});
  const TrainingSet ts = training_set(X, y, Task::Classification, 2);
  m.fit(ts, 0);
  const double eps = 6.8e-9, v0 = 2.0 / 3 + eps, v1 = 1.0 + eps;
  CHECK(m.means()(0, 0) == Approx(1.0));
  CHECK(m.means()(1, 0) == Approx(6.0));
  CHECK(m.variances()(0, 0) == Approx(v0).epsilon(1e-12));
  CHECK(m.variances()(1, 0) == Approx(v1).epsilon(1e-12));
  CHECK(m.priors()[0] == Approx(0.6));

  // At x = 3: log joint_k = log prior_k - log(2 pi v_k) / 2 - (3 - mean_k)^2 / (2 v_k), and
  // P(class 1 | x) = 1 / (1 + exp(joint_0 - joint_1)).
  const double pi = 3.14159265358979323846;
  const double j0 = std::log(0.6) - 0.5 * std::log(2 * pi * v0) - 4.0 / (2 * v0);
  const double j1 = std::log(0.4) - 0.5 * std::log(2 * pi * v1) - 9.0 / (2 * v1);
  const double p1 = 1.0 / (1.0 + std::exp(j0 - j1));
  Eigen::MatrixXd Q(1, 1);
  Q << 3;
  const Eigen::MatrixXd P = m.predict_proba(Q);
  CHECK(P(0, 1) == Approx(p1).epsilon(1e-12));
  CHECK(P(0, 0) == Approx(1 - p1).epsilon(1e-12));
  CHECK(m.predict(Q)[0] == (p1 > 0.5 ? 1.0 : 0.0));
}

TEST_CASE("naive Bayes posteriors stay finite far from every class", "[models]") {
  // At x = 1000 both likelihoods underflow to 0 as plain numbers; in log space class 1 (mean 6)
  // is still far more likely than class 0 (mean 1) and the probabilities sum to 1.
  Eigen::MatrixXd X(4, 1);
  X << 0, 2, 5, 7;
  GaussianNaiveBayes m({1e-9});
  const TrainingSet ts = training_set(X, Eigen::Vector4d(0, 0, 1, 1), Task::Classification, 2);
  m.fit(ts, 0);
  Eigen::MatrixXd Q(1, 1);
  Q << 1000;
  const Eigen::MatrixXd P = m.predict_proba(Q);
  CHECK(P.allFinite());
  CHECK(P(0, 1) == Approx(1.0));
}

TEST_CASE("a class absent from the training rows gets probability 0", "[models]") {
  Eigen::MatrixXd X(2, 1);
  X << 0, 1;
  GaussianNaiveBayes m({1e-9});
  const TrainingSet ts = training_set(X, Eigen::Vector2d(0, 2), Task::Classification, 3);
  m.fit(ts, 0);
  const Eigen::MatrixXd P = m.predict_proba(X);
  CHECK(P.allFinite());
  CHECK(P(0, 1) == 0.0);
  CHECK(P.row(0).sum() == Approx(1.0));
}

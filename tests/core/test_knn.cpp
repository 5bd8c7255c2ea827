// k-nearest neighbours on points on a line (and two in a plane), votes and means worked out by
// hand from the distances.
#include <catch2/catch.hpp>

#include "core/models/knn.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::training_set;

namespace {

// Training x = 0 1 2 3 10; classes 0 0 1 1 1; values 0 10 20 30 100.
const Eigen::MatrixXd kX = (Eigen::MatrixXd(5, 1) << 0, 1, 2, 3, 10).finished();

KNearestNeighbors fitted(int k, bool distance, Task task, int p = 2) {
  KNearestNeighbors m({k, distance, p}, task);
  Eigen::VectorXd y(5);
  if (task == Task::Classification)
    y << 0, 0, 1, 1, 1;
  else
    y << 0, 10, 20, 30, 100;
  const TrainingSet ts = training_set(kX, y, task, task == Task::Classification ? 2 : 0);
  m.fit(ts, 0);
  return m;
}

Eigen::MatrixXd at(std::initializer_list<double> xs) {
  Eigen::MatrixXd Q(static_cast<Eigen::Index>(xs.size()), 1);
  Eigen::Index i = 0;
  for (double x : xs) Q(i++, 0) = x;
  return Q;
}

}  // namespace

TEST_CASE("knn votes among the k nearest points on a line", "[models]") {
  const auto m = fitted(3, false, Task::Classification);
  // 0.4: nearest 0, 1, 2 -> classes 0 0 1. 2.6: nearest 3, 2, 1 -> classes 1 1 0.
  const Eigen::MatrixXd P = m.predict_proba(at({0.4, 2.6}));
  CHECK(P(0, 0) == Approx(2.0 / 3));
  CHECK(P(0, 1) == Approx(1.0 / 3));
  CHECK(P(1, 0) == Approx(1.0 / 3));
  CHECK(P(1, 1) == Approx(2.0 / 3));
  CHECK(m.predict(at({0.4, 2.6})) == Eigen::Vector2d(0, 1));
}

TEST_CASE("knn breaks equal distances by the lower training row", "[models]") {
  // 1.5 is 0.5 from rows 1 and 2 and 1.5 from rows 0 and 3: with k = 3 the third neighbour is
  // row 0 (class 0), not row 3 (class 1), so the vote is 2 to 1 for class 0.
  const auto m3 = fitted(3, false, Task::Classification);
  CHECK(m3.predict_proba(at({1.5}))(0, 0) == Approx(2.0 / 3));
  // k = 2: rows 1 and 2, one vote each; the tied vote goes to the lower class.
  const auto m2 = fitted(2, false, Task::Classification);
  CHECK(m2.predict_proba(at({1.5}))(0, 0) == Approx(0.5));
  CHECK(m2.predict(at({1.5}))[0] == 0.0);
}

TEST_CASE("knn distance weights are 1 / distance, and an exact match takes the whole vote",
          "[models]") {
  const auto m = fitted(3, true, Task::Classification);
  // 0.4: weights 1/0.4 = 2.5 (class 0), 1/0.6 (class 0), 1/1.6 = 0.625 (class 1).
  const double w0 = 2.5 + 1 / 0.6, w1 = 0.625;
  CHECK(m.predict_proba(at({0.4}))(0, 1) == Approx(w1 / (w0 + w1)));
  // 2 is a training point: distance 0 -> weight 1 for it, 0 for the others (scikit-learn's rule).
  const Eigen::MatrixXd P = m.predict_proba(at({2.0}));
  CHECK(P(0, 1) == Approx(1.0));
  CHECK(P(0, 0) == Approx(0.0).margin(1e-12));
}

TEST_CASE("knn regression is the (weighted) mean of the neighbours' values", "[models]") {
  // 2.6: nearest rows 3, 2, 1 with values 30, 20, 10 at distances 0.4, 0.6, 1.6.
  CHECK(fitted(3, false, Task::Regression).predict(at({2.6}))[0] == Approx(20.0));
  const double w[] = {1 / 0.4, 1 / 0.6, 1 / 1.6};
  const double expected = (w[0] * 30 + w[1] * 20 + w[2] * 10) / (w[0] + w[1] + w[2]);
  CHECK(fitted(3, true, Task::Regression).predict(at({2.6}))[0] == Approx(expected));
  CHECK(model_test::error_code([] { fitted(3, false, Task::Regression).predict_proba(at({1})); }) ==
        "model.no_proba");
}

TEST_CASE("knn with p = 1 measures Manhattan distance", "[models]") {
  // From the origin, (1.5, 0) is 1.5 away both ways; (1, 1) is sqrt(2) = 1.41 (Euclidean) but
  // 2 (Manhattan). So the single nearest neighbour changes with p.
  Eigen::MatrixXd X(2, 2);
  X << 1.5, 0, 1, 1;
  const TrainingSet ts = training_set(X, Eigen::Vector2d(0, 1), Task::Classification, 2);
  KNearestNeighbors euclid({1, false, 2}, Task::Classification),
      manhattan({1, false, 1}, Task::Classification);
  euclid.fit(ts, 0);
  manhattan.fit(ts, 0);
  const Eigen::MatrixXd origin = Eigen::MatrixXd::Zero(1, 2);
  CHECK(euclid.predict(origin)[0] == 1.0);
  CHECK(manhattan.predict(origin)[0] == 0.0);
}

TEST_CASE("knn refuses more neighbours than training rows", "[models]") {
  KNearestNeighbors m({6, false, 2}, Task::Classification);
  const TrainingSet ts = training_set(kX, Eigen::VectorXd::Zero(5), Task::Classification, 1);
  CHECK(model_test::error_code([&] { m.fit(ts, 0); }) == "model.bad_param");
}

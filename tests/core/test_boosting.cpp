// Gradient boosting: the first iteration worked out by hand (baseline, gradients, the gain of
// each split, leaf values -G / (H + l2) times the learning rate), the training curve, early
// stopping, the losses and their deterministic exp, and an exact JSON round trip.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/data/random.hpp"
#include "core/models/boosting.hpp"
#include "core/models/tree_families.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::error_code;
using model_test::training_set;

namespace {

BoostingParams hand_params(int max_leaf_nodes, double l2 = 0.0) {
  BoostingParams p;
  p.max_iter = 1;
  p.min_samples_leaf = 1;
  p.max_leaf_nodes = max_leaf_nodes;
  p.l2_regularization = l2;
  p.early_stopping = "false";
  return p;
}

TrainingSet four_points(Task task, Eigen::Vector4d y) {
  Eigen::MatrixXd X(4, 1);
  X << 1, 2, 3, 4;
  return training_set(X, y, task, task == Task::Classification ? 2 : 0);
}

}  // namespace

TEST_CASE("the first regression iteration is the mean plus learning_rate times the leaf values", "[boosting]") {
  // y = x = 1, 2, 3, 4. Baseline 2.5, so gradients f - y = 1.5, 0.5, -0.5, -1.5 and hessians 1.
  // Gains G_L^2/H_L + G_R^2/H_R - G^2/H (G = 0): after x=1: 2.25 + 0.75 = 3; after x=2:
  // 2 + 2 = 4; after x=3: 3. So the root splits at 2.5 with gain 4; leaves -G/H = -1 and +1.
  const TrainingSet ts = four_points(Task::Regression, {1, 2, 3, 4});
  GradientBoosting two_leaves(Task::Regression, hand_params(2));
  two_leaves.fit(ts, 0);
  CHECK(two_leaves.baseline() == std::vector<double>{2.5});
  const FlatTree& t = two_leaves.trees().at(0).at(0);
  CHECK(t.node(0).threshold == 2.5);
  CHECK(t.node(0).gain == Approx(4.0));
  const Eigen::MatrixXd raw = two_leaves.raw_predict(ts.X);
  CHECK(raw(0, 0) == Approx(2.4));
  CHECK(raw(1, 0) == Approx(2.4));
  CHECK(raw(2, 0) == Approx(2.6));
  CHECK(raw(3, 0) == Approx(2.6));

  // With l2 = 1 the leaves shrink to -2 / (2 + 1) and the gain is 4/3 + 4/3 = 8/3.
  GradientBoosting shrunk(Task::Regression, hand_params(2, 1.0));
  shrunk.fit(ts, 0);
  CHECK(shrunk.trees()[0][0].node(0).gain == Approx(8.0 / 3.0));
  CHECK(shrunk.raw_predict(ts.X)(0, 0) == Approx(2.5 - 0.1 * 2.0 / 3.0));

  // With up to 31 leaves each half splits again (gain 2.25 + 0.25 - 4/2 = 0.5 > 0): one point
  // per leaf, leaf value -g_i = y_i - 2.5.
  GradientBoosting full(Task::Regression, hand_params(31));
  full.fit(ts, 0);
  CHECK(full.trees()[0][0].n_leaves() == 4);
  const Eigen::VectorXd p = full.predict(ts.X);
  for (int i = 0; i < 4; ++i) CHECK(p[i] == Approx(2.5 + 0.1 * (ts.y[i] - 2.5)));
}

TEST_CASE("the first binary iteration starts from the log-odds and takes a Newton step", "[boosting]") {
  // y = 0, 1, 1, 1: baseline log(0.75 / 0.25) = log 3, p = 0.75, gradients p - y = 0.75, -0.25,
  // -0.25, -0.25, hessians p(1 - p) = 0.1875. The split after x=1 gains 0.75^2/0.1875 +
  // 0.75^2/0.5625 = 3 + 1 = 4 (the others 1.33 and 0.44); leaves -0.75/0.1875 = -4 and
  // 0.75/0.5625 = 4/3.
  const TrainingSet ts = four_points(Task::Classification, {0, 1, 1, 1});
  GradientBoosting model(Task::Classification, hand_params(2));
  model.fit(ts, 0);
  REQUIRE(model.baseline().size() == 1);
  CHECK(model.baseline()[0] == Approx(std::log(3.0)));
  const FlatTree& t = model.trees()[0][0];
  CHECK(t.node(0).threshold == 1.5);
  CHECK(t.node(0).gain == Approx(4.0));
  const Eigen::MatrixXd raw = model.raw_predict(ts.X);
  CHECK(raw(0, 0) == Approx(std::log(3.0) - 0.4));
  CHECK(raw(3, 0) == Approx(std::log(3.0) + 0.4 / 3.0));
  const Eigen::MatrixXd P = model.predict_proba(ts.X);
  CHECK(P(0, 1) == Approx(1.0 / (1.0 + std::exp(-raw(0, 0)))));
  CHECK(P(0, 0) + P(0, 1) == Approx(1.0));
  CHECK(model.predict(ts.X) == Eigen::Vector4d(1, 1, 1, 1));  // p(1) stays above 1/2 after one step
}

TEST_CASE("boosting on y = x drives the training loss down every iteration", "[boosting]") {
  Eigen::MatrixXd X(60, 1);
  Eigen::VectorXd y(60);
  for (int i = 0; i < 60; ++i) X(i, 0) = y[i] = i / 6.0;
  BoostingParams p;
  p.max_iter = 40;
  p.min_samples_leaf = 2;
  p.early_stopping = "false";
  GradientBoosting model(Task::Regression, p);
  const TrainingSet ts = training_set(X, y, Task::Regression, 0);
  model.begin_fit(ts, 0);
  int steps = 0;
  bool done = false;
  while (!done) {
    done = model.fit_step();
    ++steps;
    if (steps == 3) CHECK(model.progress_message() == "iteration 3 of 40");
  }
  CHECK(steps == 40);
  const auto curve = model.training_curve();
  CHECK_FALSE(curve.contains("validation_loss"));  // no held-out rows without early stopping
  const auto loss = curve.at("train_loss").get<std::vector<double>>();
  REQUIRE(loss.size() == 40);
  for (std::size_t i = 1; i < loss.size(); ++i) CHECK(loss[i] < loss[i - 1]);
  // The curve is half the mean squared error, as scikit-learn's.
  const double mse = (model.predict(X) - y).squaredNorm() / 60;
  CHECK(loss.back() == Approx(mse / 2));
  // Variance of y is softened by (1 - 0.1)^40 at worst: far below the start.
  CHECK(mse < 0.05 * (y.array() - y.mean()).square().mean());
}

TEST_CASE("three classes get one tree per class per iteration and centred log priors", "[boosting]") {
  mlcore::data::Rng rng(2);
  Eigen::MatrixXd X(80, 2);
  Eigen::VectorXd y(80);
  for (int i = 0; i < 80; ++i) {
    y[i] = i < 40 ? 0 : (i < 60 ? 1 : 2);  // priors 1/2, 1/4, 1/4
    X(i, 0) = y[i] + 0.3 * rng.normal();
    X(i, 1) = rng.normal();
  }
  BoostingParams p;
  p.max_iter = 5;
  p.min_samples_leaf = 5;
  p.early_stopping = "false";
  GradientBoosting model(Task::Classification, p);
  const TrainingSet ts = training_set(X, y, Task::Classification, 3);
  model.fit(ts, 0);
  // log(1/2), log(1/4), log(1/4) minus their mean log(1/32)/3.
  const double mean = (std::log(0.5) + 2 * std::log(0.25)) / 3;
  CHECK(model.baseline()[0] == Approx(std::log(0.5) - mean));
  CHECK(model.baseline()[1] == Approx(std::log(0.25) - mean));
  CHECK(model.trees().size() == 5);
  CHECK(model.trees()[0].size() == 3);
  const Eigen::MatrixXd P = model.predict_proba(X);
  for (int i = 0; i < 80; i += 7) CHECK(P.row(i).sum() == Approx(1.0));
  CHECK((model.predict(X).array() == y.array()).count() >= 70);

  GradientBoosting loaded(Task::Classification, BoostingParams{});
  loaded.from_json(nlohmann::json::parse(model.to_json().dump()));
  CHECK(loaded.predict_proba(X) == P);
  CHECK(loaded.to_json() == model.to_json());
}

TEST_CASE("early stopping holds out rows and stops when their loss stalls", "[boosting]") {
  // Pure noise: the validation loss stops improving after a few iterations.
  mlcore::data::Rng rng(3);
  Eigen::MatrixXd X(400, 3);
  Eigen::VectorXd y(400);
  for (int i = 0; i < 400; ++i) {
    for (int f = 0; f < 3; ++f) X(i, f) = rng.normal();
    y[i] = rng.uniform() < 0.5 ? 1 : 0;
  }
  const TrainingSet ts = training_set(X, y, Task::Classification, 2);
  BoostingParams p;
  p.early_stopping = "true";
  p.max_iter = 200;
  GradientBoosting model(Task::Classification, p);
  model.fit(ts, 4);
  CHECK(model.stopped_early());
  CHECK(model.n_iter() < 200);
  const auto curve = model.training_curve();
  CHECK(curve.at("validation_loss").size() == static_cast<std::size_t>(model.n_iter()));
  CHECK(curve.at("train_loss").size() == static_cast<std::size_t>(model.n_iter()));
  // "auto" only holds out rows above 10,000 rows.
  p.early_stopping = "auto";
  p.max_iter = 15;
  GradientBoosting automatic(Task::Classification, p);
  automatic.fit(ts, 4);
  CHECK(automatic.n_iter() == 15);
  CHECK_FALSE(automatic.training_curve().contains("validation_loss"));
  // Same seed, same model.
  GradientBoosting again(Task::Classification, BoostingParams{});
  GradientBoosting same(Task::Classification, BoostingParams{});
  again.fit(ts, 8);
  same.fit(ts, 8);
  CHECK(again.to_json() == same.to_json());
}

TEST_CASE("losses and the deterministic exp agree with their definitions", "[boosting]") {
  CHECK(deterministic_exp(0.0) == 1.0);
  CHECK(deterministic_exp(-1000.0) == 0.0);
  CHECK(std::isinf(deterministic_exp(1000.0)));
  for (double x = -700; x < 700; x += 13.37)
    CHECK(deterministic_exp(x) == Approx(std::exp(x)).epsilon(4e-16));
  CHECK(deterministic_exp(-740.0) == Approx(std::exp(-740.0)).epsilon(0.02));  // subnormal: ~7 bits
  Loss binary{LossKind::BinaryLogLoss, 1};
  const double y[2] = {1, 0};
  const std::vector<double> raw = {0.0, 2.0};
  // log 2 for the undecided row, log(1 + e^2) for the confidently wrong one.
  const double expected = (std::log(2.0) + std::log(1 + std::exp(2.0))) / 2;
  CHECK(binary.mean(y, raw, 2) == Approx(expected));
  std::vector<double> g, h;
  CHECK(binary.gradients(y, raw, 2, g, h) == Approx(expected));
  CHECK(g[0] == Approx(-0.5));
  CHECK(h[0] == Approx(0.25));
  // A row far past where the product of probabilities would underflow still counts exactly.
  const std::vector<double> wrong = {-800.0, 0.0};
  CHECK(binary.mean(y, wrong, 2) == Approx((800 + std::log(2.0)) / 2));
}

TEST_CASE("the boosting family states scikit-learn's defaults", "[boosting]") {
  const Family f = gradient_boosting_family();
  const nlohmann::json p = resolve_params(f, nlohmann::json::object(), Task::Classification);
  CHECK(p.at("learning_rate") == 0.1);
  CHECK(p.at("max_iter") == 100);
  CHECK(p.at("max_leaf_nodes") == 31);
  CHECK(p.at("max_depth").is_null());
  CHECK(p.at("min_samples_leaf") == 20);
  CHECK(p.at("l2_regularization") == 0.0);
  CHECK(p.at("max_bins") == 255);
  CHECK(p.at("early_stopping") == "auto");
  CHECK(p.at("validation_fraction") == 0.1);
  CHECK(p.at("n_iter_no_change") == 10);
  CHECK(p.at("tol") == 1e-7);
  CHECK(error_code([&] { resolve_params(f, {{"learning_rate", 0}}, Task::Regression); }) == "model.bad_param");
  const TrainingSet one = four_points(Task::Classification, {0, 0, 0, 0});
  TrainingSet single = one;
  single.n_classes = 1;
  GradientBoosting model(Task::Classification, BoostingParams{});
  CHECK(error_code([&] { model.fit(single, 0); }) == "model.one_class");
}

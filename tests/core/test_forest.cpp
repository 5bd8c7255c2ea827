// The random forest: one tree per fit step, reproducible from the seed, probabilities and
// importances that are the means of its trees', and an exact JSON round trip.
#include <catch2/catch.hpp>

#include "core/data/random.hpp"
#include "core/models/forest.hpp"
#include "core/models/tree_families.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::error_code;
using model_test::training_set;

namespace {

TrainingSet three_classes(int n, std::uint64_t seed) {
  mlcore::data::Rng rng(seed);
  Eigen::MatrixXd X(n, 4);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    y[i] = static_cast<double>(i % 3);
    for (int f = 0; f < 4; ++f) X(i, f) = rng.normal() + (f < 2 ? y[i] : 0.0);
  }
  return training_set(X, y, Task::Classification, 3);
}

ForestParams small_forest(int trees) {
  ForestParams p;
  p.n_estimators = trees;
  p.tree.max_features = "sqrt";
  return p;
}

}  // namespace

TEST_CASE("a forest grows one tree per step and reports it", "[forest]") {
  const TrainingSet ts = three_classes(150, 1);
  RandomForest forest(Task::Classification, small_forest(5));
  forest.begin_fit(ts, 7);
  CHECK(forest.progress_message() == "tree 0 of 5");
  int steps = 1;
  while (!forest.fit_step()) {
    ++steps;
    CHECK(forest.fit_progress() == Approx(forest.trees().size() / 5.0));
  }
  CHECK(steps == 5);
  CHECK(forest.trees().size() == 5);
  CHECK(forest.fit_progress() == 1.0);
}

TEST_CASE("the same seed gives the same forest, another seed another", "[forest]") {
  const TrainingSet ts = three_classes(120, 2);
  RandomForest a(Task::Classification, small_forest(4)), b(Task::Classification, small_forest(4)),
      c(Task::Classification, small_forest(4));
  a.fit(ts, 11);
  b.fit(ts, 11);
  c.fit(ts, 12);
  CHECK(a.to_json() == b.to_json());
  CHECK(a.to_json() != c.to_json());
  // Bootstrap samples differ between trees of one forest.
  CHECK(a.trees()[0].to_json() != a.trees()[1].to_json());
  // Each tree saw n draws with replacement: the root counts them all.
  for (const auto& t : a.trees()) CHECK(t.node(0).n_samples == 120);
}

TEST_CASE("forest probabilities and importances are the means of its trees'", "[forest]") {
  const TrainingSet ts = three_classes(90, 3);
  RandomForest forest(Task::Classification, small_forest(6));
  forest.fit(ts, 5);
  const Eigen::MatrixXd P = forest.predict_proba(ts.X);
  for (Eigen::Index r = 0; r < ts.X.rows(); r += 9) {
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (const auto& t : forest.trees()) {
      const double* v = t.value(t.leaf(ts.X, r));
      mean += Eigen::Vector3d(v[0], v[1], v[2]) / 6.0;
    }
    CHECK(P(r, 0) == Approx(mean[0]));
    CHECK(P(r, 1) == Approx(mean[1]));
    CHECK(P(r, 2) == Approx(mean[2]));
    CHECK(P.row(r).sum() == Approx(1.0));
  }
  std::vector<double> expected(4, 0.0);
  for (const auto& t : forest.trees()) {
    std::vector<double> g(4, 0.0);
    t.add_gains(g);
    double s = 0;
    for (double x : g) s += x;
    for (int f = 0; f < 4; ++f) expected[f] += g[f] / s / 6.0;
  }
  const auto imp = forest.feature_importances();
  for (int f = 0; f < 4; ++f) CHECK(imp[f] == Approx(expected[f]));
  CHECK(imp[0] + imp[1] > imp[2] + imp[3]);  // the informative features matter more
}

TEST_CASE("a regression forest averages its trees and round-trips through JSON", "[forest]") {
  mlcore::data::Rng rng(4);
  Eigen::MatrixXd X(200, 2);
  Eigen::VectorXd y(200);
  for (int i = 0; i < 200; ++i) {
    X(i, 0) = rng.uniform(0, 10);
    X(i, 1) = rng.normal();
    y[i] = 3 * X(i, 0) + rng.normal();
  }
  const TrainingSet ts = training_set(X, y, Task::Regression, 0);
  const Family f = random_forest_family();
  const nlohmann::json p = resolve_params(f, {{"n_estimators", 8}, {"max_depth", 6}}, Task::Regression);
  CHECK(p.at("max_features") == "all");  // scikit-learn 1.2's regressor default (1.0)
  auto forest = f.make(p, Task::Regression);
  forest->fit(ts, 9);
  const auto& trees = dynamic_cast<const RandomForest&>(*forest).trees();
  double mean = 0;
  for (const auto& t : trees) mean += t.value(t.leaf(X, 0))[0] / 8.0;
  const Eigen::VectorXd pred = forest->predict(X);
  CHECK(pred[0] == Approx(mean));
  const double mse = (pred - y).squaredNorm() / 200;
  CHECK(mse < 1.5);  // noise variance is 1; the trees fit the line closely

  RandomForest loaded(Task::Regression, ForestParams{});
  loaded.from_json(nlohmann::json::parse(forest->to_json().dump()));
  CHECK(loaded.predict(X) == pred);
  CHECK(loaded.trees().size() == 8);
  CHECK(error_code([&] { loaded.predict_proba(X); }) == "model.no_proba");
}

TEST_CASE("the forest family defaults follow scikit-learn 1.2", "[forest]") {
  const Family f = random_forest_family();
  const nlohmann::json c = resolve_params(f, nlohmann::json::object(), Task::Classification);
  CHECK(c.at("n_estimators") == 100);
  CHECK(c.at("max_features") == "sqrt");
  CHECK(c.at("criterion") == "gini");
  CHECK(c.at("bootstrap") == true);
  CHECK(c.at("max_depth").is_null());
  const nlohmann::json r = resolve_params(f, nlohmann::json::object(), Task::Regression);
  CHECK(r.at("criterion") == "squared_error");
  RandomForest forest(Task::Classification, small_forest(3));
  CHECK(error_code([&] { forest.predict(Eigen::MatrixXd::Zero(1, 4)); }) == "model.not_fitted");
}

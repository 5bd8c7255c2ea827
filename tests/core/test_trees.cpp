// The decision tree: best splits worked out by hand (gini, entropy, squared error), the stopping
// rules (depth, min_samples_leaf, purity), exact JSON round trips and the family's schema.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "core/data/random.hpp"
#include "core/models/histogram.hpp"
#include "core/models/tree.hpp"
#include "core/models/tree_families.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::error_code;
using model_test::training_set;

namespace {

TreeParams params(const std::string& criterion, int max_depth = -1, int min_samples_leaf = 1) {
  TreeParams p;
  p.criterion = criterion;
  p.max_depth = max_depth;
  p.min_samples_leaf = min_samples_leaf;
  return p;
}

// Six rows: x0 = 1..6 with y = 0 0 0 1 1 0; x1 = 1 1 2 2 3 3 splits worse.
TrainingSet six_rows() {
  Eigen::MatrixXd X(6, 2);
  X << 1, 1, 2, 1, 3, 2, 4, 2, 5, 3, 6, 3;
  Eigen::VectorXd y(6);
  y << 0, 0, 0, 1, 1, 0;
  return training_set(X, y, Task::Classification, 2);
}

// A random table with two informative features, for the structural checks.
TrainingSet random_set(int n, Task task, std::uint64_t seed) {
  mlcore::data::Rng rng(seed);
  Eigen::MatrixXd X(n, 3);
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    for (int f = 0; f < 3; ++f) X(i, f) = rng.normal();
    const double s = X(i, 0) + 0.5 * X(i, 1) + 0.3 * rng.normal();
    y[i] = task == Task::Classification ? (s > 0 ? 1 : 0) : s;
  }
  return training_set(X, y, task, task == Task::Classification ? 2 : 0);
}

}  // namespace

TEST_CASE("histograms sum each bin, and parent minus child is the sibling", "[trees]") {
  // One feature with values 0, 1, 1, 2 -> bins 0, 1, 1, 2; classes 0, 1, 0, 1.
  Eigen::MatrixXd X(4, 1);
  X << 0, 1, 1, 2;
  BinMapper mapper;
  mlcore::data::Rng rng(0);
  const BinnedData binned = mapper.fit_transform(X, all_rows(4), 255, rng);
  const std::int32_t classes[4] = {0, 1, 0, 1};
  const double g[4] = {1, 2, 3, 4}, h[4] = {0.5, 0.25, 0.25, 1};
  RowTargets targets;
  targets.classes = classes;
  targets.gradients = g;
  targets.hessians = h;
  HistogramBuilder builder;
  const HistogramLayout counts(mapper, 2);
  std::vector<double> parent(counts.size()), child(counts.size()), sibling(counts.size());
  const std::vector<std::uint32_t> all = all_rows(4), middle = {1, 2}, ends = {0, 3};
  builder.build(binned, counts, HistogramKind::ClassCounts, targets, all.data(), 4, parent.data());
  CHECK(parent == std::vector<double>{1, 0, 1, 1, 0, 1});  // (class 0, class 1) per bin
  builder.build(binned, counts, HistogramKind::ClassCounts, targets, middle.data(), 2, child.data());
  builder.build(binned, counts, HistogramKind::ClassCounts, targets, ends.data(), 2, sibling.data());
  subtract_histogram(parent.data(), child.data(), parent.size());
  CHECK(parent == sibling);
  // Gradient sums: (sum g, sum h, count) per bin.
  const HistogramLayout grads(mapper, 3);
  std::vector<double> gh(grads.size());
  builder.build(binned, grads, HistogramKind::GradientSums, targets, all.data(), 4, gh.data());
  CHECK(gh == std::vector<double>{1, 0.5, 1, 5, 0.5, 2, 4, 1, 1});
  targets.hessians = nullptr;  // squared error: unit hessians, so the hessian sum is the count
  builder.build(binned, grads, HistogramKind::GradientSums, targets, middle.data(), 2, gh.data());
  CHECK(gh == std::vector<double>{0, 0, 0, 5, 2, 2, 0, 0, 0});
}

TEST_CASE("the best gini split of a tiny set is the one worked out by hand", "[trees]") {
  // Splits of x0 (left: x0 <= t), scored by sum over children of sum_k c_k^2 / n_child:
  //   t=1.5: 1 + 13/5 = 3.6   t=2.5: 2 + 2 = 4   t=3.5: 3 + 5/3 = 4.667   t=4.5: 3.5   t=5.5: 3.6
  // The parent scores 20/6, so t = 3.5 lowers n * gini by 4.667 - 3.333 = 4/3. x1's best is 4.
  const TrainingSet ts = six_rows();
  DecisionTree tree(Task::Classification, params("gini", 1));
  tree.fit(ts, 0);
  const FlatTree& t = tree.tree();
  REQUIRE(t.size() == 3);
  CHECK(t.node(0).feature == 0);
  CHECK(t.node(0).threshold == 3.5);
  CHECK(t.node(0).gain == Approx(4.0 / 3.0));
  CHECK(t.node(0).impurity == Approx(16.0 / 36.0));  // 1 - (4/6)^2 - (2/6)^2
  const TreeNode& left = t.node(t.node(0).left);
  const TreeNode& right = t.node(t.node(0).right);
  CHECK(left.n_samples == 3);
  CHECK(left.impurity == 0.0);
  CHECK(right.impurity == Approx(4.0 / 9.0));  // one 0 and two 1s
  CHECK(t.value(t.node(0).left)[0] == 1.0);
  CHECK(t.value(t.node(0).right)[1] == Approx(2.0 / 3.0));
  const Eigen::MatrixXd P = tree.predict_proba(ts.X);
  CHECK(P(5, 0) == Approx(1.0 / 3.0));
  CHECK(P(5, 1) == Approx(2.0 / 3.0));
  CHECK(tree.feature_importances() == std::vector<double>{1.0, 0.0});
}

TEST_CASE("entropy picks the same split with the decrease in bits", "[trees]") {
  // Parent (4, 2): H = 0.918296 bits; right child (1, 2) has the same H, left is pure, so the
  // decrease is 6 H - 3 H = 2.754888. (t = 2.5 gives 6 H - 4 * 1 = 1.51.)
  DecisionTree tree(Task::Classification, params("entropy", 1));
  tree.fit(six_rows(), 0);
  const double h = -(2.0 / 3) * std::log2(2.0 / 3) - (1.0 / 3) * std::log2(1.0 / 3);
  CHECK(tree.tree().node(0).threshold == 3.5);
  CHECK(tree.tree().node(0).impurity == Approx(h));
  CHECK(tree.tree().node(0).gain == Approx(3 * h));
}

TEST_CASE("the best squared-error split of a tiny set is the one worked out by hand", "[trees]") {
  // y = 1, 2, 10, 12 at x = 1..4. Sum of squared errors: parent 92.75 (mean 6.25); t = 2.5
  // leaves 0.5 + 2 = 2.5, t = 1.5 leaves 51.33 + ..., so t = 2.5 wins with a decrease of 90.25.
  Eigen::MatrixXd X(4, 1);
  X << 1, 2, 3, 4;
  Eigen::VectorXd y(4);
  y << 1, 2, 10, 12;
  DecisionTree tree(Task::Regression, params("squared_error", 1));
  tree.fit(training_set(X, y, Task::Regression, 0), 0);
  const FlatTree& t = tree.tree();
  CHECK(t.node(0).threshold == 2.5);
  CHECK(t.node(0).gain == Approx(90.25));
  CHECK(t.node(0).impurity == Approx(92.75 / 4));
  CHECK(t.node(t.node(0).left).impurity == Approx(0.25));
  const Eigen::VectorXd p = tree.predict(X);
  CHECK(p[0] == 1.5);
  CHECK(p[1] == 1.5);
  CHECK(p[2] == 11.0);
  CHECK(p[3] == 11.0);
  CHECK_THROWS_AS(tree.predict_proba(X), mlcore::Error);
  CHECK(error_code([&] { tree.predict_proba(X); }) == "model.no_proba");
}

TEST_CASE("a depth-1 tree splits a cleanly separated feature at the midpoint", "[trees]") {
  Eigen::MatrixXd X(6, 2);
  X << 0.1, 5, 0.2, 1, 0.3, 4, 0.7, 2, 0.8, 6, 0.9, 3;  // x1 is noise
  Eigen::VectorXd y(6);
  y << 0, 0, 0, 1, 1, 1;
  DecisionTree tree(Task::Classification, params("gini", 1));
  tree.fit(training_set(X, y, Task::Classification, 2), 0);
  CHECK(tree.tree().size() == 3);
  CHECK(tree.tree().node(0).feature == 0);
  CHECK(tree.tree().node(0).threshold == Approx(0.5));
  CHECK(tree.predict(X) == y);
  Eigen::MatrixXd fresh(2, 2);
  fresh << 0.49, 0, 0.51, 0;
  CHECK(tree.predict(fresh) == Eigen::Vector2d(0, 1));
}

TEST_CASE("an unlimited tree fits a separable set perfectly", "[trees]") {
  // 200 rows, so every feature keeps all its distinct values (at most 255 bins).
  mlcore::data::Rng rng(11);
  Eigen::MatrixXd X(200, 2);
  Eigen::VectorXd y(200);
  for (int i = 0; i < 200; ++i) {
    X(i, 0) = rng.uniform(-1, 1);
    X(i, 1) = rng.uniform(-1, 1);
    y[i] = X(i, 0) + X(i, 1) > 0 ? 1 : 0;  // a diagonal boundary: many axis-aligned splits
  }
  DecisionTree tree(Task::Classification, TreeParams{});
  tree.fit(training_set(X, y, Task::Classification, 2), 3);
  CHECK(tree.predict(X) == y);
  for (const auto& n : tree.tree().nodes())
    if (n.feature < 0) CHECK(n.impurity == 0.0);  // every leaf is pure
  const auto imp = tree.feature_importances();
  CHECK(imp[0] + imp[1] == Approx(1.0));
}

TEST_CASE("min_samples_leaf holds for every leaf, counted on the training rows", "[trees]") {
  for (Task task : {Task::Classification, Task::Regression}) {
    const TrainingSet ts = random_set(300, task, 4);
    DecisionTree tree(task, params(task == Task::Classification ? "gini" : "squared_error", -1, 7));
    tree.fit(ts, 1);
    std::map<int, int> rows_per_leaf;
    for (Eigen::Index r = 0; r < ts.X.rows(); ++r) ++rows_per_leaf[tree.tree().leaf(ts.X, r)];
    REQUIRE(rows_per_leaf.size() > 5);
    for (const auto& [leaf, count] : rows_per_leaf) {
      CHECK(count >= 7);
      CHECK(tree.tree().node(leaf).n_samples == count);
    }
  }
  // Six rows cannot make two leaves of 4: the root stays a leaf.
  DecisionTree stump(Task::Classification, params("gini", -1, 4));
  stump.fit(six_rows(), 0);
  CHECK(stump.tree().size() == 1);
  CHECK(stump.feature_importances() == std::vector<double>{0.0, 0.0});
}

TEST_CASE("max_depth bounds the depth and a constant target gives one leaf", "[trees]") {
  const TrainingSet ts = random_set(500, Task::Regression, 8);
  DecisionTree tree(Task::Regression, params("squared_error", 3));
  tree.fit(ts, 0);
  CHECK(tree.tree().depth() == 3);
  CHECK(tree.tree().n_leaves() <= 8);
  TrainingSet flat = ts;
  flat.y.setConstant(2.5);
  DecisionTree constant(Task::Regression, params("squared_error"));
  constant.fit(flat, 0);
  CHECK(constant.tree().size() == 1);
  CHECK(constant.predict(ts.X.topRows(3)) == Eigen::Vector3d(2.5, 2.5, 2.5));
}

TEST_CASE("a tree survives to_json and from_json with identical predictions", "[trees]") {
  for (Task task : {Task::Classification, Task::Regression}) {
    const TrainingSet ts = random_set(400, task, 2);
    DecisionTree tree(task, params(task == Task::Classification ? "entropy" : "squared_error", 6));
    tree.fit(ts, 5);
    // Through text, as a saved model travels.
    const nlohmann::json j = nlohmann::json::parse(tree.to_json().dump());
    DecisionTree loaded(task, TreeParams{});
    loaded.from_json(j);
    CHECK(loaded.predict(ts.X) == tree.predict(ts.X));
    if (task == Task::Classification) CHECK(loaded.predict_proba(ts.X) == tree.predict_proba(ts.X));
    CHECK(loaded.feature_importances() == tree.feature_importances());
    CHECK(loaded.to_json() == tree.to_json());
  }
  DecisionTree broken(Task::Classification, TreeParams{});
  nlohmann::json j = nlohmann::json::parse(R"({"task": "classification", "n_classes": 2, "n_features": 1,
    "tree": {"n_values": 2, "feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [0, -1, -1],
             "right": [2, -1, -1], "n_samples": [2, 1, 1], "impurity": [0.5, 0, 0], "gain": [1, 0, 0],
             "value": [0.5, 0.5, 1, 0, 0, 1]}})");
  CHECK(error_code([&] { broken.from_json(j); }) == "model.corrupt");  // left child points at itself
}

TEST_CASE("the seed only matters through max_features and feature order", "[trees]") {
  const TrainingSet ts = random_set(300, Task::Classification, 6);
  TreeParams p = params("gini", 5);
  p.max_features = 1;
  DecisionTree a(Task::Classification, p), b(Task::Classification, p), c(Task::Classification, p);
  a.fit(ts, 1);
  b.fit(ts, 1);
  c.fit(ts, 2);
  CHECK(a.to_json() == b.to_json());
  CHECK(a.to_json() != c.to_json());
}

TEST_CASE("max_features names and fractions resolve like scikit-learn's", "[trees]") {
  CHECK(resolve_max_features("all", 20) == 20);
  CHECK(resolve_max_features(nullptr, 20) == 20);
  CHECK(resolve_max_features("sqrt", 20) == 4);   // int(sqrt(20))
  CHECK(resolve_max_features("log2", 20) == 4);   // int(log2(20))
  CHECK(resolve_max_features("log2", 1) == 1);    // never fewer than one
  CHECK(resolve_max_features("0.5", 20) == 10);
  CHECK(resolve_max_features(0.25, 30) == 7);     // int(7.5)
  CHECK(resolve_max_features(1.0, 30) == 30);
  CHECK(resolve_max_features(3, 30) == 3);        // an integer is a count
  CHECK(error_code([] { resolve_max_features("most", 5); }) == "model.bad_param");
  CHECK(error_code([] { resolve_max_features(1.5, 5); }) == "model.bad_param");
}

TEST_CASE("the decision tree family states scikit-learn's defaults and builds trees", "[trees]") {
  const Family f = decision_tree_family();
  CHECK(f.name == "decision_tree");
  std::map<std::string, nlohmann::json> defaults;
  for (const auto& p : f.params)
    if (p.tasks.empty() || p.tasks.front() == Task::Classification) defaults[p.name] = p.default_value;
  CHECK(defaults.at("criterion") == "gini");
  CHECK(defaults.at("max_depth").is_null());
  CHECK(defaults.at("min_samples_split") == 2);
  CHECK(defaults.at("min_samples_leaf") == 1);
  CHECK(defaults.at("max_features") == "all");
  const nlohmann::json given = {{"max_depth", 2}, {"criterion", "entropy"}};
  auto model = f.make(resolve_params(f, given, Task::Classification), Task::Classification);
  const TrainingSet ts = random_set(200, Task::Classification, 1);
  model->fit(ts, 0);
  const nlohmann::json j = model->to_json();
  CHECK(j.at("params").at("criterion") == "entropy");
  CHECK(j.at("params").at("max_depth") == 2);
  auto reg = f.make(resolve_params(f, nlohmann::json::object(), Task::Regression), Task::Regression);
  CHECK(error_code([&] { reg->fit(ts, 0); }) == "model.bad_task");  // a classification set
  CHECK(error_code([&] { model->predict(Eigen::MatrixXd::Zero(2, 5)); }) == "model.bad_shape");
  DecisionTree unfitted(Task::Classification, TreeParams{});
  CHECK(error_code([&] { unfitted.predict(ts.X); }) == "model.not_fitted");
}

// The decision tree estimator and the tree parameter helpers; see tree.hpp.
#include "tree.hpp"

#include <cmath>
#include <cstdlib>

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "Decision tree";

[[noreturn]] void bad_param(const std::string& name, const nlohmann::json& value, const std::string& why) {
  throw Error("model.bad_param", "Parameter " + name + " = " + value.dump() + " is not allowed: " + why + ".");
}

int int_param(const nlohmann::json& params, const char* name, int fallback, int min) {
  if (!params.contains(name)) return fallback;
  const auto& v = params.at(name);
  if (v.is_null()) {
    if (fallback == -1) return -1;  // max_depth: null means unlimited
    bad_param(name, v, std::string(name) + " cannot be null");
  }
  if (!v.is_number() || std::floor(v.get<double>()) != v.get<double>() || v.get<double>() < min)
    bad_param(name, v, std::string(name) + " must be an integer >= " + std::to_string(min));
  return static_cast<int>(std::min(v.get<double>(), 1e9));
}

}  // namespace

TreeParams tree_params_from_json(const nlohmann::json& params, Task task) {
  TreeParams p;
  if (task == Task::Regression) p.criterion = "squared_error";
  if (params.contains("criterion") && params.at("criterion").is_string())
    p.criterion = params.at("criterion").get<std::string>();
  const bool ok = task == Task::Classification ? (p.criterion == "gini" || p.criterion == "entropy")
                                               : p.criterion == "squared_error";
  if (!ok)
    bad_param("criterion", p.criterion,
              task == Task::Classification ? "classification trees use gini or entropy"
                                           : "regression trees use squared_error");
  p.max_depth = int_param(params, "max_depth", -1, 1);
  p.min_samples_split = int_param(params, "min_samples_split", 2, 2);
  p.min_samples_leaf = int_param(params, "min_samples_leaf", 1, 1);
  if (params.contains("max_features")) p.max_features = params.at("max_features");
  resolve_max_features(p.max_features, 1);  // checks the value's form now, not at fit time
  return p;
}

nlohmann::json tree_params_to_json(const TreeParams& p) {
  return {{"criterion", p.criterion},
          {"max_depth", p.max_depth < 0 ? nlohmann::json(nullptr) : nlohmann::json(p.max_depth)},
          {"min_samples_split", p.min_samples_split},
          {"min_samples_leaf", p.min_samples_leaf},
          {"max_features", p.max_features}};
}

int resolve_max_features(const nlohmann::json& value, int n_features) {
  const int n = std::max(n_features, 1);
  const std::string why = "max_features must be all, sqrt, log2, a fraction in (0, 1] or a count >= 1";
  double fraction = -1;
  if (value.is_null()) return n;
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    if (s == "all") return n;
    if (s == "sqrt") return std::max(1, static_cast<int>(std::sqrt(static_cast<double>(n))));
    if (s == "log2") {
      int k = 0;
      while ((2LL << k) <= n) ++k;  // floor(log2 n) in integers
      return std::max(1, k);
    }
    char* end = nullptr;
    fraction = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) bad_param("max_features", value, why);
  } else if (value.is_number_integer()) {
    if (value.get<long long>() < 1) bad_param("max_features", value, why);
    return static_cast<int>(std::min<long long>(value.get<long long>(), n));
  } else if (value.is_number()) {
    fraction = value.get<double>();
  } else {
    bad_param("max_features", value, why);
  }
  if (!(fraction > 0 && fraction <= 1)) bad_param("max_features", value, why);
  return std::max(1, static_cast<int>(fraction * n));  // scikit-learn: int(fraction * n_features)
}

GrowerConfig tree_grower_config(const TreeParams& p, Task task, int n_classes, const Eigen::MatrixXd& X) {
  GrowerConfig c;
  c.rules.criterion = task == Task::Regression ? Criterion::SquaredError
                      : p.criterion == "entropy" ? Criterion::Entropy
                                                 : Criterion::Gini;
  c.rules.n_classes = task == Task::Classification ? std::max(n_classes, 1) : 0;
  c.rules.min_samples_leaf = p.min_samples_leaf;
  c.max_depth = p.max_depth;
  c.min_samples_split = p.min_samples_split;
  c.max_features = resolve_max_features(p.max_features, static_cast<int>(X.cols()));
  c.shuffle_features = true;
  c.raw_features = &X;
  return c;
}

std::vector<std::int32_t> class_labels(const Eigen::VectorXd& y) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(y.size()));
  for (Eigen::Index i = 0; i < y.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(y[i]);
  return out;
}

DecisionTree::DecisionTree(Task task, TreeParams params) : task_(task), params_(std::move(params)) {}

void DecisionTree::begin_fit(const TrainingSet& data, std::uint64_t seed) {
  check_task(task_, data.task, "decision tree");
  check_training_set(data, kName);
  if (task_ == Task::Classification && data.n_classes < 1)
    throw Error("model.bad_target", "A classification tree needs at least one class.");
  data_ = &data;
  seed_ = seed;
  done_ = false;
  n_classes_ = task_ == Task::Classification ? data.n_classes : 0;
  n_features_ = static_cast<int>(data.X.cols());
}

bool DecisionTree::fit_step() {
  if (done_ || !data_) return true;
  const TrainingSet& data = *data_;
  data::Rng rng(seed_);
  std::vector<std::uint32_t> rows = all_rows(static_cast<std::size_t>(data.X.rows()));
  BinMapper mapper;
  const BinnedData binned = mapper.fit_transform(data.X, rows, kMaxBins, rng);
  TreeGrower grower(binned, mapper, tree_grower_config(params_, task_, n_classes_, data.X));
  RowTargets targets;
  std::vector<std::int32_t> classes;
  if (task_ == Task::Classification) {
    classes = class_labels(data.y);
    targets.classes = classes.data();
  } else {
    targets.values = data.y.data();
  }
  tree_ = grower.grow(rows, targets, rng);
  std::vector<double> gains(static_cast<std::size_t>(n_features_), 0.0);
  tree_.add_gains(gains);
  importances_ = normalised(std::move(gains));
  done_ = true;
  data_ = nullptr;
  return true;
}

std::string DecisionTree::progress_message() const {
  if (!done_) return "growing the tree";
  return "tree of depth " + std::to_string(tree_.depth()) + " with " + std::to_string(tree_.n_leaves()) + " leaves";
}

Eigen::MatrixXd DecisionTree::predict_proba(const Eigen::MatrixXd& X) const {
  if (task_ != Task::Classification) return Estimator::predict_proba(X);  // throws model.no_proba
  if (tree_.size() == 0) throw Error("model.not_fitted", "Fit the decision tree before predicting.");
  check_predict_input(X, n_features_, kName);
  Eigen::MatrixXd P(X.rows(), n_classes_);
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const double* v = tree_.value(tree_.leaf(X, r));
    for (int k = 0; k < n_classes_; ++k) P(r, k) = v[k];
  }
  return P;
}

Eigen::VectorXd DecisionTree::predict(const Eigen::MatrixXd& X) const {
  if (tree_.size() == 0) throw Error("model.not_fitted", "Fit the decision tree before predicting.");
  check_predict_input(X, n_features_, kName);
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const double* v = tree_.value(tree_.leaf(X, r));
    if (task_ == Task::Regression) {
      out[r] = v[0];
      continue;
    }
    int best = 0;  // ties go to the lowest class index, as numpy's argmax
    for (int k = 1; k < n_classes_; ++k)
      if (v[k] > v[best]) best = k;
    out[r] = best;
  }
  return out;
}

nlohmann::json DecisionTree::to_json() const {
  return {{"task", to_string(task_)}, {"n_classes", n_classes_}, {"n_features", n_features_},
          {"params", tree_params_to_json(params_)}, {"tree", tree_.to_json()}};
}

void DecisionTree::from_json(const nlohmann::json& j) {
  const Task task = task_from_string(get_string(j, "task", "model"));
  const auto n_classes = get_int(j, "n_classes", "model");
  const auto n_features = get_int(j, "n_features", "model");
  if (n_features < 0 || n_features > 100000000) throw_corrupt("model.n_features", "is out of range");
  if (task == Task::Classification && (n_classes < 1 || n_classes > 100000))
    throw_corrupt("model.n_classes", "should be at least 1");
  FlatTree tree = FlatTree::from_json(get_field(j, "tree", "model"), "model.tree", static_cast<int>(n_features));
  if (tree.n_values() != (task == Task::Classification ? n_classes : 1))
    throw_corrupt("model.tree.n_values", "does not match the number of classes");
  task_ = task;
  n_classes_ = task == Task::Classification ? static_cast<int>(n_classes) : 0;
  n_features_ = static_cast<int>(n_features);
  if (j.contains("params")) params_ = tree_params_from_json(j.at("params"), task);
  tree_ = std::move(tree);
  std::vector<double> gains(static_cast<std::size_t>(n_features_), 0.0);
  tree_.add_gains(gains);
  importances_ = normalised(std::move(gains));
  done_ = true;
  data_ = nullptr;
}

}  // namespace mlcore::models

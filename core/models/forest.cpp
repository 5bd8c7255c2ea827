// The random forest estimator; see forest.hpp.
#include "forest.hpp"

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "Random forest";

}  // namespace

RandomForest::RandomForest(Task task, ForestParams params) : task_(task), params_(std::move(params)) {}

void RandomForest::begin_fit(const TrainingSet& data, std::uint64_t seed) {
  check_task(task_, data.task, "random forest");
  check_training_set(data, kName);
  if (task_ == Task::Classification && data.n_classes < 1)
    throw Error("model.bad_target", "A classification forest needs at least one class.");
  if (params_.n_estimators < 1)
    throw Error("model.bad_param", "Parameter n_estimators must be at least 1.");
  data_ = &data;
  n_classes_ = task_ == Task::Classification ? data.n_classes : 0;
  n_features_ = static_cast<int>(data.X.cols());
  trees_.clear();
  trees_.reserve(static_cast<std::size_t>(params_.n_estimators));

  data::Rng rng(seed);
  const auto n = static_cast<std::size_t>(data.X.rows());
  binned_ = mapper_.fit_transform(data.X, all_rows(n), kMaxBins, rng);
  tree_seeds_.resize(static_cast<std::size_t>(params_.n_estimators));
  for (auto& s : tree_seeds_) s = rng.next_u64();
  grower_ = std::make_unique<TreeGrower>(binned_, mapper_,
                                         tree_grower_config(params_.tree, task_, n_classes_, data.X));
  classes_ = task_ == Task::Classification ? class_labels(data.y) : std::vector<std::int32_t>{};
}

bool RandomForest::fit_step() {
  if (!data_) return true;
  const std::size_t t = trees_.size();
  const auto n = static_cast<std::size_t>(data_->X.rows());
  data::Rng rng(tree_seeds_[t]);
  rows_.clear();
  if (params_.bootstrap) {
    // n draws with replacement, kept as counts and listed in row order: the same multiset as the
    // draws, and the grower reads the bins forwards.
    draws_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++draws_[static_cast<std::size_t>(rng.uniform_int(n))];
    for (std::size_t r = 0; r < n; ++r)
      for (std::uint32_t c = 0; c < draws_[r]; ++c) rows_.push_back(static_cast<std::uint32_t>(r));
  } else {
    rows_ = all_rows(n);
  }
  RowTargets targets;
  if (task_ == Task::Classification) targets.classes = classes_.data();
  else targets.values = data_->y.data();
  trees_.push_back(grower_->grow(rows_, targets, rng));
  if (trees_.size() < tree_seeds_.size()) return false;
  // Done: drop the training-only state (the binned copy of X is the big one).
  data_ = nullptr;
  grower_.reset();
  binned_ = BinnedData{};
  std::vector<std::uint32_t>().swap(rows_);
  std::vector<std::uint32_t>().swap(draws_);
  return true;
}

double RandomForest::fit_progress() const {
  if (!data_) return trees_.empty() ? 0.0 : 1.0;
  return static_cast<double>(trees_.size()) / static_cast<double>(params_.n_estimators);
}

std::string RandomForest::progress_message() const {
  if (!data_ && !trees_.empty()) return std::to_string(trees_.size()) + " trees";
  return "tree " + std::to_string(trees_.size()) + " of " + std::to_string(params_.n_estimators);
}

Eigen::MatrixXd RandomForest::summed_values(const Eigen::MatrixXd& X) const {
  if (trees_.empty()) throw Error("model.not_fitted", "Fit the random forest before predicting.");
  check_predict_input(X, n_features_, kName);
  const int k = trees_.front().n_values();
  // Row-major accumulation: each tree adds its leaf's k values to one contiguous row.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> sum =
      Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>::Zero(X.rows(), k);
  for (const auto& tree : trees_)
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      const double* v = tree.value(tree.leaf(X, r));
      for (int c = 0; c < k; ++c) sum(r, c) += v[c];
    }
  return sum;
}

Eigen::MatrixXd RandomForest::predict_proba(const Eigen::MatrixXd& X) const {
  if (task_ != Task::Classification) return Estimator::predict_proba(X);  // throws model.no_proba
  return summed_values(X) / static_cast<double>(trees_.size());
}

Eigen::VectorXd RandomForest::predict(const Eigen::MatrixXd& X) const {
  const Eigen::MatrixXd sum = summed_values(X);
  if (task_ == Task::Regression) return sum.col(0) / static_cast<double>(trees_.size());
  return class_of_highest(sum);
}

std::vector<double> RandomForest::feature_importances() const {
  std::vector<double> mean(static_cast<std::size_t>(n_features_), 0.0);
  for (const auto& tree : trees_) {
    std::vector<double> gains(mean.size(), 0.0);
    tree.add_gains(gains);
    gains = normalised(std::move(gains));
    for (std::size_t f = 0; f < mean.size(); ++f) mean[f] += gains[f];
  }
  return normalised(std::move(mean));  // a mean of sums to 1 is not quite 1 when a tree is a stump
}

nlohmann::json RandomForest::to_json() const {
  nlohmann::json trees = nlohmann::json::array();
  for (const auto& t : trees_) trees.push_back(t.to_json());
  nlohmann::json params = tree_params_to_json(params_.tree);
  params["n_estimators"] = params_.n_estimators;
  params["bootstrap"] = params_.bootstrap;
  return {{"task", to_string(task_)}, {"n_classes", n_classes_}, {"n_features", n_features_},
          {"params", params}, {"trees", trees}};
}

void RandomForest::from_json(const nlohmann::json& j) {
  const Task task = task_from_string(get_string(j, "task", "model"));
  const auto n_classes = get_int(j, "n_classes", "model");
  const auto n_features = get_int(j, "n_features", "model");
  if (n_features < 0 || n_features > 100000000) throw_corrupt("model.n_features", "is out of range");
  if (task == Task::Classification && (n_classes < 1 || n_classes > 100000))
    throw_corrupt("model.n_classes", "should be at least 1");
  const auto& list = get_field(j, "trees", "model");
  if (!list.is_array() || list.empty()) throw_corrupt("model.trees", "should be a non-empty list of trees");
  std::vector<FlatTree> trees;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "model.trees[" + std::to_string(i) + "]";
    trees.push_back(FlatTree::from_json(list[i], path, static_cast<int>(n_features)));
    if (trees.back().n_values() != (task == Task::Classification ? n_classes : 1))
      throw_corrupt(path + ".n_values", "does not match the number of classes");
  }
  task_ = task;
  n_classes_ = task == Task::Classification ? static_cast<int>(n_classes) : 0;
  n_features_ = static_cast<int>(n_features);
  if (j.contains("params") && j.at("params").is_object()) {
    const auto& p = j.at("params");
    params_.tree = tree_params_from_json(p, task);
    if (p.contains("bootstrap") && p.at("bootstrap").is_boolean()) params_.bootstrap = p.at("bootstrap").get<bool>();
  }
  params_.n_estimators = static_cast<int>(trees.size());
  trees_ = std::move(trees);
  data_ = nullptr;
  grower_.reset();
}

}  // namespace mlcore::models

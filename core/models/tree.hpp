// The decision tree (scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor: same parameter
// names and defaults), grown depth-first over binned features by the shared TreeGrower. Leaves
// hold class shares (predict_proba) or the mean target; importances are the impurity decrease per
// feature, normalised to sum to 1. Also the tree parameters and helpers the random forest reuses.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "binning.hpp"
#include "estimator.hpp"
#include "flat_tree.hpp"
#include "split.hpp"
#include "tree_grower.hpp"

namespace mlcore::models {

struct TreeParams {
  std::string criterion = "gini";  // gini | entropy (classification), squared_error (regression)
  int max_depth = -1;              // -1: unlimited (null)
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  // "all" (null), "sqrt", "log2", a fraction in (0, 1] as a number or text ("0.5"), or a count
  // as a JSON integer: how many features each node draws for its split search.
  nlohmann::json max_features = "all";
};

// From resolved family parameters (criterion, max_depth, min_samples_split, min_samples_leaf,
// max_features); missing keys keep their defaults. Throws model.bad_param.
TreeParams tree_params_from_json(const nlohmann::json& params, Task task);
nlohmann::json tree_params_to_json(const TreeParams& params);
// Features per node for a max_features value: sqrt and log2 round down, a fraction of the
// features rounds down, never fewer than 1. Throws model.bad_param naming the value.
int resolve_max_features(const nlohmann::json& value, int n_features);
// The grower settings for these parameters; X (the raw features, rows matching the binned data)
// places thresholds at node midpoints as scikit-learn's trees do.
GrowerConfig tree_grower_config(const TreeParams& params, Task task, int n_classes, const Eigen::MatrixXd& X);
// y as class indices for the grower.
std::vector<std::int32_t> class_labels(const Eigen::VectorXd& y);

class DecisionTree : public Estimator {
 public:
  DecisionTree(Task task, TreeParams params);

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  // One step: bins the features and grows the whole tree (well under a second for 100,000 rows).
  bool fit_step() override;
  double fit_progress() const override { return done_ ? 1.0 : 0.0; }
  std::string progress_message() const override;

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  // {"task", "n_classes", "n_features", "params", "tree": FlatTree::to_json()}.
  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;
  std::vector<double> feature_importances() const override { return importances_; }

  const FlatTree& tree() const { return tree_; }
  const TreeParams& params() const { return params_; }

 private:
  Task task_;
  TreeParams params_;
  int n_classes_ = 0;
  int n_features_ = 0;
  FlatTree tree_;
  std::vector<double> importances_;
  const TrainingSet* data_ = nullptr;
  std::uint64_t seed_ = 0;
  bool done_ = false;
};

}  // namespace mlcore::models

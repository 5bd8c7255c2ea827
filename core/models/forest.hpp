// The random forest (scikit-learn's RandomForestClassifier / RandomForestRegressor: same names and
// defaults): n_estimators trees, each grown on a bootstrap sample with max_features features drawn
// per node. The features are binned once for the whole forest; every tree gets its own seed drawn
// up front, so tree t is the same whatever steps the fit was cut into. Class probabilities are the
// mean of the trees' leaf shares; importances the mean of the trees' normalised importances.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tree.hpp"

namespace mlcore::models {

struct ForestParams {
  int n_estimators = 100;
  bool bootstrap = true;  // false: every tree sees every row once (only max_features differs)
  TreeParams tree;        // max_features defaults differ by task: see tree_families.cpp
};

class RandomForest : public Estimator {
 public:
  RandomForest(Task task, ForestParams params);

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  // One tree per step ("tree 12 of 100").
  bool fit_step() override;
  double fit_progress() const override;
  std::string progress_message() const override;

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  // {"task", "n_classes", "n_features", "params", "trees": [FlatTree::to_json(), ...]}.
  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;
  std::vector<double> feature_importances() const override;

  const std::vector<FlatTree>& trees() const { return trees_; }

 private:
  // Sum over trees of each tree's leaf values for every row of X: rows x n_values.
  Eigen::MatrixXd summed_values(const Eigen::MatrixXd& X) const;

  Task task_;
  ForestParams params_;
  int n_classes_ = 0;
  int n_features_ = 0;
  std::vector<FlatTree> trees_;

  // Fit state, only meaningful between begin_fit and the last fit_step.
  const TrainingSet* data_ = nullptr;
  std::vector<std::uint64_t> tree_seeds_;
  BinMapper mapper_;
  BinnedData binned_;
  std::unique_ptr<TreeGrower> grower_;
  std::vector<std::int32_t> classes_;
  std::vector<std::uint32_t> rows_;
  std::vector<std::uint32_t> draws_;
};

}  // namespace mlcore::models

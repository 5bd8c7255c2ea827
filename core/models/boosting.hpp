// Histogram gradient boosting (scikit-learn 1.2's HistGradientBoostingClassifier / Regressor:
// same names and defaults). Starts from the baseline raw prediction (mean, or log-odds of the
// class priors), then each iteration fits one tree per output to the loss's gradients and
// hessians, grown best-first (largest gain next) up to max_leaf_nodes leaves, and adds
// learning_rate times its leaf values. Binary classification has one output; three or more
// classes have one per class (softmax). Early stopping holds out a seeded, stratified
// validation_fraction of the rows and stops when the validation loss has not improved by tol in
// n_iter_no_change iterations; "auto" turns it on above 10,000 rows, as scikit-learn does.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "binning.hpp"
#include "estimator.hpp"
#include "flat_tree.hpp"
#include "loss.hpp"
#include "tree_grower.hpp"

namespace mlcore::models {

struct BoostingParams {
  double learning_rate = 0.1;
  int max_iter = 100;
  int max_leaf_nodes = 31;  // 0: unlimited (null)
  int max_depth = -1;       // -1: unlimited (null)
  int min_samples_leaf = 20;
  double l2_regularization = 0.0;
  int max_bins = 255;
  std::string early_stopping = "auto";  // auto | true | false
  double validation_fraction = 0.1;
  int n_iter_no_change = 10;
  double tol = 1e-7;
};

// From resolved family parameters; missing keys keep their defaults. early_stopping may be
// "auto", "true", "false" or a JSON boolean. Throws model.bad_param.
BoostingParams boosting_params_from_json(const nlohmann::json& params);
nlohmann::json boosting_params_to_json(const BoostingParams& params);

class GradientBoosting : public Estimator {
 public:
  GradientBoosting(Task task, BoostingParams params);

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  // One iteration per step: one tree per output ("iteration 12 of 100").
  bool fit_step() override;
  double fit_progress() const override;
  std::string progress_message() const override;

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  // {"task", "n_classes", "n_features", "params", "baseline", "stopped_early", "train_loss",
  //  "validation_loss"?, "trees": [[one FlatTree per output] per iteration]}; leaf values
  // already include the learning rate.
  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;
  // Total split gain per feature, normalised (LightGBM's importance_type="gain"; scikit-learn's
  // HistGradientBoosting has no impurity importances).
  std::vector<double> feature_importances() const override;
  // {"train_loss": [...], "validation_loss": [...]}: the mean loss after each iteration
  // (regression: half the squared error, as scikit-learn); validation only with early stopping.
  nlohmann::json training_curve() const override;

  // Raw predictions (rows x outputs): baseline plus every tree's leaf value.
  Eigen::MatrixXd raw_predict(const Eigen::MatrixXd& X) const;
  int n_iter() const { return static_cast<int>(trees_.size()); }
  bool stopped_early() const { return stopped_early_; }
  const std::vector<double>& baseline() const { return baseline_; }
  const std::vector<std::vector<FlatTree>>& trees() const { return trees_; }

 private:
  bool should_stop() const;
  void finish();

  Task task_;
  BoostingParams params_;
  int n_classes_ = 0;
  int n_features_ = 0;
  Loss loss_;
  std::vector<double> baseline_;
  std::vector<std::vector<FlatTree>> trees_;
  std::vector<double> train_loss_, validation_loss_;
  bool stopped_early_ = false;

  // Fit state, only meaningful between begin_fit and the last fit_step.
  const TrainingSet* data_ = nullptr;
  bool early_stopping_ = false;
  std::vector<std::uint32_t> train_rows_, validation_rows_, rows_;
  BinMapper mapper_;
  BinnedData binned_;
  std::unique_ptr<TreeGrower> grower_;
  std::vector<double> y_train_, y_validation_, raw_train_, raw_validation_, gradients_, hessians_;
  std::vector<double> validation_scores_;  // minus the validation loss, baseline first
};

}  // namespace mlcore::models

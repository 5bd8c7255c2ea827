// The one interface every model family implements (scikit-learn's estimator contract): the
// constructor only stores parameters, fitting learns, predicting uses. Fitting is split into
// steps (a tree, a boosting iteration, a block of solver iterations) so the page can report
// progress and cancel between steps without threads; fit() runs all steps at once.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

namespace mlcore::models {

enum class Task { Classification, Regression };
const char* to_string(Task task);
Task task_from_string(
    const std::string& name);  // "classification" | "regression"; throws model.bad_task

// What a model learns from: features already preprocessed (imputed, one-hot encoded, scaled
// where the family needs it), so X has no missing values.
struct TrainingSet {
  Eigen::MatrixXd X;  // rows x features
  Eigen::VectorXd y;  // class index 0..n_classes-1, or the value to predict
  Task task = Task::Classification;
  int n_classes = 0;                       // 0 for regression
  std::vector<std::string> feature_names;  // one per column of X
};

// The class index of each row's highest score (probability, vote, log-likelihood) as predict()
// answers it; on a tie the first maximum wins, so the lowest class index, as scikit-learn.
Eigen::VectorXd class_of_highest(const Eigen::MatrixXd& scores);

class Estimator {
 public:
  virtual ~Estimator() = default;

  // Starts a fit on `data`, which must outlive the fit (the estimator keeps a pointer until the
  // last fit_step). Every random choice comes from `seed`.
  virtual void begin_fit(const TrainingSet& data, std::uint64_t seed) = 0;
  // One unit of work; returns true when the fit is complete (then it must not be called again).
  virtual bool fit_step() = 0;
  // 0 to 1, for a progress bar, and a short note such as "tree 12 of 100".
  virtual double fit_progress() const = 0;
  virtual std::string progress_message() const { return {}; }
  void fit(const TrainingSet& data, std::uint64_t seed) {
    begin_fit(data, seed);
    while (!fit_step()) {
    }
  }

  // Class index (as a double) per row for classification, the predicted value for regression.
  virtual Eigen::VectorXd predict(const Eigen::MatrixXd& X) const = 0;
  // rows x n_classes, each row summing to 1. Throws model.no_proba for regression.
  virtual Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const;

  // The fitted state, enough for from_json to predict identically (doubles round-trip exactly).
  virtual nlohmann::json to_json() const = 0;
  virtual void from_json(const nlohmann::json& j) = 0;

  // Impurity-based importances, one per feature, summing to 1, where the family has them.
  virtual std::vector<double> feature_importances() const { return {}; }
  // Per-step metrics logged during the fit, e.g. {"train_loss": [...], "validation_loss": [...]}
  // for boosting; null where the family has none.
  virtual nlohmann::json training_curve() const { return nullptr; }
};

}  // namespace mlcore::models

// Task names and the default predict_proba of the estimator interface.
#include "estimator.hpp"

#include "../error.hpp"

namespace mlcore::models {

const char* to_string(Task task) {
  return task == Task::Classification ? "classification" : "regression";
}

Task task_from_string(const std::string& name) {
  if (name == "classification") return Task::Classification;
  if (name == "regression") return Task::Regression;
  throw Error("model.bad_task", "Unknown task '" + name + "'; use classification or regression.");
}

Eigen::MatrixXd Estimator::predict_proba(const Eigen::MatrixXd&) const {
  // Regressors inherit this: a value has no class probabilities to give.
  throw Error("model.no_proba",
              "This model predicts numbers (regression), so it has no class probabilities; "
              "use its predicted values instead.");
}

Eigen::VectorXd class_of_highest(const Eigen::MatrixXd& scores) {
  Eigen::VectorXd out(scores.rows());
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    Eigen::Index best = 0;
    scores.row(r).maxCoeff(&best);  // Eigen returns the first maximum
    out[r] = static_cast<double>(best);
  }
  return out;
}

}  // namespace mlcore::models

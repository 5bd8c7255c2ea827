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

}  // namespace mlcore::models

// The target column as the model sees it: for classification, labels as text mapped to class
// indices 0..k-1 in numpy.unique's order (numbers sorted numerically, text lexicographically, as
// scikit-learn's classes_), and back; for regression, the numbers themselves. Plus the guess of
// the task from the target column that the page offers as a default.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "estimator.hpp"

namespace mlcore::models {

// Categorical or boolean -> classification; integer with at most 20 distinct values ->
// classification; anything else -> regression.
Task infer_task(const data::Column& target);

class TargetEncoder {
 public:
  // Classification: the classes are the distinct labels in `rows`; a missing label is
  // model.missing_target naming the 1-based data row. Regression: the column must be numeric
  // (model.target_not_numeric naming it).
  void fit(const data::Column& target, const std::vector<std::size_t>& rows, Task task);
  void fit(const data::Column& target, Task task);  // all rows

  // Class indices (as doubles) or values for `rows`: model.missing_target for a missing value,
  // model.unknown_class for a label the encoder was not fitted on, model.target_not_numeric.
  Eigen::VectorXd encode(const data::Column& target, const std::vector<std::size_t>& rows) const;
  Eigen::VectorXd encode(const data::Column& target) const;
  // The label of class `index` ("1" for iris class 1); model.bad_class when out of range.
  const std::string& decode(int index) const;

  Task task() const { return task_; }
  const std::string& name() const { return name_; }
  const std::vector<std::string>& classes() const { return classes_; }  // empty for regression
  int n_classes() const { return static_cast<int>(classes_.size()); }

  // {"name", "classes": [...]}; the task is stored beside it in the model file.
  nlohmann::json to_json() const;
  void from_json(const nlohmann::json& j, Task task);  // model.corrupt naming the field

 private:
  std::string name_;
  Task task_ = Task::Classification;
  std::vector<std::string> classes_;
};

}  // namespace mlcore::models

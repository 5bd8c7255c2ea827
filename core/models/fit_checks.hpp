// Checks at the edge of every estimator in this folder: a training set or a prediction matrix
// that breaks the TrainingSet contract becomes an Error a student can act on, not NaN output.
#pragma once
#include <string>

#include "estimator.hpp"

namespace mlcore::models {

// Rows present, X and y the same length, every value finite, class indices in 0..n_classes-1
// (model.no_rows, model.bad_training_set, model.not_finite, model.bad_target).
void check_training_set(const TrainingSet& data, const std::string& family);
// An estimator built for one task fed a training set of the other (model.bad_task); `what` is
// "decision tree", "random forest", ...
void check_task(Task built_for, Task data_task, const std::string& what);
// X has the number of columns the model was fitted on and only finite values
// (model.bad_shape, model.not_finite).
void check_predict_input(const Eigen::MatrixXd& X, Eigen::Index n_features,
                         const std::string& family);

}  // namespace mlcore::models

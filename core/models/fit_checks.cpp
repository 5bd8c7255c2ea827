// See fit_checks.hpp.
#include "fit_checks.hpp"

#include <cmath>

#include "../error.hpp"

namespace mlcore::models {
namespace {

// Names the first offending feature, which is what a student needs to go and fix the data.
void check_finite(const Eigen::MatrixXd& X, const std::vector<std::string>& names,
                  const std::string& family, const char* what) {
  if (X.allFinite()) return;
  for (Eigen::Index c = 0; c < X.cols(); ++c)
    for (Eigen::Index r = 0; r < X.rows(); ++r)
      if (!std::isfinite(X(r, c))) {
        const std::string name = static_cast<std::size_t>(c) < names.size()
                                     ? "'" + names[static_cast<std::size_t>(c)] + "'"
                                     : "number " + std::to_string(c + 1);
        throw Error("model.not_finite", family + " got a missing or infinite value in feature " +
                                            name + " (" + what + " row " + std::to_string(r + 1) +
                                            "); impute or drop it before fitting.");
      }
}

}  // namespace

void check_task(Task built_for, Task data_task, const std::string& what) {
  if (built_for != data_task)
    throw Error("model.bad_task", "This " + what + " was set up for " + to_string(built_for) +
                                      " but the training set is for " + to_string(data_task) + ".");
}

void check_training_set(const TrainingSet& data, const std::string& family) {
  if (data.X.rows() == 0)
    throw Error("model.no_rows",
                family + " needs at least one training row; the training set is empty.");
  if (data.y.size() != data.X.rows())
    throw Error("model.bad_training_set", family + " got " + std::to_string(data.X.rows()) +
                                              " feature rows but " + std::to_string(data.y.size()) +
                                              " target values.");
  check_finite(data.X, data.feature_names, family, "training");
  if (data.task == Task::Classification) {
    for (Eigen::Index i = 0; i < data.y.size(); ++i) {
      const double v = data.y[i];
      if (!(v >= 0 && v < data.n_classes) || std::floor(v) != v)
        throw Error("model.bad_target", family + " got class index " + std::to_string(v) +
                                            " in training row " + std::to_string(i + 1) +
                                            "; expected 0 to " +
                                            std::to_string(data.n_classes - 1) + ".");
    }
  } else if (!data.y.allFinite()) {
    throw Error("model.not_finite", family + " got a missing or infinite target value.");
  }
}

void check_predict_input(const Eigen::MatrixXd& X, Eigen::Index n_features,
                         const std::string& family) {
  if (X.cols() != n_features)
    throw Error("model.bad_shape", family + " was fitted on " + std::to_string(n_features) +
                                       " features but got " + std::to_string(X.cols()) + ".");
  check_finite(X, {}, family, "prediction");
}

}  // namespace mlcore::models

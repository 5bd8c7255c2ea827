// Gradient boosting after the fit: raw predictions, probabilities, importances, the training
// curve and the model's JSON (the fitting loop is in boosting.cpp).
#include "boosting.hpp"

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "Gradient boosting";

}  // namespace

Eigen::MatrixXd GradientBoosting::raw_predict(const Eigen::MatrixXd& X) const {
  if (baseline_.empty()) throw Error("model.not_fitted", "Fit the gradient boosting model before predicting.");
  check_predict_input(X, n_features_, kName);
  const auto outputs = static_cast<Eigen::Index>(baseline_.size());
  Eigen::MatrixXd raw(X.rows(), outputs);
  for (Eigen::Index k = 0; k < outputs; ++k) raw.col(k).setConstant(baseline_[static_cast<std::size_t>(k)]);
  for (const auto& iteration : trees_)
    for (Eigen::Index k = 0; k < outputs; ++k) {
      const FlatTree& tree = iteration[static_cast<std::size_t>(k)];
      for (Eigen::Index r = 0; r < X.rows(); ++r) raw(r, k) += tree.value(tree.leaf(X, r))[0];
    }
  return raw;
}

Eigen::MatrixXd GradientBoosting::predict_proba(const Eigen::MatrixXd& X) const {
  if (task_ != Task::Classification) return Estimator::predict_proba(X);  // throws model.no_proba
  const Eigen::MatrixXd raw = raw_predict(X);
  // Column-major raw is the loss's layout: output k of row r sits at r + k * rows.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> P(X.rows(), n_classes_);
  for (Eigen::Index r = 0; r < X.rows(); ++r)
    loss_.probabilities(raw.data() + r, static_cast<std::size_t>(X.rows()), P.row(r).data());
  return P;
}

Eigen::VectorXd GradientBoosting::predict(const Eigen::MatrixXd& X) const {
  if (task_ == Task::Regression) return raw_predict(X).col(0);
  return class_of_highest(predict_proba(X));
}

std::vector<double> GradientBoosting::feature_importances() const {
  std::vector<double> gains(static_cast<std::size_t>(n_features_), 0.0);
  for (const auto& iteration : trees_)
    for (const auto& tree : iteration) tree.add_gains(gains);
  return normalised(std::move(gains));
}

nlohmann::json GradientBoosting::training_curve() const {
  nlohmann::json curve = {{"train_loss", train_loss_}};
  if (!validation_loss_.empty()) curve["validation_loss"] = validation_loss_;
  return curve;
}

nlohmann::json GradientBoosting::to_json() const {
  nlohmann::json trees = nlohmann::json::array();
  for (const auto& iteration : trees_) {
    nlohmann::json outputs = nlohmann::json::array();
    for (const auto& tree : iteration) outputs.push_back(tree.to_json());
    trees.push_back(std::move(outputs));
  }
  nlohmann::json j = {{"task", to_string(task_)}, {"n_classes", n_classes_}, {"n_features", n_features_},
                      {"params", boosting_params_to_json(params_)}, {"baseline", baseline_},
                      {"stopped_early", stopped_early_}, {"train_loss", train_loss_}, {"trees", trees}};
  if (!validation_loss_.empty()) j["validation_loss"] = validation_loss_;
  return j;
}

void GradientBoosting::from_json(const nlohmann::json& j) {
  const Task task = task_from_string(get_string(j, "task", "model"));
  const auto n_classes = get_int(j, "n_classes", "model");
  const auto n_features = get_int(j, "n_features", "model");
  if (n_features < 0 || n_features > 100000000) throw_corrupt("model.n_features", "is out of range");
  if (task == Task::Classification && (n_classes < 2 || n_classes > 100000))
    throw_corrupt("model.n_classes", "should be at least 2");
  Loss loss;
  loss.kind = task == Task::Regression ? LossKind::SquaredError
              : n_classes == 2         ? LossKind::BinaryLogLoss
                                       : LossKind::MultinomialLogLoss;
  loss.n_outputs = loss.kind == LossKind::MultinomialLogLoss ? static_cast<int>(n_classes) : 1;
  const Eigen::VectorXd baseline = vector_from_json(j, "baseline", "model", loss.n_outputs);
  const auto& list = get_field(j, "trees", "model");
  if (!list.is_array()) throw_corrupt("model.trees", "should be a list of iterations");
  std::vector<std::vector<FlatTree>> trees;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "model.trees[" + std::to_string(i) + "]";
    if (!list[i].is_array() || list[i].size() != static_cast<std::size_t>(loss.n_outputs))
      throw_corrupt(path, "should hold one tree per output");
    std::vector<FlatTree> iteration;
    for (std::size_t k = 0; k < list[i].size(); ++k) {
      iteration.push_back(FlatTree::from_json(list[i][k], path + "[" + std::to_string(k) + "]",
                                              static_cast<int>(n_features)));
      if (iteration.back().n_values() != 1) throw_corrupt(path, "trees should hold one value per node");
    }
    trees.push_back(std::move(iteration));
  }
  auto curve = [&](const char* name) {
    std::vector<double> out;
    if (j.contains(name)) {
      const Eigen::VectorXd v = vector_from_json(j, name, "model");
      out.assign(v.data(), v.data() + v.size());
    }
    return out;
  };
  task_ = task;
  n_classes_ = task == Task::Classification ? static_cast<int>(n_classes) : 0;
  n_features_ = static_cast<int>(n_features);
  loss_ = loss;
  baseline_.assign(baseline.data(), baseline.data() + baseline.size());
  trees_ = std::move(trees);
  train_loss_ = curve("train_loss");
  validation_loss_ = curve("validation_loss");
  stopped_early_ = j.contains("stopped_early") && j.at("stopped_early").is_boolean() && j.at("stopped_early").get<bool>();
  if (j.contains("params") && j.at("params").is_object()) params_ = boosting_params_from_json(j.at("params"));
  data_ = nullptr;
  grower_.reset();
}

}  // namespace mlcore::models

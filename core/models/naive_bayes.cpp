// Gaussian naive Bayes: per-class means and variances, log-space posteriors, and the schema.
#include "naive_bayes.hpp"

#include <cmath>
#include <limits>

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"
#include "param_specs.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "Naive Bayes";
constexpr double kLog2Pi = 1.8378770664093453;  // log(2 pi)

}  // namespace

Family naive_bayes_family() {
  Family f;
  f.name = "naive_bayes";
  f.display_name = "Gaussian Naive Bayes";
  f.help = "Bayes' rule with each feature normally distributed within each class, independently.";
  f.tasks = {Task::Classification};
  f.params = {float_param(
      "var_smoothing", 1e-9, 0.0, kNoLimit,
      "Fraction of the largest feature variance added to every variance, for stability.")};
  f.make = [](const nlohmann::json& p, Task) -> std::unique_ptr<Estimator> {
    GaussianNaiveBayes::Params params;
    params.var_smoothing = p.at("var_smoothing").get<double>();
    return std::make_unique<GaussianNaiveBayes>(params);
  };
  return f;
}

void GaussianNaiveBayes::begin_fit(const TrainingSet& data, std::uint64_t) {
  if (data.task != Task::Classification)
    throw Error("model.bad_task", "Naive Bayes does classification only.");
  check_training_set(data, kName);
  data_ = &data;
}

bool GaussianNaiveBayes::fit_step() {
  if (!data_) throw Error("model.not_fitting", "fit_step called before begin_fit.");
  const Eigen::MatrixXd& X = data_->X;
  const Eigen::Index n = X.rows(), d = X.cols(), k = data_->n_classes;
  // Population variances (divide by n), as numpy's var and scikit-learn.
  const Eigen::RowVectorXd mean_all = X.colwise().mean();
  const double max_var =
      d == 0 ? 0.0 : ((X.rowwise() - mean_all).array().square().colwise().sum() / n).maxCoeff();
  double epsilon = params_.var_smoothing * max_var;
  // With every feature constant (or var_smoothing 0 and a constant feature within a class) a
  // variance would be zero and the likelihood infinite; a small floor keeps the posteriors defined.
  if (!(epsilon > 0)) epsilon = 1e-9;
  theta_ = Eigen::MatrixXd::Zero(k, d);
  var_ = Eigen::MatrixXd::Zero(k, d);
  prior_ = Eigen::VectorXd::Zero(k);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto c = static_cast<Eigen::Index>(data_->y[i]);
    theta_.row(c) += X.row(i);
    prior_[c] += 1;
  }
  for (Eigen::Index c = 0; c < k; ++c)
    if (prior_[c] > 0) theta_.row(c) /= prior_[c];
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto c = static_cast<Eigen::Index>(data_->y[i]);
    var_.row(c) += (X.row(i) - theta_.row(c)).array().square().matrix();
  }
  for (Eigen::Index c = 0; c < k; ++c)
    if (prior_[c] > 0) var_.row(c) /= prior_[c];
  // A class absent from the training rows keeps prior 0 (posterior 0) and a harmless variance.
  var_.array() += epsilon;
  prior_ /= static_cast<double>(n);
  fitted_ = true;
  data_ = nullptr;
  return true;
}

Eigen::MatrixXd GaussianNaiveBayes::joint_log_likelihood(const Eigen::MatrixXd& X) const {
  if (!fitted_) throw Error("model.not_fitted", "This naive Bayes model has not been fitted yet.");
  check_predict_input(X, theta_.cols(), kName);
  const Eigen::Index k = theta_.rows();
  Eigen::MatrixXd J(X.rows(), k);
  for (Eigen::Index c = 0; c < k; ++c) {
    if (prior_[c] <= 0) {
      J.col(c).setConstant(-std::numeric_limits<double>::infinity());
      continue;
    }
    const double norm = -0.5 * (var_.row(c).array().log() + kLog2Pi).sum();
    const Eigen::ArrayXd inv_var = var_.row(c).transpose().array().inverse();
    J.col(c) = ((X.rowwise() - theta_.row(c)).array().square().matrix() * inv_var.matrix()) * -0.5;
    J.col(c).array() += norm + std::log(prior_[c]);
  }
  return J;
}

Eigen::MatrixXd GaussianNaiveBayes::predict_proba(const Eigen::MatrixXd& X) const {
  Eigen::MatrixXd P = joint_log_likelihood(X);
  for (Eigen::Index i = 0; i < P.rows(); ++i) {
    // log-sum-exp: the likelihoods themselves underflow to 0 far from every class mean.
    const double top = P.row(i).maxCoeff();
    if (!std::isfinite(top)) {  // every likelihood underflowed past -inf: fall back on the priors
      P.row(i) = prior_.transpose();
      continue;
    }
    P.row(i) = (P.row(i).array() - top).exp().matrix();
    P.row(i) /= P.row(i).sum();
  }
  return P;
}

Eigen::VectorXd GaussianNaiveBayes::predict(const Eigen::MatrixXd& X) const {
  return class_of_highest(joint_log_likelihood(X));
}

nlohmann::json GaussianNaiveBayes::to_json() const {
  // Priors, not log priors: log(0) would be written as null.
  return {{"theta", matrix_to_json(theta_)},
          {"var", matrix_to_json(var_)},
          {"class_prior", vector_to_json(prior_)}};
}

void GaussianNaiveBayes::from_json(const nlohmann::json& j) {
  Eigen::VectorXd prior = vector_from_json(j, "class_prior", "model");
  const Eigen::Index k = prior.size();
  if (k == 0) throw_corrupt("model.class_prior", "is empty");
  Eigen::MatrixXd theta = matrix_from_json(j, "theta", "model", k);
  Eigen::MatrixXd var = matrix_from_json(j, "var", "model", k, theta.cols());
  if (!((var.array() > 0).all()))
    throw_corrupt("model.var", "holds a variance that is not positive");
  if (!((prior.array() >= 0).all())) throw_corrupt("model.class_prior", "holds a negative prior");
  theta_ = std::move(theta);
  var_ = std::move(var);
  prior_ = std::move(prior);
  fitted_ = true;
  data_ = nullptr;
}

}  // namespace mlcore::models

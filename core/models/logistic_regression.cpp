// Logistic regression: the loss, L-BFGS in blocks of iterations, and the family's schema.
#include "logistic_regression.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"
#include "param_specs.hpp"

namespace mlcore::models {
namespace {

constexpr int kIterationsPerStep = 10;
constexpr std::size_t kMemory = 10;  // L-BFGS pairs kept, scipy's default
// Stop when an iteration lowers the objective by less than this, relatively: 64 machine epsilons,
// scikit-learn's setting, so in practice only the gradient test (tol) ends a fit.
constexpr double kFtol = 64 * 2.220446049250313e-16;
const char* const kName = "Logistic regression";

// log(1 + e^z) without overflow for large z or cancellation for very negative z.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }
double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

}  // namespace

Family logistic_regression_family() {
  Family f;
  f.name = "logistic_regression";
  f.display_name = "Logistic Regression";
  f.help = "A linear model of the log-odds of each class, fitted by L-BFGS with an L2 penalty.";
  f.tasks = {Task::Classification};
  f.needs_scaling = true;  // the penalty and L-BFGS both assume features on similar scales
  f.params = {
      float_param("C", 1.0, 0.0, kNoLimit,
                  "Inverse of the regularisation strength: smaller values mean a stronger penalty.",
                  true),
      int_param("max_iter", 100, 0, kNoLimit, "Maximum number of L-BFGS iterations."),
      float_param("tol", 1e-4, 0.0, kNoLimit,
                  "Stop when no entry of the mean loss's gradient is larger than this."),
      bool_param("fit_intercept", true, "Learn a constant term per class.")};
  f.make = [](const nlohmann::json& p, Task) -> std::unique_ptr<Estimator> {
    LogisticRegression::Params params;
    params.C = p.at("C").get<double>();
    params.max_iter = p.at("max_iter").get<int>();
    params.tol = p.at("tol").get<double>();
    params.fit_intercept = p.at("fit_intercept").get<bool>();
    return std::make_unique<LogisticRegression>(params);
  };
  return f;
}

void LogisticRegression::begin_fit(const TrainingSet& data, std::uint64_t) {
  if (data.task != Task::Classification)
    throw Error("model.bad_task", "Logistic regression does classification only.");
  check_training_set(data, kName);
  if (data.n_classes < 2)
    throw Error("model.one_class",
                "Logistic regression needs at least two classes in the "
                "target; this target has only one. Choose another target.");
  data_ = &data;
  n_classes_ = data.n_classes;
  n_features_ = data.X.cols();
  n_outputs_ = n_classes_ == 2 ? 1 : n_classes_;
  const Eigen::Index n_params = n_features_ * n_outputs_ + (params_.fit_intercept ? n_outputs_ : 0);
  theta_ = Eigen::VectorXd::Zero(n_params);  // scikit-learn starts from zero too
  grad_.resize(n_params);
  s_.clear();
  y_.clear();
  train_loss_.clear();
  iter_ = 0;
  double loss = 0;
  f_ = objective(theta_, grad_, loss);
  converged_ = grad_.size() == 0 || small_gradient();
  done_ = converged_ || params_.max_iter == 0;
  unpack(theta_);
}

double LogisticRegression::objective(const Eigen::VectorXd& theta, Eigen::VectorXd& grad,
                                     double& mean_loss) const {
  const Eigen::MatrixXd& X = data_->X;
  const Eigen::Index n = X.rows(), d = n_features_, m = n_outputs_;
  Eigen::Map<const Eigen::MatrixXd> W(theta.data(), d, m);
  Eigen::MatrixXd Z = X * W;
  if (params_.fit_intercept) Z.rowwise() += theta.segment(d * m, m).transpose();
  // Z becomes the residual (probability minus indicator), whose products with X give the gradient.
  double loss = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto yi = static_cast<Eigen::Index>(data_->y[i]);
    if (m == 1) {
      const double z = Z(i, 0);
      loss += softplus(z) - (yi == 1 ? z : 0.0);
      Z(i, 0) = sigmoid(z) - (yi == 1 ? 1.0 : 0.0);
    } else {
      const double top = Z.row(i).maxCoeff();
      double sum = 0;
      for (Eigen::Index k = 0; k < m; ++k) sum += std::exp(Z(i, k) - top);
      const double lse = top + std::log(sum);
      loss += lse - Z(i, yi);
      for (Eigen::Index k = 0; k < m; ++k)
        Z(i, k) = std::exp(Z(i, k) - lse) - (k == yi ? 1.0 : 0.0);
    }
  }
  mean_loss = loss / static_cast<double>(n);
  Eigen::Map<Eigen::MatrixXd> gW(grad.data(), d, m);
  gW.noalias() = X.transpose() * Z;
  gW += W / params_.C;
  if (params_.fit_intercept) grad.segment(d * m, m) = Z.colwise().sum().transpose();
  return loss + 0.5 / params_.C * W.squaredNorm();
}

bool LogisticRegression::fit_step() {
  if (!data_) throw Error("model.not_fitting", "fit_step called before begin_fit.");
  for (int k = 0; k < kIterationsPerStep && !done_; ++k) {
    // Two-loop recursion: d = -H g with H built from the stored pairs.
    Eigen::VectorXd q = grad_;
    std::vector<double> alpha(s_.size());
    for (std::size_t i = s_.size(); i-- > 0;) {
      alpha[i] = s_[i].dot(q) / s_[i].dot(y_[i]);
      q -= alpha[i] * y_[i];
    }
    if (!s_.empty()) q *= s_.back().dot(y_.back()) / y_.back().squaredNorm();
    for (std::size_t i = 0; i < s_.size(); ++i) {
      const double beta = y_[i].dot(q) / s_[i].dot(y_[i]);
      q += (alpha[i] - beta) * s_[i];
    }
    Eigen::VectorXd dir = -q;
    double slope = grad_.dot(dir);
    if (!(slope < 0)) {  // not a descent direction (round-off): fall back to steepest descent
      s_.clear();
      y_.clear();
      dir = -grad_;
      slope = -grad_.squaredNorm();
    }
    // Backtracking line search (Armijo); the first step is scaled as scipy does, so a huge
    // initial gradient does not overflow the exponentials.
    double step = s_.empty() ? std::min(1.0, 1.0 / dir.norm()) : 1.0;
    Eigen::VectorXd theta_new, grad_new(grad_.size());
    double f_new = 0, loss = 0;
    bool accepted = false;
    for (int tries = 0; tries < 60; ++tries, step *= 0.5) {
      theta_new = theta_ + step * dir;
      f_new = objective(theta_new, grad_new, loss);
      if (f_new <= f_ + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // No representable step lowers the objective: it is at its minimum to machine precision.
      done_ = converged_ = true;
      break;
    }
    Eigen::VectorXd s = theta_new - theta_, y = grad_new - grad_;
    if (s.dot(y) > 1e-10 * y.squaredNorm()) {  // keep H positive definite
      s_.push_back(std::move(s));
      y_.push_back(std::move(y));
      if (s_.size() > kMemory) {
        s_.pop_front();
        y_.pop_front();
      }
    }
    const double reduction = (f_ - f_new) / std::max({std::fabs(f_), std::fabs(f_new), 1.0});
    theta_ = std::move(theta_new);
    grad_ = std::move(grad_new);
    f_ = f_new;
    ++iter_;
    train_loss_.push_back(loss);
    if (small_gradient() || reduction <= kFtol)
      done_ = converged_ = true;
    else if (iter_ >= params_.max_iter)
      done_ = true;
  }
  unpack(theta_);
  if (done_) {
    data_ = nullptr;
    s_.clear();
    y_.clear();
  }
  return done_;
}

bool LogisticRegression::small_gradient() const {
  return grad_.cwiseAbs().maxCoeff() / static_cast<double>(data_->X.rows()) <= params_.tol;
}

void LogisticRegression::unpack(const Eigen::VectorXd& theta) {
  const Eigen::Index d = n_features_, m = n_outputs_;
  coef_ = Eigen::Map<const Eigen::MatrixXd>(theta.data(), d, m).transpose();
  intercept_ =
      params_.fit_intercept ? Eigen::VectorXd(theta.segment(d * m, m)) : Eigen::VectorXd::Zero(m);
}

double LogisticRegression::fit_progress() const {
  if (done_) return 1.0;
  return params_.max_iter > 0 ? static_cast<double>(iter_) / params_.max_iter : 1.0;
}

std::string LogisticRegression::progress_message() const {
  std::string msg =
      "iteration " + std::to_string(iter_) + " of at most " + std::to_string(params_.max_iter);
  if (done_) msg += converged_ ? " (converged)" : " (stopped at max_iter before converging)";
  return msg;
}

Eigen::MatrixXd LogisticRegression::decision(const Eigen::MatrixXd& X) const {
  if (n_classes_ == 0)
    throw Error("model.not_fitted", "This logistic regression has not been fitted yet.");
  check_predict_input(X, coef_.cols(), kName);
  Eigen::MatrixXd Z = X * coef_.transpose();
  Z.rowwise() += intercept_.transpose();
  return Z;
}

Eigen::VectorXd LogisticRegression::predict(const Eigen::MatrixXd& X) const {
  const Eigen::MatrixXd Z = decision(X);
  if (Z.cols() > 1) return class_of_highest(Z);
  // Binary: one decision function, class 1 where it is positive.
  Eigen::VectorXd out(Z.rows());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) out[i] = Z(i, 0) > 0 ? 1.0 : 0.0;
  return out;
}

Eigen::MatrixXd LogisticRegression::predict_proba(const Eigen::MatrixXd& X) const {
  const Eigen::MatrixXd Z = decision(X);
  Eigen::MatrixXd P(Z.rows(), n_classes_);
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    if (Z.cols() == 1) {
      P(i, 1) = sigmoid(Z(i, 0));
      P(i, 0) = sigmoid(-Z(i, 0));  // not 1 - p: keeps tiny probabilities exact
    } else {
      const double top = Z.row(i).maxCoeff();
      P.row(i) = (Z.row(i).array() - top).exp().matrix();
      P.row(i) /= P.row(i).sum();
    }
  }
  return P;
}

nlohmann::json LogisticRegression::to_json() const {
  return {{"n_classes", n_classes_},
          {"coef", matrix_to_json(coef_)},
          {"intercept", vector_to_json(intercept_)},
          {"n_iter", iter_},
          {"converged", converged_},
          {"train_loss", train_loss_}};
}

void LogisticRegression::from_json(const nlohmann::json& j) {
  const auto k = get_int(j, "n_classes", "model");
  if (k < 2 || k > 1000000) throw_corrupt("model.n_classes", "should be at least 2");
  const Eigen::Index m = k == 2 ? 1 : static_cast<Eigen::Index>(k);
  Eigen::MatrixXd coef = matrix_from_json(j, "coef", "model", m);
  Eigen::VectorXd intercept = vector_from_json(j, "intercept", "model", m);
  n_classes_ = static_cast<int>(k);
  n_outputs_ = m;
  n_features_ = coef.cols();
  coef_ = std::move(coef);
  intercept_ = std::move(intercept);
  iter_ = static_cast<int>(get_int(j, "n_iter", "model"));
  converged_ = get_bool(j, "converged", "model");
  train_loss_.clear();
  if (j.contains("train_loss")) {
    const Eigen::VectorXd curve = vector_from_json(j, "train_loss", "model");
    train_loss_.assign(curve.data(), curve.data() + curve.size());
  }
  done_ = true;
  data_ = nullptr;
}

nlohmann::json LogisticRegression::training_curve() const { return {{"train_loss", train_loss_}}; }

}  // namespace mlcore::models

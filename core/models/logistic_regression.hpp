// Logistic regression with an L2 penalty, as scikit-learn 1.2's LogisticRegression(solver="lbfgs"):
// it minimises  sum_i log_loss_i + 0.5 / C * ||W||^2  (the intercept is not penalised) with
// L-BFGS; tol bounds the gradient of that objective divided by the number of rows (the mean
// loss), as current scikit-learn does, so tol means the same for 100 rows and for 100,000.
// Two classes use one weight vector and the sigmoid (scikit-learn's binary case, so C means the
// same thing); three or more use the softmax with one weight vector per class (multinomial).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "estimator.hpp"
#include "family.hpp"

namespace mlcore::models {

Family logistic_regression_family();

class LogisticRegression : public Estimator {
 public:
  struct Params {
    double C = 1.0;      // inverse of the penalty strength, > 0
    int max_iter = 100;  // L-BFGS iterations
    double tol = 1e-4;   // stop when every entry of the mean loss's gradient is at most this
    bool fit_intercept = true;
  };
  explicit LogisticRegression(Params params) : params_(params) {}

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  bool fit_step() override;
  double fit_progress() const override;
  std::string progress_message() const override;

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;
  // {"train_loss": [mean log loss after each iteration, without the penalty]}.
  nlohmann::json training_curve() const override;

  // One row per output, scikit-learn's shapes: 1 x features for two classes, classes x features
  // otherwise.
  const Eigen::MatrixXd& coef() const { return coef_; }
  const Eigen::VectorXd& intercept() const { return intercept_; }
  int n_iter() const { return iter_; }
  bool converged() const { return converged_; }

 private:
  // The objective at theta = [vec(W); b] and its gradient; also the mean log loss alone.
  double objective(const Eigen::VectorXd& theta, Eigen::VectorXd& grad, double& mean_loss) const;
  void unpack(const Eigen::VectorXd& theta);
  bool small_gradient() const;
  Eigen::MatrixXd decision(const Eigen::MatrixXd& X) const;

  Params params_;
  int n_classes_ = 0;
  Eigen::MatrixXd coef_;       // outputs x features
  Eigen::VectorXd intercept_;  // outputs
  int iter_ = 0;
  bool converged_ = false;
  std::vector<double> train_loss_;

  // Solver state, only meaningful between begin_fit and the last fit_step.
  const TrainingSet* data_ = nullptr;
  Eigen::Index n_features_ = 0, n_outputs_ = 0;
  Eigen::VectorXd theta_, grad_;
  double f_ = 0.0;
  std::deque<Eigen::VectorXd> s_, y_;  // the last few steps and gradient changes
  bool done_ = false;
};

}  // namespace mlcore::models

// Gaussian naive Bayes, as scikit-learn's GaussianNB: each feature is normal within each class,
// independently of the others; priors are the class frequencies of the training rows, and every
// variance gets var_smoothing times the largest feature variance added so none is zero.
#pragma once
#include <cstdint>
#include <string>

#include "estimator.hpp"
#include "family.hpp"

namespace mlcore::models {

Family naive_bayes_family();

class GaussianNaiveBayes : public Estimator {
 public:
  struct Params {
    double var_smoothing = 1e-9;
  };
  explicit GaussianNaiveBayes(Params params) : params_(params) {}

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  bool fit_step() override;  // one step: means and variances in one pass
  double fit_progress() const override { return data_ ? 0.0 : 1.0; }

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;

  // classes x features, scikit-learn's theta_ and var_; class_prior_.
  const Eigen::MatrixXd& means() const { return theta_; }
  const Eigen::MatrixXd& variances() const { return var_; }
  const Eigen::VectorXd& priors() const { return prior_; }

 private:
  // log P(class) + log P(x | class), rows x classes; -infinity for a class with prior 0.
  Eigen::MatrixXd joint_log_likelihood(const Eigen::MatrixXd& X) const;

  Params params_;
  const TrainingSet* data_ = nullptr;
  bool fitted_ = false;
  Eigen::MatrixXd theta_, var_;
  Eigen::VectorXd prior_;
};

}  // namespace mlcore::models

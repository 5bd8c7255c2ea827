// Linear regression: ordinary least squares (scikit-learn's LinearRegression) or, with alpha > 0,
// the L2-penalised least squares of Ridge; the intercept is never penalised.
#pragma once
#include <cstdint>
#include <string>

#include "estimator.hpp"
#include "family.hpp"

namespace mlcore::models {

Family linear_regression_family();

class LinearRegression : public Estimator {
 public:
  struct Params {
    double alpha = 0.0;  // ridge penalty; 0 = ordinary least squares
    bool fit_intercept = true;
  };
  explicit LinearRegression(Params params) : params_(params) {}

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  bool fit_step() override;  // one step: the whole solve
  double fit_progress() const override { return data_ ? 0.0 : 1.0; }
  std::string progress_message() const override { return data_ ? "solving" : "solved"; }

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;

  const Eigen::VectorXd& coef() const { return coef_; }
  double intercept() const { return intercept_; }

 private:
  Params params_;
  const TrainingSet* data_ = nullptr;
  bool fitted_ = false;
  Eigen::VectorXd coef_;
  double intercept_ = 0.0;
};

}  // namespace mlcore::models

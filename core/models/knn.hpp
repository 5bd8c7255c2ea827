// k-nearest neighbours, as scikit-learn's KNeighborsClassifier / KNeighborsRegressor with
// algorithm="brute": the fitted model is the training set itself; a prediction is the (optionally
// distance-weighted) vote share or mean of the k closest training rows under the Minkowski
// distance with p = 1 (Manhattan) or 2 (Euclidean). Equal distances go to the lower training
// row, so the result never depends on sort stability.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "estimator.hpp"
#include "family.hpp"

namespace mlcore::models {

Family knn_family();

class KNearestNeighbors : public Estimator {
 public:
  struct Params {
    int n_neighbors = 5;
    bool distance_weights = false;  // weights="distance": 1 / distance instead of 1 each
    int p = 2;                      // Minkowski power: 1 or 2
  };
  KNearestNeighbors(Params params, Task task) : params_(params), task_(task) {}

  void begin_fit(const TrainingSet& data, std::uint64_t seed) override;
  bool fit_step() override { return true; }  // begin_fit already kept the training rows
  double fit_progress() const override { return 1.0; }

  Eigen::VectorXd predict(const Eigen::MatrixXd& X) const override;
  Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X) const override;

  nlohmann::json to_json() const override;
  void from_json(const nlohmann::json& j) override;

 private:
  // Calls visit(row, neighbours) for every row of X, neighbours being (distance, training row)
  // pairs nearest first; works through X in blocks so the distance matrix stays small.
  template <class Visit>
  void for_each_neighbourhood(const Eigen::MatrixXd& X, Visit visit) const;
  // Vote weights for one neighbourhood, scikit-learn's rule for zero distances included.
  std::vector<double> weights_of(const std::vector<std::pair<double, Eigen::Index>>& nn) const;

  Params params_;
  Task task_;
  int n_classes_ = 0;
  bool fitted_ = false;
  Eigen::MatrixXd X_;  // training rows
  Eigen::VectorXd y_;  // class index or value
};

}  // namespace mlcore::models

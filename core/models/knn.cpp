// k-nearest neighbours: brute-force search in row blocks, votes and means, and the schema.
#include "knn.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"
#include "param_specs.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "k-nearest neighbours";
// Distances held at once: query block x training rows. 4M doubles = 32 MB, which a wasm heap
// can spare even with a large training set.
constexpr Eigen::Index kMaxBlockCells = 4'000'000;
constexpr Eigen::Index kMaxBlockRows = 256;

}  // namespace

Family knn_family() {
  Family f;
  f.name = "knn";
  f.display_name = "k-Nearest Neighbours";
  f.help = "Predicts from the k most similar training rows: their majority class or mean value.";
  f.tasks = {Task::Classification, Task::Regression};
  f.needs_scaling = true;  // distances are meaningless when one feature's units dwarf the others
  f.params = {
      int_param("n_neighbors", 5, 1, kNoLimit,
                "How many nearest training rows vote on each prediction."),
      choice_param(
          "weights", "uniform", {"uniform", "distance"},
          "uniform: every neighbour counts the same; distance: closer neighbours count more."),
      int_param("p", 2, 1, 2, "Distance: 1 = Manhattan, 2 = Euclidean.")};
  f.make = [](const nlohmann::json& p, Task task) -> std::unique_ptr<Estimator> {
    KNearestNeighbors::Params params;
    params.n_neighbors = p.at("n_neighbors").get<int>();
    params.distance_weights = p.at("weights").get<std::string>() == "distance";
    params.p = p.at("p").get<int>();
    return std::make_unique<KNearestNeighbors>(params, task);
  };
  return f;
}

void KNearestNeighbors::begin_fit(const TrainingSet& data, std::uint64_t) {
  check_training_set(data, kName);
  if (params_.n_neighbors > data.X.rows())
    throw Error("model.bad_param",
                "Parameter n_neighbors = " + std::to_string(params_.n_neighbors) +
                    " is more than the " + std::to_string(data.X.rows()) +
                    " training rows; choose at most " + std::to_string(data.X.rows()) + ".");
  task_ = data.task;
  n_classes_ = data.task == Task::Classification ? data.n_classes : 0;
  X_ = data.X;
  y_ = data.y;
  fitted_ = true;
}

template <class Visit>
void KNearestNeighbors::for_each_neighbourhood(const Eigen::MatrixXd& X, Visit visit) const {
  if (!fitted_)
    throw Error("model.not_fitted", "This k-nearest neighbours model has not been fitted yet.");
  check_predict_input(X, X_.cols(), kName);
  const Eigen::Index n_train = X_.rows();
  const auto k = static_cast<std::size_t>(std::min<Eigen::Index>(params_.n_neighbors, n_train));
  const Eigen::Index block =
      std::max<Eigen::Index>(1, std::min(kMaxBlockRows, kMaxBlockCells / n_train));
  const Eigen::VectorXd train_norms = X_.rowwise().squaredNorm();
  Eigen::MatrixXd D;
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n_train));
  std::vector<std::pair<double, Eigen::Index>> nn(k);
  for (Eigen::Index start = 0; start < X.rows(); start += block) {
    const Eigen::Index rows = std::min(block, X.rows() - start);
    const auto Q = X.middleRows(start, rows);
    if (params_.p == 2) {
      // |q - t|^2 = |q|^2 + |t|^2 - 2 q.t: one matrix product instead of a loop per pair.
      D.noalias() = -2.0 * Q * X_.transpose();
      D.colwise() += Q.rowwise().squaredNorm();
      D.rowwise() += train_norms.transpose();
      D = D.cwiseMax(0.0);  // round-off can dip just below zero for identical rows
    } else {
      D.resize(rows, n_train);
      for (Eigen::Index i = 0; i < rows; ++i)
        D.row(i) = (X_.rowwise() - Q.row(i)).cwiseAbs().rowwise().sum().transpose();
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      // (distance, index) order: equal distances go to the lower training row.
      auto closer = [&](Eigen::Index a, Eigen::Index b) {
        return D(i, a) < D(i, b) || (D(i, a) == D(i, b) && a < b);
      };
      std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k - 1),
                       order.end(), closer);
      std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), closer);
      for (std::size_t j = 0; j < k; ++j) {
        const double d = D(i, order[j]);
        nn[j] = {params_.p == 2 ? std::sqrt(d) : d, order[j]};
      }
      visit(start + i, nn);
    }
  }
}

std::vector<double> KNearestNeighbors::weights_of(
    const std::vector<std::pair<double, Eigen::Index>>& nn) const {
  std::vector<double> w(nn.size(), 1.0);
  if (!params_.distance_weights) return w;
  // A training row at distance zero would get an infinite weight; scikit-learn gives such rows
  // weight 1 and the others 0, which is the limit of 1/d as the query approaches them.
  const bool exact =
      std::any_of(nn.begin(), nn.end(), [](const auto& p) { return p.first == 0.0; });
  for (std::size_t j = 0; j < nn.size(); ++j)
    w[j] = exact ? (nn[j].first == 0.0 ? 1.0 : 0.0) : 1.0 / nn[j].first;
  return w;
}

Eigen::MatrixXd KNearestNeighbors::predict_proba(const Eigen::MatrixXd& X) const {
  if (task_ != Task::Classification) return Estimator::predict_proba(X);
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(X.rows(), n_classes_);
  for_each_neighbourhood(X, [&](Eigen::Index row, const auto& nn) {
    const std::vector<double> w = weights_of(nn);
    double total = 0;
    for (std::size_t j = 0; j < nn.size(); ++j) {
      P(row, static_cast<Eigen::Index>(y_[nn[j].second])) += w[j];
      total += w[j];
    }
    P.row(row) /= total;
  });
  return P;
}

Eigen::VectorXd KNearestNeighbors::predict(const Eigen::MatrixXd& X) const {
  if (task_ == Task::Classification) return class_of_highest(predict_proba(X));  // a tied vote: lower class
  Eigen::VectorXd out(X.rows());
  for_each_neighbourhood(X, [&](Eigen::Index row, const auto& nn) {
    const std::vector<double> w = weights_of(nn);
    double sum = 0, total = 0;
    for (std::size_t j = 0; j < nn.size(); ++j) {
      sum += w[j] * y_[nn[j].second];
      total += w[j];
    }
    out[row] = sum / total;
  });
  return out;
}

nlohmann::json KNearestNeighbors::to_json() const {
  // The training rows are the model, so the file grows with the training set.
  return {{"task", to_string(task_)},
          {"n_classes", n_classes_},
          {"X", matrix_to_json(X_)},
          {"y", vector_to_json(y_)}};
}

void KNearestNeighbors::from_json(const nlohmann::json& j) {
  Task task;
  try {
    task = task_from_string(get_string(j, "task", "model"));
  } catch (const Error& e) {
    if (e.code() == "model.corrupt") throw;
    throw_corrupt("model.task", "should be classification or regression");
  }
  const auto k = get_int(j, "n_classes", "model");
  Eigen::MatrixXd X = matrix_from_json(j, "X", "model");
  Eigen::VectorXd y = vector_from_json(j, "y", "model", X.rows());
  if (X.rows() == 0) throw_corrupt("model.X", "holds no training rows");
  if (task == Task::Classification)
    for (Eigen::Index i = 0; i < y.size(); ++i)
      if (!(y[i] >= 0 && y[i] < static_cast<double>(k)) || std::floor(y[i]) != y[i])
        throw_corrupt("model.y", "holds a class index outside 0.." + std::to_string(k - 1));
  task_ = task;
  n_classes_ = static_cast<int>(k);
  X_ = std::move(X);
  y_ = std::move(y);
  fitted_ = true;
}

}  // namespace mlcore::models

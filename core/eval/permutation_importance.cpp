// See permutation_importance.hpp.
#include "permutation_importance.hpp"

#include <cmath>

#include "../data/random.hpp"
#include "metrics_classification.hpp"
#include "metrics_regression.hpp"

namespace mlcore::eval {
namespace {

double score(const models::Estimator& model, const Eigen::MatrixXd& X, const Eigen::VectorXd& truth, models::Task task) {
  const Eigen::VectorXd pred = model.predict(X);
  if (task == models::Task::Regression) return r2_score(truth, pred);
  Eigen::Index same = 0;
  for (Eigen::Index i = 0; i < pred.size(); ++i) same += std::lround(pred[i]) == std::lround(truth[i]);
  return static_cast<double>(same) / static_cast<double>(pred.size());
}

}  // namespace

PermutationImportance permutation_importance(const models::Estimator& model, const models::Preprocessor& pre,
                                             const data::Table& table, const std::vector<std::size_t>& rows,
                                             const Eigen::VectorXd& truth, models::Task task, std::uint64_t seed,
                                             int n_repeats, std::size_t max_rows) {
  data::Rng rng(seed ^ 0x9e3779b97f4a7c15ull);
  std::vector<std::size_t> pick(rows.size());
  for (std::size_t i = 0; i < pick.size(); ++i) pick[i] = i;
  if (pick.size() > max_rows) {
    rng.shuffle(pick);
    pick.resize(max_rows);
  }
  std::vector<std::size_t> sample(pick.size());
  Eigen::VectorXd y(static_cast<Eigen::Index>(pick.size()));
  for (std::size_t i = 0; i < pick.size(); ++i) {
    sample[i] = rows[pick[i]];
    y[static_cast<Eigen::Index>(i)] = truth[static_cast<Eigen::Index>(pick[i])];
  }
  const Eigen::MatrixXd X = pre.transform(table, sample);
  const double baseline = score(model, X, y, task);

  PermutationImportance out;
  Eigen::Index col = 0;
  for (const auto& f : pre.features()) {
    const Eigen::Index width = f.type == data::ColumnType::Categorical ? static_cast<Eigen::Index>(f.categories.size()) : 1;
    std::vector<double> drops;
    for (int r = 0; r < n_repeats && width > 0; ++r) {
      Eigen::MatrixXd shuffled = X;
      const auto perm = rng.permutation(sample.size());
      for (std::size_t i = 0; i < perm.size(); ++i)
        shuffled.block(static_cast<Eigen::Index>(i), col, 1, width) = X.block(static_cast<Eigen::Index>(perm[i]), col, 1, width);
      drops.push_back(baseline - score(model, shuffled, y, task));
    }
    double mean = 0, ss = 0;
    for (double d : drops) mean += d;
    mean = drops.empty() ? 0 : mean / static_cast<double>(drops.size());
    for (double d : drops) ss += (d - mean) * (d - mean);
    out.features.push_back(f.name);
    out.mean.push_back(mean);
    out.std.push_back(drops.empty() ? 0 : std::sqrt(ss / static_cast<double>(drops.size())));
    col += width;
  }
  return out;
}

}  // namespace mlcore::eval

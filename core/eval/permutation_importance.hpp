// Permutation importance (scikit-learn's sklearn.inspection.permutation_importance): how much
// the score drops when one feature's values are shuffled across rows, breaking its link to the
// target. Works for any model; the one-hot columns of a categorical feature move together.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "../data/table.hpp"
#include "../models/estimator.hpp"
#include "../models/preprocess.hpp"

namespace mlcore::eval {

struct PermutationImportance {
  std::vector<std::string> features;  // the original feature names
  std::vector<double> mean, std;      // score drop (accuracy or R^2) over the repeats
};

// `truth` holds the encoded target of `rows`. At most `max_rows` rows are used (a seeded sample)
// so a large test part stays quick.
PermutationImportance permutation_importance(const models::Estimator& model, const models::Preprocessor& pre,
                                             const data::Table& table, const std::vector<std::size_t>& rows,
                                             const Eigen::VectorXd& truth, models::Task task, std::uint64_t seed,
                                             int n_repeats = 5, std::size_t max_rows = 2000);

}  // namespace mlcore::eval

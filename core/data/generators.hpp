// Seeded synthetic datasets: classification and regression tables in the spirit of
// scikit-learn's make_classification / make_regression (same parameter names and defaults, not
// the same numbers), plus the fixed-shape table the CSV benchmark parses. Same spec, same table,
// natively and in wasm (see random.hpp for what that rests on).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "table.hpp"

namespace mlcore::data {

struct ClassificationSpec {
  std::size_t n_samples = 100;
  std::size_t n_features = 20;
  // The first n_informative columns (f0, f1, ...) carry the classes; the rest are pure noise,
  // so a feature-importance plot has a known right answer.
  std::size_t n_informative = 2;
  std::size_t n_classes = 2;  // at most 2^n_informative: each class sits on its own cube vertex
  double class_sep = 1.0;     // half the side of the cube whose vertices are the class centres
  double flip_y = 0.01;       // fraction of rows whose label is redrawn at random (label noise)
  std::uint64_t seed = 0;
};

// Columns f0..f{n_features-1} (float) and `target` (integer, 0..n_classes-1). Classes are as
// balanced as n_samples allows before flip_y; rows come shuffled.
// Throws generators.invalid_parameter naming the parameter.
Table make_classification(const ClassificationSpec& spec);

struct RegressionSpec {
  std::size_t n_samples = 100;
  std::size_t n_features = 100;
  std::size_t n_informative = 10;  // the first n_informative columns get non-zero weights
  double noise = 0.0;              // standard deviation of the Gaussian noise added to target
  double bias = 0.0;               // intercept
  std::uint64_t seed = 0;
};

// Columns f0..f{n_features-1} (float, standard normal) and `target` (float) with
// target = X·w + bias + noise·N(0, 1).
// Throws generators.invalid_parameter naming the parameter.
Table make_regression(const RegressionSpec& spec);
// The true weights w that make_regression(spec) uses (n_features values, zero past
// n_informative): the answer a linear model should find.
std::vector<double> regression_coefficients(const RegressionSpec& spec);

// The CSV benchmark's table: f0..f7 (float, of different scales and decimal places, like
// measured data), `count` (integer) and `category` (categorical, 5 values). No missing values.
Table make_csv_bench_table(std::size_t rows, std::uint64_t seed);

}  // namespace mlcore::data

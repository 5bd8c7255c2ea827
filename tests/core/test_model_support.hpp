// Helpers shared by the model tests: hand-built columns and catching the error a call throws (from
// table_builders.hpp and error_checks.hpp), the built-in datasets, and training a model bundle the
// way the app does (preprocess the training rows, encode the target, fit).
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/data/csv_reader.hpp"
#include "core/error.hpp"
#include "core/models/family.hpp"
#include "core/models/model_file.hpp"
#include "error_checks.hpp"
#include "table_builders.hpp"

namespace model_test {

using mlcore::data::Column;
using mlcore::data::ColumnType;
using mlcore::data::Table;
using mlplay_test::categorical;
using mlplay_test::error_code;
using mlplay_test::numeric;

inline Table dataset(const std::string& file) {
  std::ifstream in(std::string(MLPLAY_SOURCE_DIR) + "/datasets/" + file, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return mlcore::data::read_csv(ss.str()).table;
}

inline std::vector<std::size_t> rows_where(std::size_t n,
                                           const std::function<bool(std::size_t)>& keep) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < n; ++r)
    if (keep(r)) rows.push_back(r);
  return rows;
}

// The given rows of t, as a table of their own.
inline Table take_rows(const Table& t, const std::vector<std::size_t>& rows) {
  Table out;
  for (const auto& c : t.columns) {
    Column col = c;
    col.numbers.clear();
    col.codes.clear();
    for (std::size_t r : rows) {
      if (c.type == ColumnType::Categorical)
        col.codes.push_back(c.codes[r]);
      else
        col.numbers.push_back(c.numbers[r]);
    }
    out.columns.push_back(std::move(col));
  }
  return out;
}

// A TrainingSet from a plain matrix and targets, for testing an estimator on its own.
inline mlcore::models::TrainingSet training_set(Eigen::MatrixXd X, Eigen::VectorXd y,
                                                mlcore::models::Task task, int n_classes) {
  mlcore::models::TrainingSet ts;
  ts.X = std::move(X);
  ts.y = std::move(y);
  ts.task = task;
  ts.n_classes = n_classes;
  for (Eigen::Index c = 0; c < ts.X.cols(); ++c)
    ts.feature_names.push_back("x" + std::to_string(c + 1));
  return ts;
}

inline mlcore::models::ModelBundle train_bundle(
    const Table& t, const std::string& target, const std::vector<std::string>& features,
    const std::string& family_name, const nlohmann::json& given_params, mlcore::models::Task task,
    const std::vector<std::size_t>& rows, std::uint64_t seed = 0) {
  using namespace mlcore::models;
  const Family& family = find_family(family_name);
  ModelBundle b;
  b.family = family_name;
  b.task = task;
  b.params = resolve_params(family, given_params, task);
  PreprocessOptions o;
  o.scale = family.needs_scaling;
  b.pre.fit(t, features, rows, o);
  b.target.fit(t.column(target), rows, task);
  TrainingSet ts;
  ts.X = b.pre.transform(t, rows);
  ts.y = b.target.encode(t.column(target), rows);
  ts.task = task;
  ts.n_classes = b.target.n_classes();
  ts.feature_names = b.pre.output_names();
  b.estimator = family.make(b.params, task);
  b.estimator->fit(ts, seed);
  return b;
}

}  // namespace model_test

// Preprocessing: imputation by each strategy, one-hot blocks, scaling, training rows only, columns
// found by name, and the errors a student sees when a prediction table does not match.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/models/preprocess.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using mlcore::data::ColumnType;
using mlcore::data::Table;
using model_test::categorical;
using model_test::error_code;
using model_test::numeric;
using mlplay_test::NA;

namespace {

// x: 1 1 NA 2 9; island: Biscoe Dream NA Biscoe Torgersen (codes into first-seen categories).
Table small() {
  Table t;
  t.columns.push_back(numeric("x", {1, 1, NA, 2, 9}));
  t.columns.push_back(categorical("island", {"Dream", "Biscoe", "Torgersen"}, {1, 0, -1, 1, 2}));
  return t;
}

const std::vector<std::size_t> kAll = {0, 1, 2, 3, 4};

Preprocessor fit(const Table& t, std::vector<std::string> features, std::string impute,
                 bool scale = false, const std::vector<std::size_t>& rows = kAll) {
  Preprocessor p;
  PreprocessOptions o;
  o.impute = std::move(impute);
  o.scale = scale;
  p.fit(t, features, rows, o);
  return p;
}

}  // namespace

TEST_CASE("numeric imputation uses the mean, median or most frequent training value",
          "[preprocess]") {
  // Known values 1 1 2 9: mean 13/4 = 3.25; median (1 + 2) / 2 = 1.5; most frequent 1.
  const Table t = small();
  CHECK(fit(t, {"x"}, "mean").transform(t)(2, 0) == 3.25);
  CHECK(fit(t, {"x"}, "median").transform(t)(2, 0) == 1.5);
  CHECK(fit(t, {"x"}, "most_frequent").transform(t)(2, 0) == 1.0);
  // Known values stay as they are.
  CHECK(fit(t, {"x"}, "mean").transform(t)(4, 0) == 9.0);
}

TEST_CASE("most_frequent takes the smallest value among ties", "[preprocess]") {
  Table t;
  t.columns.push_back(numeric("x", {5, 3, 5, 3, NA}));
  CHECK(fit(t, {"x"}, "most_frequent").transform(t)(4, 0) == 3.0);
}

TEST_CASE("imputation is learnt from the training rows only", "[preprocess]") {
  // Rows 0, 2, 3: known values 1 and 2 -> mean 1.5, whatever row 4 (9) holds.
  const Table t = small();
  CHECK(fit(t, {"x"}, "mean", false, {0, 2, 3}).transform(t)(2, 0) == 1.5);
}

TEST_CASE("categorical columns become sorted one-hot blocks with the mode imputed",
          "[preprocess]") {
  const Table t = small();
  const Preprocessor p = fit(t, {"x", "island"}, "mean");
  CHECK(p.output_names() ==
        std::vector<std::string>{"x", "island=Biscoe", "island=Dream", "island=Torgersen"});
  REQUIRE(p.features().size() == 2);
  CHECK(p.features()[1].type == ColumnType::Categorical);
  CHECK(p.features()[1].categories == std::vector<std::string>{"Biscoe", "Dream", "Torgersen"});
  const Eigen::MatrixXd X = p.transform(t);
  Eigen::MatrixXd expected(5, 4);
  expected << 1, 1, 0, 0,  //
      1, 0, 1, 0,          //
      3.25, 1, 0, 0,       // both missing: mean 3.25, and Biscoe (2 of 4) is the most frequent
      2, 1, 0, 0,          //
      9, 0, 0, 1;
  CHECK(X == expected);
}

TEST_CASE("an unseen category at prediction time gives zeros in its block", "[preprocess]") {
  const Table t = small();
  const Preprocessor p = fit(t, {"island"}, "mean");
  Table later;
  later.columns.push_back(categorical("island", {"Biscoe", "Atlantis"}, {1, 0}));
  const Eigen::MatrixXd X = p.transform(later);
  CHECK(X.row(0) == Eigen::RowVector3d(0, 0, 0));
  CHECK(X.row(1) == Eigen::RowVector3d(1, 0, 0));
}

TEST_CASE("a category only present outside the training rows is not a training category",
          "[preprocess]") {
  const Table t = small();
  const Preprocessor p = fit(t, {"island"}, "mean", false, {0, 1, 2, 3});
  CHECK(p.output_names() == std::vector<std::string>{"island=Biscoe", "island=Dream"});
}

TEST_CASE("scaling subtracts the training mean and divides by the population std", "[preprocess]") {
  // x = 1 2 3: mean 2, std sqrt(2/3). A constant column keeps std 1 (no division by zero).
  Table t;
  t.columns.push_back(numeric("x", {1, 2, 3}));
  t.columns.push_back(numeric("c", {4, 4, 4}));
  const Preprocessor p = fit(t, {"x", "c"}, "mean", true, {0, 1, 2});
  const Eigen::MatrixXd X = p.transform(t);
  const double s = std::sqrt(2.0 / 3.0);
  CHECK(X(0, 0) == Approx(-1 / s));
  CHECK(X(1, 0) == Approx(0.0).margin(1e-15));
  CHECK(X(2, 0) == Approx(1 / s));
  CHECK(X.col(1) == Eigen::Vector3d::Zero());
}

TEST_CASE("prediction tables are matched by column name and may convert types", "[preprocess]") {
  const Table t = small();
  const Preprocessor p = fit(t, {"x", "island"}, "mean");
  // Reordered, with an extra column, x read as text: still the same matrix.
  Table later;
  later.columns.push_back(numeric("extra", {0, 0}));
  later.columns.push_back(categorical("island", {"Dream"}, {0, 0}));
  later.columns.push_back(categorical("x", {"2.5", ""}, {0, -1}));
  const Eigen::MatrixXd X = p.transform(later);
  CHECK(X.row(0) == Eigen::RowVector4d(2.5, 0, 1, 0));
  CHECK(X.row(1) == Eigen::RowVector4d(3.25, 0, 1, 0));

  Table missing;
  missing.columns.push_back(categorical("island", {"Dream"}, {0}));
  CHECK(error_code([&] { p.transform(missing); }) == "model.missing_feature");

  Table wrong;
  wrong.columns.push_back(categorical("x", {"heavy"}, {0}));
  wrong.columns.push_back(categorical("island", {"Dream"}, {0}));
  CHECK(error_code([&] { p.transform(wrong); }) == "model.bad_feature_type");
}

TEST_CASE("booleans and datetimes become numbers, infinity is imputed like a missing value",
          "[preprocess]") {
  Table t;
  t.columns.push_back(numeric("flag", {1, 0, 1}, ColumnType::Boolean));
  t.columns.push_back(
      numeric("when", {0, 86400, std::numeric_limits<double>::infinity()}, ColumnType::Datetime));
  const Eigen::MatrixXd X = fit(t, {"flag", "when"}, "mean", false, {0, 1, 2}).transform(t);
  CHECK(X.col(0) == Eigen::Vector3d(1, 0, 1));
  CHECK(X.col(1) == Eigen::Vector3d(0, 86400, 43200));
}

TEST_CASE("preprocessing fit errors name the problem", "[preprocess]") {
  const Table t = small();
  CHECK(error_code([&] { fit(t, {"nope"}, "mean"); }) == "data.unknown_column");
  CHECK(error_code([&] { fit(t, {"x"}, "mode"); }) == "model.bad_param");
  CHECK(error_code([&] { fit(t, {}, "mean"); }) == "model.no_features");
  CHECK(error_code([&] { fit(t, {"x", "x"}, "mean"); }) == "model.duplicate_feature");
}

TEST_CASE("preprocessing round-trips through JSON", "[preprocess]") {
  const Table t = small();
  const Preprocessor p = fit(t, {"x", "island"}, "median", true);
  Preprocessor q;
  q.from_json(nlohmann::json::parse(p.to_json().dump()));
  CHECK(q.output_names() == p.output_names());
  CHECK(q.transform(t) == p.transform(t));
  nlohmann::json broken = p.to_json();
  broken["columns"][1]["fill"] = "Atlantis";
  CHECK(error_code([&] { q.from_json(broken); }) == "model.corrupt");
}

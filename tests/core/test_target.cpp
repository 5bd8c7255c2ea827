// The target encoder (numpy.unique's class order, text labels back) and the task guess.
#include <catch2/catch.hpp>

#include <limits>

#include "core/models/target.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using mlcore::data::ColumnType;
using model_test::categorical;
using model_test::error_code;
using model_test::numeric;

TEST_CASE("numeric labels are ordered as numbers, text labels as text", "[preprocess]") {
  TargetEncoder numbers;
  numbers.fit(numeric("y", {10, 2, 1, 2}, ColumnType::Integer), Task::Classification);
  CHECK(numbers.classes() == std::vector<std::string>{"1", "2", "10"});  // not "1", "10", "2"
  CHECK(numbers.encode(numeric("y", {10, 2, 1, 2}, ColumnType::Integer)) ==
        Eigen::Vector4d(2, 1, 0, 1));
  CHECK(numbers.decode(1) == "2");

  TargetEncoder text;
  text.fit(categorical("y", {"b", "a", "c"}, {0, 1, 2, 0}), Task::Classification);
  CHECK(text.classes() == std::vector<std::string>{"a", "b", "c"});
  CHECK(text.encode(categorical("y", {"c", "a"}, {0, 1})) == Eigen::Vector2d(2, 0));
  CHECK(error_code([&] { text.decode(3); }) == "model.bad_class");
}

TEST_CASE("iris class 1 decodes to \"1\", whether read as integer or float", "[preprocess]") {
  TargetEncoder e;
  e.fit(numeric("Species", {0, 1, 2}, ColumnType::Integer), Task::Classification);
  CHECK(e.decode(1) == "1");
  CHECK(e.encode(numeric("Species", {1.0}, ColumnType::Float))[0] == 1.0);
}

TEST_CASE("a missing target names its 1-based data row", "[preprocess]") {
  const double NA = std::numeric_limits<double>::quiet_NaN();
  TargetEncoder e;
  try {
    e.fit(numeric("y", {1, NA, 2}), Task::Classification);
    FAIL("accepted a missing target");
  } catch (const mlcore::Error& err) {
    CHECK(err.code() == "model.missing_target");
    CHECK(std::string(err.what()).find("row 2") != std::string::npos);
  }
  CHECK(error_code([&] {
          e.fit(categorical("y", {"a"}, {0, -1}), Task::Classification);
        }) == "model.missing_target");
}

TEST_CASE("a label never seen in training is an error, not a wrong class", "[preprocess]") {
  TargetEncoder e;
  e.fit(categorical("y", {"a", "b"}, {0, 1}), Task::Classification);
  CHECK(error_code([&] { e.encode(categorical("y", {"z"}, {0})); }) == "model.unknown_class");
}

TEST_CASE("regression needs a numeric target and passes the values through", "[preprocess]") {
  TargetEncoder e;
  CHECK(error_code([&] { e.fit(categorical("y", {"a"}, {0}), Task::Regression); }) ==
        "model.target_not_numeric");
  e.fit(numeric("y", {1.5, -2}), Task::Regression);
  CHECK(e.n_classes() == 0);
  CHECK(e.encode(numeric("y", {1.5, -2})) == Eigen::Vector2d(1.5, -2));
}

TEST_CASE("the task is guessed from the target column", "[preprocess]") {
  CHECK(infer_task(categorical("y", {"a"}, {0})) == Task::Classification);
  CHECK(infer_task(numeric("y", {0, 1}, ColumnType::Boolean)) == Task::Classification);
  std::vector<double> twenty, twenty_one;
  for (int i = 0; i < 20; ++i) twenty.push_back(i), twenty_one.push_back(i);
  twenty_one.push_back(20);
  CHECK(infer_task(numeric("y", twenty, ColumnType::Integer)) == Task::Classification);
  CHECK(infer_task(numeric("y", twenty_one, ColumnType::Integer)) == Task::Regression);
  CHECK(infer_task(numeric("y", {0, 1}, ColumnType::Float)) == Task::Regression);
}

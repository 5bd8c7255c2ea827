// Models and helpers for the scoring tests: Iris models trained in-process the way the app
// trains them, a model with one feature of every type, and a shorthand for calling the endpoint.
#pragma once
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/serve/scoring.hpp"
#include "test_model_support.hpp"

namespace scoring_test {

using mlcore::models::ModelBundle;
using mlcore::models::Task;
using mlcore::serve::ScoringResponse;

inline const char* kTutorialRecord =
    R"({"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4, "PetalWidthCm": 1.4})";

inline const std::vector<std::string>& iris_features() {
  static const std::vector<std::string> f = {"SepalLengthCm", "SepalWidthCm", "PetalLengthCm", "PetalWidthCm"};
  return f;
}

inline const mlcore::data::Table& iris() {
  static const mlcore::data::Table t = model_test::dataset("iris.csv");
  return t;
}

// A decision tree on the four measurements, every row.
inline const ModelBundle& iris_tree() {
  static const ModelBundle b = model_test::train_bundle(
      iris(), "Species", iris_features(), "decision_tree", {}, Task::Classification,
      model_test::rows_where(150, [](std::size_t) { return true; }));
  return b;
}

// A depth-2 tree on petal width alone: the textbook Iris tree, checkable by hand. Setosa's petals
// are at most 0.6 cm wide and versicolor's at least 1.0, so the first split isolates setosa; the
// second, between versicolor and virginica, falls at 1.75 cm, where scikit-learn puts it.
inline const ModelBundle& petal_width_tree() {
  static const ModelBundle b = model_test::train_bundle(
      iris(), "Species", {"PetalWidthCm"}, "decision_tree", {{"max_depth", 2}}, Task::Classification,
      model_test::rows_where(150, [](std::size_t) { return true; }));
  return b;
}

// Linear regression of petal width on petal length.
inline const ModelBundle& petal_regression() {
  static const ModelBundle b = model_test::train_bundle(
      iris(), "PetalWidthCm", {"PetalLengthCm"}, "linear_regression", {}, Task::Regression,
      model_test::rows_where(150, [](std::size_t) { return true; }));
  return b;
}

// One feature of each type: n integer, flag boolean, colour categorical, day datetime, x float.
inline const ModelBundle& typed_model() {
  using mlcore::data::ColumnType;
  static const ModelBundle b = [] {
    mlcore::data::Table t;
    t.columns = {model_test::numeric("n", ColumnType::Integer, {1, 2, 3, 4, 5, 6}),
                 model_test::numeric("flag", ColumnType::Boolean, {0, 1, 0, 1, 0, 1}),
                 model_test::categorical("colour", {"red", "green"}, {0, 1, 0, 1, 1, 0}),
                 model_test::numeric("day", ColumnType::Datetime, {0, 86400, 172800, 259200, 345600, 432000}),
                 model_test::numeric("x", {0.5, 1.5, 2.5, 3.5, 4.5, 5.5}),
                 model_test::categorical("label", {"lo", "hi"}, {0, 0, 0, 1, 1, 1})};
    return model_test::train_bundle(t, "label", {"n", "flag", "colour", "day", "x"}, "decision_tree", {},
                                    Task::Classification, {0, 1, 2, 3, 4, 5});
  }();
  return b;
}

inline ScoringResponse post(const ModelBundle& m, const std::string& path, const std::string& body,
                            const std::string& content_type = "application/json") {
  return mlcore::serve::score(m, {"POST", path, content_type, body});
}

inline nlohmann::json body_of(const ScoringResponse& r) {
  INFO(r.body);
  return nlohmann::json::parse(r.body);
}

// The value of a response header, "" when absent.
inline std::string header(const ScoringResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

// A 400's checks: the code, the field and row it names, and that the message names them too.
inline void check_bad_request(const ScoringResponse& r, const std::string& code, const std::string& field = "",
                              std::size_t row = 0) {
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.content_type == "application/json");
  const auto j = nlohmann::json::parse(r.body);
  CHECK(j["error_code"] == "BAD_REQUEST");
  CHECK(j["code"] == code);
  const std::string message = j["message"];
  if (!field.empty()) {
    CHECK(j["field"] == field);
    CHECK(message.find("'" + field + "'") != std::string::npos);
  } else {
    CHECK_FALSE(j.contains("field"));
  }
  if (row) {
    CHECK(j["row"] == row);
    CHECK(message.find("Row " + std::to_string(row)) != std::string::npos);
  } else {
    CHECK_FALSE(j.contains("row"));
  }
}

}  // namespace scoring_test

// The model file: save -> JSON text -> load predicts identically; doubles round-trip bit for bit;
// newer schemas and damaged files fail with their codes.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/models/model_file.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::error_code;

namespace {

const std::vector<std::string> kPenguinFeatures = {"island", "beak_length_mm", "beak_depth_mm",
                                                   "flipper_length_mm", "sex"};

ModelBundle penguin_model() {
  const auto t = model_test::dataset("penguins.csv");
  const auto even = model_test::rows_where(t.rows(), [](std::size_t r) { return r % 2 == 0; });
  auto b = model_test::train_bundle(t, "species", kPenguinFeatures, "logistic_regression", {},
                                    Task::Classification, even);
  b.dataset = {{"name", "penguins"}, {"version", 1}, {"hash", "abc"}};
  b.metrics = {{"accuracy", 0.97}};
  return b;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("doubles survive JSON text bit for bit", "[model_file]") {
  const double values[] = {0.1,
                           1.0 / 3,
                           2.0 / 3,
                           3.141592653589793,
                           1e-300,
                           4.9406564584124654e-324,
                           DBL_MIN,
                           DBL_MAX,
                           -0.0,
                           std::nextafter(1.0, 2.0),
                           123456789.12345679,
                           -7e22};
  nlohmann::json j = nlohmann::json::array();
  for (double v : values) j.push_back(v);
  const nlohmann::json back = nlohmann::json::parse(j.dump());
  for (std::size_t i = 0; i < std::size(values); ++i) {
    INFO(j[i].dump());
    CHECK(same_bits(back[i].get<double>(), values[i]));
  }
}

TEST_CASE("a saved model loads from its JSON text and predicts identically on 100 rows",
          "[model_file]") {
  const ModelBundle b = penguin_model();
  const std::string text = save_model(b).dump();
  const ModelBundle loaded = load_model_text(text);
  CHECK(loaded.family == "logistic_regression");
  CHECK(loaded.task == Task::Classification);
  CHECK(loaded.dataset["name"] == "penguins");
  CHECK(loaded.metrics["accuracy"] == 0.97);
  CHECK(loaded.target.classes() == std::vector<std::string>{"Adelie", "Chinstrap", "Gentoo"});

  const auto t = model_test::dataset("penguins.csv");
  // 100 rows spread over the file, half of them never seen in training (odd rows).
  const auto sample = model_test::take_rows(
      t, model_test::rows_where(t.rows(), [](std::size_t r) { return r % 3 == 1 && r < 300; }));
  REQUIRE(sample.rows() == 100);
  const Predictions before = predict_table(b, sample), after = predict_table(loaded, sample);
  CHECK(after.labels == before.labels);
  CHECK(after.values == before.values);
  CHECK(after.proba == before.proba);  // exact equality, not approximate
  CHECK(after.classes == before.classes);
  // And the model is a good one: species from beak and flipper is nearly separable.
  int right = 0;
  for (std::size_t i = 0; i < 100; ++i) right += before.labels[i] == sample.columns[0].text(i);
  CHECK(right >= 95);
}

TEST_CASE("the model file has the documented fields", "[model_file]") {
  const nlohmann::json j = save_model(penguin_model());
  CHECK(j["schema_version"] == 1);
  CHECK(j["format"] == "mlplay.model");
  CHECK(j["family"] == "logistic_regression");
  CHECK(j["task"] == "classification");
  CHECK(j["params"]["C"] == 1.0);
  CHECK(j["target"]["name"] == "species");
  CHECK(j["features"].size() == 5);
  CHECK(j["features"][0] == nlohmann::json{{"name", "island"},
                                           {"type", "categorical"},
                                           {"categories", {"Biscoe", "Dream", "Torgersen"}}});
  CHECK(j["preprocessing"]["scale"] == true);
  CHECK(j["model"].contains("coef"));
  CHECK(j["dataset"]["hash"] == "abc");
}

TEST_CASE("a file from a newer schema says which version this build reads", "[model_file]") {
  nlohmann::json j = save_model(penguin_model());
  j["schema_version"] = 2;
  try {
    load_model(j);
    FAIL("loaded a newer file");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "model.schema_newer");
    CHECK(std::string(e.what()).find("reads schema_version 1") != std::string::npos);
  }
}

TEST_CASE("a truncated or damaged model file is model.corrupt", "[model_file]") {
  const nlohmann::json good = save_model(penguin_model());
  const std::string text = good.dump();
  CHECK(error_code([&] { load_model_text(text.substr(0, text.size() / 2)); }) == "model.corrupt");
  CHECK(error_code([&] { load_model_text(""); }) == "model.corrupt");

  auto damaged = [&](const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = good;
    edit(j);
    return error_code([&] { load_model(j); });
  };
  CHECK(damaged([](auto& j) { j.erase("model"); }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j.erase("schema_version"); }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["format"] = "something else"; }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["model"]["coef"][0][0] = "x"; }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["model"]["coef"][0].erase(0); }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["features"].erase(0); }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["target"]["classes"].erase(0); }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["params"]["C"] = -1; }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["task"] = "clustering"; }) == "model.corrupt");
  CHECK(damaged([](auto& j) { j["family"] = "svm"; }) == "model.unknown_family");
  try {
    nlohmann::json j = good;
    j["model"].erase("intercept");
    load_model(j);
    FAIL("loaded a model without an intercept");
  } catch (const mlcore::Error& e) {
    CHECK(std::string(e.what()).find("'model.intercept'") != std::string::npos);
  }
}

TEST_CASE("regression predictions come back as values without labels or probabilities",
          "[model_file]") {
  const auto t = model_test::dataset("diabetes.csv");
  std::vector<std::string> features;
  for (const auto& c : t.columns)
    if (c.name != "progression") features.push_back(c.name);
  const auto all = model_test::rows_where(t.rows(), [](std::size_t) { return true; });
  const ModelBundle b = model_test::train_bundle(t, "progression", features, "linear_regression",
                                                 {}, Task::Regression, all);
  const ModelBundle loaded = load_model_text(save_model(b).dump());
  const Predictions p = predict_table(loaded, t);
  CHECK(p.labels.empty());
  CHECK(p.proba.size() == 0);
  CHECK(p.values == predict_table(b, t).values);
}

// Family registry and parameter validation: defaults, types, ranges, tasks, the schema the page
// builds its form from, and command-line values.
#include <catch2/catch.hpp>

#include "core/models/family.hpp"
#include "core/models/param_specs.hpp"
#include "test_model_support.hpp"

using namespace mlcore::models;
using model_test::error_code;

namespace {

// A family with one parameter per kind, one nullable and one only for classification.
Family toy() {
  Family f;
  f.name = "toy";
  f.display_name = "Toy";
  f.tasks = {Task::Classification, Task::Regression};
  ParamSpec depth = int_param("depth", 1, 1, kNoLimit, "Depth.");
  depth.default_value = nullptr;
  depth.nullable = true;
  ParamSpec criterion = choice_param("criterion", "gini", {"gini", "entropy"}, "Split rule.");
  criterion.tasks = {Task::Classification};
  f.params = {depth, float_param("rate", 0.1, 0.0, 1.0, "A rate.", true), criterion,
              bool_param("bootstrap", true, "Resample.")};
  return f;
}

}  // namespace

TEST_CASE("families are listed in the page's order", "[models]") {
  std::vector<std::string> names;
  for (const auto& f : families()) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"decision_tree", "random_forest", "gradient_boosting",
                                          "logistic_regression", "linear_regression", "knn",
                                          "naive_bayes"});
  CHECK(find_family("knn").display_name == "k-Nearest Neighbours");
  CHECK(error_code([] { find_family("svm"); }) == "model.unknown_family");
}

TEST_CASE("resolve_params fills defaults and keeps given values", "[models]") {
  const Family f = toy();
  const auto p = resolve_params(f, {{"depth", 3}}, Task::Classification);
  CHECK(p ==
        nlohmann::json{{"depth", 3}, {"rate", 0.1}, {"criterion", "gini"}, {"bootstrap", true}});
  // An integral double is accepted for an integer; null where nullable.
  CHECK(resolve_params(f, {{"depth", 4.0}}, Task::Classification)["depth"].is_number_integer());
  CHECK(resolve_params(f, {{"depth", nullptr}}, Task::Classification)["depth"].is_null());
}

TEST_CASE("parameters of the other task are dropped", "[models]") {
  const auto p = resolve_params(toy(), {{"criterion", "entropy"}}, Task::Regression);
  CHECK_FALSE(p.contains("criterion"));
}

TEST_CASE("bad parameters fail with codes that name them", "[models]") {
  const Family f = toy();
  auto code = [&](nlohmann::json given) {
    return error_code([&] { resolve_params(f, given, Task::Classification); });
  };
  CHECK(code({{"depht", 3}}) == "model.unknown_param");
  CHECK(code({{"depth", 0}}) == "model.bad_param");
  CHECK(code({{"depth", 2.5}}) == "model.bad_param");
  CHECK(code({{"depth", "3"}}) == "model.bad_param");
  CHECK(code({{"rate", 0.0}}) == "model.bad_param");  // min is exclusive
  CHECK(code({{"rate", 1.5}}) == "model.bad_param");
  CHECK(code({{"rate", nullptr}}) == "model.bad_param");
  CHECK(code({{"criterion", "log_loss"}}) == "model.bad_param");
  CHECK(code({{"bootstrap", 1}}) == "model.bad_param");
  CHECK(code(nlohmann::json::array()) == "model.bad_param");
  try {
    resolve_params(f, {{"rate", 1.5}}, Task::Classification);
  } catch (const mlcore::Error& e) {
    const std::string m = e.what();
    CHECK(m.find("rate") != std::string::npos);
    CHECK(m.find("1.5") != std::string::npos);
    CHECK(m.find("> 0") != std::string::npos);
    CHECK(m.find("<= 1") != std::string::npos);
  }
}

TEST_CASE("a family refuses a task it cannot do", "[models]") {
  CHECK(error_code([] { resolve_params(find_family("naive_bayes"), {}, Task::Regression); }) ==
        "model.bad_task");
  CHECK(error_code([] { task_from_string("clustering"); }) == "model.bad_task");
  CHECK(task_from_string(to_string(Task::Regression)) == Task::Regression);
}

TEST_CASE("the schema lists every parameter for the page's form", "[models]") {
  const auto j = schema_json(toy());
  CHECK(j["name"] == "toy");
  CHECK(j["tasks"] == nlohmann::json{"classification", "regression"});
  REQUIRE(j["params"].size() == 4);
  CHECK(j["params"][0]["kind"] == "int");
  CHECK(j["params"][0]["nullable"] == true);
  CHECK(j["params"][0]["min"] == 1.0);
  CHECK_FALSE(j["params"][0].contains("max"));  // infinite: left out
  CHECK(j["params"][1]["min_exclusive"] == true);
  CHECK(j["params"][2]["choices"] == nlohmann::json{"gini", "entropy"});
  CHECK(j["params"][2]["tasks"] == nlohmann::json{"classification"});
  CHECK_FALSE(j["params"][3].contains("min"));  // a bool has no range
  // Every registered family's schema serialises (no infinities turning into null).
  for (const auto& f : families()) CHECK_NOTHROW(nlohmann::json::parse(schema_json(f).dump()));
}

TEST_CASE("command-line values parse as the parameter's kind", "[models]") {
  const Family f = toy();
  CHECK(parse_param_value(f.params[0], "5") == 5);
  CHECK(parse_param_value(f.params[0], "5").is_number_integer());
  CHECK(parse_param_value(f.params[0], "none").is_null());
  CHECK(parse_param_value(f.params[1], "0.25") == 0.25);
  CHECK(parse_param_value(f.params[2], "entropy") == "entropy");
  CHECK(parse_param_value(f.params[3], "false") == false);
  CHECK(error_code([&] { parse_param_value(f.params[0], "five"); }) == "model.bad_param");
  CHECK(error_code([&] { parse_param_value(f.params[1], "0.5x"); }) == "model.bad_param");
  CHECK(error_code([&] { parse_param_value(f.params[1], "none"); }) == "model.bad_param");
  CHECK(error_code([&] { parse_param_value(f.params[3], "maybe"); }) == "model.bad_param");
}

TEST_CASE("a parameter listed once per task resolves to the entry of the task at hand", "[models]") {
  // random_forest lists max_features for classification (default sqrt) and for regression
  // (default all); asking for sqrt on a regression must keep sqrt, not drop it.
  const auto& forest = mlcore::models::find_family("random_forest");
  auto reg = mlcore::models::resolve_params(forest, {{"max_features", "sqrt"}}, mlcore::models::Task::Regression);
  CHECK(reg["max_features"] == "sqrt");
  auto reg_default = mlcore::models::resolve_params(forest, nlohmann::json::object(), mlcore::models::Task::Regression);
  CHECK(reg_default["max_features"] == "all");
  const auto* spec = mlcore::models::find_param(forest, "criterion", mlcore::models::Task::Regression);
  REQUIRE(spec != nullptr);
  CHECK(spec->default_value == "squared_error");
}

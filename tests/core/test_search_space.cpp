// The search space: a grid's combinations in ParameterGrid's order, random draws that repeat with
// the seed and stay inside their ranges, and the error codes for a malformed space or a value
// the family's schema refuses. Expected candidates are written out by hand.
#include <catch2/catch.hpp>

#include <set>

#include "core/eval/search_space.hpp"
#include "test_model_support.hpp"

using mlcore::eval::check_space;
using mlcore::eval::search_candidates;
using mlcore::eval::search_space_from_json;
using mlcore::models::find_family;
using mlcore::models::Task;
using model_test::error_code;
using nlohmann::json;

namespace {

std::vector<json> candidates(const std::string& space, std::uint64_t seed = 0) {
  return search_candidates(search_space_from_json(json::parse(space)), seed);
}

std::string check(const std::string& family, const std::string& space, Task task = Task::Classification) {
  return error_code([&] { check_space(search_space_from_json(json::parse(space)), find_family(family), task); });
}

const char* kRandom = R"({"n_iter": 25, "params": {"max_depth": {"int": [1, 20]},
    "learning_rate": {"log_uniform": [0.01, 0.3]}, "criterion": ["gini", "entropy"]}})";

}  // namespace

TEST_CASE("a grid of 2 x 3 values gives 6 candidates, keys in name order, the last changing fastest", "[search]") {
  const auto got = candidates(R"({"max_depth": [2, 4, null], "criterion": ["gini", "entropy"]})");
  const std::vector<json> expected = {
      {{"criterion", "gini"}, {"max_depth", 2}},    {{"criterion", "gini"}, {"max_depth", 4}},
      {{"criterion", "gini"}, {"max_depth", nullptr}}, {{"criterion", "entropy"}, {"max_depth", 2}},
      {{"criterion", "entropy"}, {"max_depth", 4}}, {{"criterion", "entropy"}, {"max_depth", nullptr}},
  };
  CHECK(got == expected);
}

TEST_CASE("an empty grid is one candidate: the defaults", "[search]") {
  CHECK(candidates("{}") == std::vector<json>{json::object()});
}

TEST_CASE("the same seed draws the same random candidates, another seed draws others", "[search]") {
  const auto a = candidates(kRandom, 7), b = candidates(kRandom, 7), c = candidates(kRandom, 8);
  REQUIRE(a.size() == 25);
  CHECK(a == b);
  CHECK(a != c);
}

TEST_CASE("random draws stay inside their ranges and lists, integers as integers", "[search]") {
  std::set<json> criteria;
  for (const auto& cand : candidates(kRandom, 3)) {
    REQUIRE(cand["max_depth"].is_number_integer());
    CHECK(cand["max_depth"] >= 1);
    CHECK(cand["max_depth"] <= 20);
    CHECK(cand["learning_rate"] >= 0.01);
    CHECK(cand["learning_rate"] <= 0.3);
    criteria.insert(cand["criterion"]);
  }
  CHECK(criteria == std::set<json>{"gini", "entropy"});
}

TEST_CASE("log_uniform from 0.01 to 1 puts half its draws below the geometric middle 0.1", "[search]") {
  // log10 of a draw is uniform on [-2, 0], so P(draw < 0.1) = 1/2; 2,000 draws have a standard
  // error of 0.011 on that share, and uniform on [0.01, 1] would put only 9% below 0.1.
  const auto got = candidates(R"({"n_iter": 2000, "params": {"C": {"log_uniform": [0.01, 1]}}})", 11);
  double below = 0;
  for (const auto& c : got) below += c["C"].get<double>() < 0.1;
  CHECK(below / 2000 == Approx(0.5).margin(0.05));
}

TEST_CASE("a random search over lists only draws without replacement, at most the whole grid", "[search]") {
  const auto all = candidates(R"({"n_iter": 10, "params": {"max_depth": [1, 2, 3], "criterion": ["gini", "entropy"]}})");
  CHECK(all.size() == 6);
  CHECK(std::set<json>(all.begin(), all.end()).size() == 6);
  const auto some = candidates(R"({"n_iter": 4, "params": {"max_depth": [1, 2, 3], "criterion": ["gini", "entropy"]}})");
  CHECK(some.size() == 4);
  CHECK(std::set<json>(some.begin(), some.end()).size() == 4);
}

TEST_CASE("a malformed space is search.bad_space", "[search]") {
  auto code = [](const std::string& s) { return error_code([&] { search_space_from_json(json::parse(s)); }); };
  CHECK(code(R"({"max_depth": 3})") == "search.bad_space");                      // not a list
  CHECK(code(R"({"max_depth": []})") == "search.bad_space");                     // nothing to try
  CHECK(code(R"([1, 2])") == "search.bad_space");                                // not an object
  CHECK(code(R"({"n_iter": 0, "params": {}})") == "search.bad_space");
  CHECK(code(R"({"n_iter": 5})") == "search.bad_space");                         // no params
  CHECK(code(R"({"n_iter": 5, "max_depth": [1, 2], "params": {}})") == "search.bad_space");
  CHECK(code(R"({"n_iter": 5, "params": {"C": {"normal": [0, 1]}}})") == "search.bad_space");
  CHECK(code(R"({"n_iter": 5, "params": {"C": {"uniform": [2, 1]}}})") == "search.bad_space");
  CHECK(code(R"({"n_iter": 5, "params": {"C": {"log_uniform": [0, 1]}}})") == "search.bad_space");
  CHECK(code(R"({"n_iter": 5, "params": {"max_depth": {"int": [1.5, 4]}}})") == "search.bad_space");
  CHECK(code(R"({"a": [1,2,3,4,5,6,7,8,9,10], "b": [1,2,3,4,5,6,7,8,9,10],
                 "c": [1,2,3,4,5,6,7,8,9,10], "d": [1,2,3,4,5,6,7,8,9,10], "e": [1, 2]})") == "search.bad_space");
}

TEST_CASE("an unknown parameter in the space is model.unknown_param", "[search]") {
  CHECK(check("decision_tree", R"({"max_deep": [1, 2]})") == "model.unknown_param");
  CHECK(check("decision_tree", R"({"n_iter": 3, "params": {"depth": {"int": [1, 3]}}})") == "model.unknown_param");
}

TEST_CASE("a value or range end outside the schema is model.bad_param, even one no draw may hit", "[search]") {
  CHECK(check("decision_tree", R"({"max_depth": [2, 0]})") == "model.bad_param");
  CHECK(check("decision_tree", R"({"criterion": ["gini", "log_loss"]})") == "model.bad_param");
  CHECK(check("decision_tree", R"({"n_iter": 3, "params": {"max_depth": {"int": [0, 50]}}})") == "model.bad_param");
}

TEST_CASE("a range that does not suit the parameter's kind is search.bad_space", "[search]") {
  CHECK(check("decision_tree", R"({"n_iter": 3, "params": {"max_depth": {"uniform": [1, 5]}}})") == "search.bad_space");
  CHECK(check("decision_tree", R"({"n_iter": 3, "params": {"criterion": {"int": [1, 5]}}})") == "search.bad_space");
}

TEST_CASE("values are checked against the target task's entry of a parameter", "[search]") {
  // criterion is gini/entropy for classification and squared_error for regression.
  CHECK(check("decision_tree", R"({"criterion": ["gini", "entropy"]})", Task::Regression) == "model.bad_param");
  CHECK_NOTHROW(check_space(search_space_from_json(json::parse(R"({"criterion": ["squared_error"]})")),
                            find_family("decision_tree"), Task::Regression));
}

TEST_CASE("a parameter only the other task has is search.bad_space: searching it would change nothing", "[search]") {
  mlcore::models::Family f = find_family("decision_tree");
  mlcore::models::ParamSpec only;
  only.name = "class_weight_power";
  only.kind = mlcore::models::ParamSpec::Kind::Float;
  only.default_value = 1.0;
  only.tasks = {Task::Classification};
  f.params.push_back(only);
  CHECK(error_code([&] { check_space(search_space_from_json({{"class_weight_power", {1.0, 2.0}}}), f, Task::Regression); }) ==
        "search.bad_space");
}

TEST_CASE("a candidate's value reaches the model even where the other task lists the name first", "[search]") {
  // The forest lists max_features for classification (sqrt) before regression (all).
  const auto& forest = find_family("random_forest");
  const json p = mlcore::eval::resolve_candidate(forest, {{"n_estimators", 10}}, {{"max_features", "sqrt"}}, Task::Regression);
  CHECK(p["max_features"] == "sqrt");
  const json q = mlcore::eval::resolve_candidate(forest, {{"max_features", "log2"}}, json::object(), Task::Regression);
  CHECK(q["max_features"] == "log2");
  CHECK(p["n_estimators"] == 10);
  CHECK(p["min_samples_leaf"] == 1);  // defaults filled in
}

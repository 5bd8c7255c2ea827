// SearchJob: candidates scored on the same cross-validation folds, ranked by mean score, stepped
// with progress, and every mistake in the request reported before the first fit. The expected
// winners come from arguments about the data, not from running the code: a depth-1 tree makes
// one split, which can separate one iris species from the other two and no more.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "core/eval/search.hpp"
#include "test_model_support.hpp"

using mlcore::eval::SearchJob;
using mlcore::eval::SearchRequest;
using model_test::error_code;
using nlohmann::json;

namespace {

std::shared_ptr<const mlcore::data::Table> iris() {
  static const auto t = std::make_shared<const mlcore::data::Table>(model_test::dataset("iris.csv"));
  return t;
}

SearchRequest tree_search(const std::string& space, int cv = 5, std::uint64_t seed = 0) {
  SearchRequest r;
  r.family = "decision_tree";
  r.space = json::parse(space);
  r.target = "Species";
  r.cv = cv;
  r.seed = seed;
  return r;
}

json run(SearchJob& job) {
  while (!job.step()) {
  }
  return job.result();
}

json run(const SearchRequest& r, std::shared_ptr<const mlcore::data::Table> t = iris()) {
  SearchJob job(std::move(t), r);
  return run(job);
}

}  // namespace

TEST_CASE("a depth-1 tree gets about 2/3 of iris right, so max_depth none wins a grid of 1 and none", "[search]") {
  const json r = run(tree_search(R"({"max_depth": [1, null]})"));
  CHECK(r["metric"] == "accuracy");
  CHECK(r["cv"] == 5);
  REQUIRE(r["candidates"].size() == 2);
  const json& stump = r["candidates"][0];
  CHECK(stump["params"] == json{{"max_depth", 1}});
  // Each stratified test fold holds 10 of each species; one split isolates setosa, so 20 of 30.
  CHECK(stump["mean"].get<double>() == Approx(2.0 / 3).margin(0.02));
  CHECK(stump["rank"] == 2);
  CHECK(r["candidates"][1]["rank"] == 1);
  CHECK(r["candidates"][1]["mean"].get<double>() > 0.9);
  CHECK(r["best"]["params"] == json{{"max_depth", nullptr}});
  CHECK(r["best"]["mean"] == r["candidates"][1]["mean"]);
}

TEST_CASE("ranks are 1..n by mean score, and equal means rank the lower index first", "[search]") {
  // Candidates 0 and 1 are the same tree on the same folds with the same seed: equal scores.
  const json r = run(tree_search(R"({"max_depth": [1, 1, null]})"));
  const json& c = r["candidates"];
  REQUIRE(c.size() == 3);
  CHECK(c[0]["scores"] == c[1]["scores"]);
  CHECK(c[2]["rank"] == 1);
  CHECK(c[0]["rank"] == 2);
  CHECK(c[1]["rank"] == 3);
}

TEST_CASE("each candidate has one score per fold, their mean and their population std", "[search]") {
  const json r = run(tree_search(R"({"max_depth": [2]})", 4));
  const auto scores = r["candidates"][0]["scores"].get<std::vector<double>>();
  REQUIRE(scores.size() == 4);
  double mean = 0, ss = 0;
  for (double s : scores) mean += s / 4;
  for (double s : scores) ss += (s - mean) * (s - mean);
  CHECK(r["candidates"][0]["mean"].get<double>() == Approx(mean));
  CHECK(r["candidates"][0]["std"].get<double>() == Approx(std::sqrt(ss / 4)));
}

TEST_CASE("a search steps with progress from 0 to 1 and says which candidate and fold it is on", "[search]") {
  SearchJob job(iris(), tree_search(R"({"max_depth": [1, 2, 3]})", 3));
  CHECK(job.candidate_count() == 3);
  CHECK(job.progress() == 0.0);
  CHECK(job.message() == "candidate 1 of 3, fold 1 of 3");
  double last = 0;
  int steps = 0;
  while (!job.step()) {
    CHECK(job.progress() >= last);
    last = job.progress();
    if (++steps == 4) CHECK(job.message().rfind("candidate 2 of 3, fold 2 of 3", 0) == 0);
  }
  CHECK(steps + 1 == 9);  // a tree fits in one step: 3 candidates x 3 folds
  CHECK(job.done());
  CHECK(job.progress() == 1.0);
}

TEST_CASE("the same request twice gives the same result, random candidates included", "[search]") {
  const char* space = R"({"n_iter": 4, "params": {"max_depth": {"int": [1, 6]}, "min_samples_leaf": {"int": [1, 10]}}})";
  const json a = run(tree_search(space, 3, 42)), b = run(tree_search(space, 3, 42));
  CHECK(a == b);
  CHECK(a["mode"] == "random");
  CHECK(a["candidates"].size() == 4);
}

TEST_CASE("a regression search is scored by R² on shuffled k-fold", "[search]") {
  auto diabetes = std::make_shared<const mlcore::data::Table>(model_test::dataset("diabetes.csv"));
  SearchRequest r = tree_search(R"({"max_depth": [2, 3]})", 3);
  r.target = "progression";
  const json got = run(r, diabetes);
  CHECK(got["task"] == "regression");
  CHECK(got["metric"] == "r2");
  for (const auto& c : got["candidates"]) {
    CHECK(c["scores"].size() == 3);
    CHECK(c["mean"].get<double>() < 1.0);
  }
}

TEST_CASE("fixed parameters reach every candidate, one both fixed and searched is search.param_conflict", "[search]") {
  SearchRequest r = tree_search(R"({"min_samples_leaf": [1]})");
  r.params = {{"max_depth", 1}};  // one split: about 2/3 of iris, as above
  const json got = run(r);
  CHECK(got["candidates"][0]["mean"].get<double>() == Approx(2.0 / 3).margin(0.02));
  CHECK(got["candidates"][0]["params"] == json{{"min_samples_leaf", 1}});
  r.params = {{"min_samples_leaf", 2}};
  CHECK(error_code([&] { SearchJob(iris(), r); }) == "search.param_conflict");
}

TEST_CASE("a search refuses a bad request before any fit, naming the problem by code", "[search]") {
  CHECK(error_code([&] { SearchJob(iris(), tree_search(R"({"max_deep": [1, 2]})")); }) == "model.unknown_param");
  CHECK(error_code([&] { SearchJob(iris(), tree_search(R"({"max_depth": [0, 2]})")); }) == "model.bad_param");
  CHECK(error_code([&] { SearchJob(iris(), tree_search(R"({"max_depth": 2})")); }) == "search.bad_space");
  SearchRequest r = tree_search("{}");
  r.family = "decision_forest";
  CHECK(error_code([&] { SearchJob(iris(), r); }) == "model.unknown_family");
  r = tree_search("{}");
  r.target = "species";
  CHECK(error_code([&] { SearchJob(iris(), r); }) == "data.unknown_column");
  CHECK(error_code([&] { SearchJob(iris(), tree_search("{}", 1)); }) == "eval.bad_split");
}

TEST_CASE("a search request from JSON takes the documented defaults and refuses a wrong type", "[search]") {
  const auto r = mlcore::eval::search_request_from_json({{"target", "Species"}, {"space", {{"max_depth", {1, 2}}}}});
  CHECK(r.cv == 5);
  CHECK(r.family == "decision_tree");
  CHECK(r.seed == 0);
  CHECK(error_code([] { mlcore::eval::search_request_from_json({{"target", "Species"}, {"cv", "five"}}); }) == "api.bad_args");
  CHECK(error_code([] { mlcore::eval::search_request_from_json({{"space", json::object()}}); }) == "api.bad_args");
  CHECK(error_code([] { mlcore::eval::search_request_from_json({{"target", "y"}, {"cv", 1}}); }) == "api.bad_args");
}

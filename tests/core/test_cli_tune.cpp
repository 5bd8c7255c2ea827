// mlplay tune as a user runs it: a grid on iris ranks the deeper tree first (a depth-1 tree can
// only separate one species of three), a random search repeats with its seed, and a malformed
// flag is a usage error (exit 2) while a value the schema refuses is failed work (exit 1).
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using mlplay_test::mlplay;
using mlplay_test::Run;

TEST_CASE("mlplay tune --grid max_depth=1,3 on iris ranks max_depth 3 first", "[cli][search]") {
  Run r = mlplay("tune --data iris --target Species --model decision_tree --grid max_depth=1,3 --cv 5 --json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["best"]["params"]["max_depth"] == 3);
  REQUIRE(j["candidates"].size() == 2);
  CHECK(j["candidates"][1]["params"]["max_depth"] == 3);
  CHECK(j["candidates"][1]["rank"] == 1);
  CHECK(j["cv"] == 5);
  CHECK(j["metric"] == "accuracy");
}

TEST_CASE("mlplay tune prints a ranked table and the best parameters", "[cli][search]") {
  Run r = mlplay("tune --data iris --target Species --model decision_tree --grid max_depth=1,none --cv 3");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("max_depth") != std::string::npos);
  const auto first_row = r.out.find("\n   1  ");
  REQUIRE(first_row != std::string::npos);
  CHECK(r.out.substr(first_row, r.out.find('\n', first_row + 1) - first_row).find("none") != std::string::npos);
  CHECK(r.out.find("Best: max_depth=none") != std::string::npos);
}

TEST_CASE("mlplay tune --random repeats with the same seed", "[cli][search]") {
  const std::string args = "tune --data iris --target Species --model decision_tree --random 3 "
                           "--range max_depth=1:8 --choice criterion=gini,entropy --cv 3 --seed 5 --json";
  Run a = mlplay(args), b = mlplay(args);
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(nlohmann::json::parse(a.out)["candidates"].size() == 3);
}

TEST_CASE("a malformed tune command line is exit 2, a refused value is exit 1", "[cli][search]") {
  const std::string base = "tune --data iris --target Species --model decision_tree ";
  CHECK(mlplay(base + "--grid max_depth").status == 2);
  CHECK(mlplay(base + "--grid max_depth=").status == 2);
  CHECK(mlplay(base + "--grid =1,2").status == 2);
  CHECK(mlplay(base + "--grid max_depth=1,,2").status == 2);
  CHECK(mlplay(base).status == 2);
  CHECK(mlplay(base + "--grid max_depth=1,2 --random 3 --range min_samples_leaf=1:5").status == 2);
  CHECK(mlplay(base + "--random 3 --range max_depth=1").status == 2);
  CHECK(mlplay(base + "--grid max_depth=1,2 --cv 1").status == 2);
  CHECK(mlplay(base + "--grid max_depth=0,2").status == 1);
  CHECK(mlplay(base + "--grid max_deep=1,2").status == 1);
}

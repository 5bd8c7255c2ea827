// The mlplay command line as a user runs it: exit codes, FILE:LINE:COL messages on stderr, and
// the figures everyone knows about Iris.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using mlplay_test::mlplay;
using mlplay_test::Run;

std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = std::string("/tmp/mlplay_test_") + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("mlplay --version prints the product name and version and exits 0", "[cli]") {
  Run r = mlplay("--version");
  CHECK(r.status == 0);
  CHECK(r.out == std::string("MLOps Playground core ") + MLPLAY_VERSION + "\n");
}

TEST_CASE("an unknown sub-command or a missing argument is a usage error, exit 2", "[cli]") {
  CHECK(mlplay("frobnicate").status == 2);
  CHECK(mlplay("profile").status == 2);
  CHECK(mlplay("head iris -n lots").status == 2);
}

TEST_CASE("mlplay profile iris --json: 150 rows, 5 columns, Species 3 classes of 50", "[cli]") {
  Run r = mlplay("profile iris --json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["rows"] == 150);
  CHECK(j["columns"].size() == 5);
  const auto& species = j["columns"][4];
  CHECK(species["name"] == "Species");
  CHECK(species["distinct"] == 3);
  REQUIRE(species["top"].size() == 3);
  for (const auto& t : species["top"]) CHECK(t["count"] == 50);
}

TEST_CASE("mlplay head --json gives objects keyed by column, numbers as numbers, missing as null", "[cli]") {
  std::string path = temp_file("head.csv", "a,b,c\n1,x,2.5\n,y,NA\n");
  Run r = mlplay("head " + path + " --json");
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out) ==
        nlohmann::json::parse(R"([{"a":1,"b":"x","c":2.5},{"a":null,"b":"y","c":null}])"));
  CHECK(nlohmann::json::parse(mlplay("head iris -n 2 --json").out).size() == 2);
}

TEST_CASE("a ragged CSV prints FILE:LINE:COL: message and exits 1", "[cli]") {
  std::string path = temp_file("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");
  Run r = mlplay("profile " + path, true);
  CHECK(r.status == 1);
  CHECK(r.out.rfind(path + ":4:3: ", 0) == 0);
  CHECK(r.out.find("csv.ragged_row") != std::string::npos);
  CHECK(mlplay("head " + path).status == 1);
}

TEST_CASE("a file that does not exist and is no built-in is a clear failure, exit 1", "[cli]") {
  Run r = mlplay("profile /no/such/file.csv", true);
  CHECK(r.status == 1);
  CHECK(r.out.find("iris") != std::string::npos);  // lists the built-in datasets
}

TEST_CASE("mlplay train on the IRIS tutorial's split scores >= 0.9, and predict answers 1 for its smoke-test row", "[cli]") {
  Run r = mlplay("train --data iris --target Species --model decision_tree --test-size 0.4 --seed 1984 "
                 "--out /tmp/mlplay_test_iris_model.json --json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["model"] == "decision_tree");
  CHECK(j["metrics"]["accuracy"].get<double>() >= 0.9);
  CHECK(j["rows"]["test"] == 60);  // 0.4 x 150
  // The tutorial's payload {"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4, "PetalWidthCm": 1.4}
  // is a versicolor: class 1.
  std::string row = temp_file("smoke.csv", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,4.4,1.4\n");
  Run p = mlplay("predict --model /tmp/mlplay_test_iris_model.json --data " + row + " --json");
  REQUIRE(p.status == 0);
  CHECK(nlohmann::json::parse(p.out)["predictions"] == nlohmann::json::parse(R"(["1"])"));
  // The same row with no header, in the model's feature order.
  std::string bare = temp_file("smoke_bare.csv", "6.6,3,4.4,1.4\n");
  CHECK(nlohmann::json::parse(mlplay("predict --model /tmp/mlplay_test_iris_model.json --data " + bare + " --json").out)["predictions"] ==
        nlohmann::json::parse(R"(["1"])"));
}

TEST_CASE("mlplay train --cv gives per-fold scores with their mean and std", "[cli]") {
  Run r = mlplay("train --data iris --target Species --model knn --cv 5 --seed 1 --json");
  REQUIRE(r.status == 0);
  auto cv = nlohmann::json::parse(r.out)["cv"];
  REQUIRE(cv["folds"].size() == 5);
  double sum = 0;
  for (const auto& f : cv["folds"]) sum += f.get<double>();
  CHECK(cv["mean"].get<double>() == Approx(sum / 5));
}

TEST_CASE("mlplay train: an unknown column, a text target for regression, a bad parameter are failures with codes", "[cli]") {
  Run a = mlplay("train --data iris --target Nope", true);
  CHECK(a.status == 1);
  CHECK(a.out.find("data.unknown_column") != std::string::npos);
  Run b = mlplay("train --data penguins --target species --task regression", true);
  CHECK(b.status == 1);
  CHECK(b.out.find("model.target_not_numeric") != std::string::npos);
  Run c = mlplay("train --data iris --target Species --param max_depth=-1", true);
  CHECK(c.status == 1);
  CHECK(c.out.find("model.bad_param") != std::string::npos);
  CHECK(mlplay("train --data iris").status == 2);
  CHECK(mlplay("predict --model /no/such/model.json --data iris").status == 1);
}

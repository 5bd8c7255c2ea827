// mlplay simulate as a user runs it: a scenario file and a workspace file that does not exist yet;
// it prints the setup, one line per window and the outcome, writes the workspace with everything
// the simulation did, and --mode all prints the three modes and their comparison.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "cli_runner.hpp"
#include "core/ops/workspace_file.hpp"
#include "workspace_fixture.hpp"

using Json = nlohmann::json;
using mlplay_test::mlplay;
using mlplay_test::Run;

namespace {

const std::string kScenario = std::string(MLPLAY_SOURCE_DIR) + "/scenarios/iris-sudden-shift.json";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string fresh(const std::string& name) {
  const std::string path = mlplay_test::temp_path(name);
  std::remove(path.c_str());
  return path;
}

}  // namespace

TEST_CASE("mlplay simulate creates the workspace, prints each window of the scenario and writes the simulation", "[simulation]") {
  const std::string ws = fresh("simulate_cicd.mlplay.json");
  const Run r = mlplay("simulate " + kScenario + " --workspace " + ws);
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "Scenario iris-sudden-shift: Built IRIS:1 with iris-build#1 and released it to iris-prod with Release-1."));
  CHECK(has(r.out, "Mode cicd (CI/CD of pipelines), seed 7, 20 windows of 100 requests to iris-prod."));
  CHECK(has(r.out, "PetalLengthCm,PetalWidthCm  0.50 DRIFT"));
  CHECK(has(r.out, "retrain (drift): iris-retrain-gated#1 succeeded -> IRIS:2"));
  CHECK(has(r.out, "Release-2 to PROD (approved by Approver)"));
  CHECK(has(r.out, "recovered (>= 0.92): 2 days; 1 retraining(s), 1 promotion(s)"));
  const auto file = mlcore::ops::read_workspace_file(mlplay_test::read_bytes(ws));
  CHECK(file.workspace.log.back().command["type"] == "simulation.record");
  CHECK(file.workspace.endpoints.endpoint("iris-prod").version == 2);
  // The same file again: the model is found in PROD, and the json lists the windows.
  const Run again = mlplay("simulate " + kScenario + " --workspace " + ws + " --mode manual --seed 8 --json");
  REQUIRE(again.status == 0);
  const Json j = Json::parse(again.out);
  CHECK(j["setup"]["found"] == true);
  CHECK(j["windows"].size() == 20);
  CHECK(j["windows"][0]["model"] == "IRIS:2");
}

TEST_CASE("mlplay simulate --mode all prints the three modes of the scenario and their comparison", "[simulation]") {
  const std::string ws = fresh("simulate_all.mlplay.json");
  const Run r = mlplay("simulate " + kScenario + " --workspace " + ws + " --mode all");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "\nmanual (Manual): "));
  CHECK(has(r.out, "\nscheduled (Continuous model delivery): "));
  CHECK(has(r.out, "\ncicd (CI/CD of pipelines): "));
  CHECK(has(r.out, "Accuracy per day (a promotion takes effect the next day):"));
  CHECK(has(r.out, "manual (Manual)                        0.97          0.33"));
  CHECK(has(r.out, "never"));
  CHECK(has(r.out, "5 days"));
  const auto file = mlcore::ops::read_workspace_file(mlplay_test::read_bytes(ws));
  CHECK(file.workspace.endpoints.endpoint("iris-prod").version == 1);  // only the setup was kept
  CHECK(mlplay("simulate " + kScenario + " --workspace " + ws + " --mode sometimes").status == 2);
  CHECK(mlplay("simulate " + kScenario).status == 2);
}

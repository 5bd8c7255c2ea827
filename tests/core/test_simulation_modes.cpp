// Issue 8, item 3, through the session as the page drives it: scenarios/iris-sudden-shift.json
// shifts PetalLengthCm and PetalWidthCm by 1.5 standard deviations on day 5 while the species
// stay with their rows, so IRIS:1 (a depth-3 tree) misreads the flowers and a model retrained on
// the labelled traffic since the shift reads them again.
//
// Thresholds, from the pre-shift accuracy B (the mean over days 0-4, 0.97 with seed 7):
//   the drop is real      days 5 and 6 (answered by IRIS:1) below B - 0.3;
//   recovered             every day from the first one the promoted model answers at or above
//                         B - 0.05 (sim::kRecoveryTolerance, the comparison's own threshold).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/api/workspace_state.hpp"
#include "core/sim/recovery.hpp"
#include "test_simulation_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using namespace mlplay_test;

namespace {

constexpr std::size_t kShift = 5;  // the scenario's start_day, one window per day

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

double baseline(const std::vector<double>& acc) { return mean(acc, 0, kShift); }

}  // namespace

TEST_CASE("A simulation of the Iris sudden shift alerts in the first window after the shift, with core/drift's explanations",
          "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-sudden-shift"), "cicd");
  const Json state = play(s, kShift + 1);
  for (std::size_t w = 0; w < kShift; ++w) CHECK_FALSE(has(alerts_about(state, w), "data_drift"));
  CHECK(has(alerts_about(state, kShift), "data_drift"));
  const Json& window = state["windows"][kShift];
  CHECK(window["drifted"] == Json::array({"PetalLengthCm", "PetalWidthCm"}));
  CHECK(window["dataset"]["drift"] == true);
  CHECK(window["reference"] == "IRIS:1");  // the training data of the deployed version
  for (const auto& c : window["columns"]) {
    const std::string name = c["column"];
    CHECK(c["test"] == "ks");  // 150 reference rows, numeric: K-S, as Evidently chooses
    CHECK_THAT(c["explanation"].get<std::string>(), Catch::StartsWith(name + (c["drift"].get<bool>() ? ": drift." : ": no drift.")));
  }
  CHECK_THAT(window["dataset"]["explanation"].get<std::string>(), Catch::Contains("2"));
}

TEST_CASE("In CI/CD mode the simulation promotes a retrained model through the release pipeline and accuracy recovers",
          "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-sudden-shift"), "cicd");
  const Json state = play(s);
  const std::vector<double> acc = accuracies(state);
  const double b = baseline(acc);
  CHECK(b > 0.9);
  CHECK(acc[kShift] < b - 0.3);
  CHECK(acc[kShift + 1] < b - 0.3);

  // One retraining, at the end of day 6: the drift alert of day 5 armed it, the labels of day 5
  // (one day late) gave it 100 rows to learn from. It ran the gated pipeline and won.
  REQUIRE(retraining_windows(state) == std::vector<std::size_t>{kShift + 1});
  REQUIRE(retraining_windows(state, true) == std::vector<std::size_t>{kShift + 1});
  const Json& m = state["markers"][0];
  CHECK(m["trigger"] == "drift");
  CHECK(m["pipeline_run"] == "iris-retrain-gated#1");
  CHECK(m["evaluation"]["winner"] == "challenger");
  CHECK(m["evaluation"]["challenger"]["value"].get<double>() > m["evaluation"]["champion"]["value"].get<double>());
  CHECK(m["release"]["status"] == "succeeded");
  CHECK(m["release"]["approval"]["by"] == "Approver");  // the policy's approval_role
  CHECK_THAT(m["release"]["approval"]["comment"].get<std::string>(),
             Catch::StartsWith("Approved automatically by the continuous-training policy (CI/CD of pipelines)"));

  // The workspace records it all: the gated run with its quality gate, Release-2 to PROD, IRIS:2
  // in Production with IRIS:1 archived, iris-prod answering IRIS:2.
  const auto& ws = mlcore::api::current_workspace(s);
  const Json run = ws.pipelines.runs().back();
  CHECK(run["trigger"]["type"] == "simulation");
  CHECK(run["trigger"]["policy"] == "drift");
  bool gate = false;
  for (const auto& st : run["steps"]) gate = gate || (st["kind"] == "quality_gate" && st["outputs"]["passed"] == true);
  CHECK(gate);
  CHECK(ws.releases.release(2).status() == mlcore::ops::ReleaseStatus::succeeded);
  CHECK(ws.models.version("IRIS", 2).stage == mlcore::ops::Stage::Production);
  CHECK(ws.models.version("IRIS", 1).stage == mlcore::ops::Stage::Archived);
  CHECK(ws.endpoints.endpoint("iris-prod").version == 2);

  for (std::size_t w = kShift + 2; w < acc.size(); ++w) {
    INFO("day " << w);
    CHECK(state["windows"][w]["version"] == 2);
    CHECK(acc[w] >= b - mlcore::sim::kRecoveryTolerance);
  }
  CHECK(state["outcome"]["days_to_recover"] == 2.0);
}

TEST_CASE("In manual mode the simulation does not recover until the operator acts with simulation.act", "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-sudden-shift"), "manual");
  const std::size_t acted = 12;  // the operator acts at the end of day 11
  Json state = play(s, acted);
  std::vector<double> acc = accuracies(state);
  const double b = baseline(acc);
  CHECK(state["markers"].empty());
  CHECK(mlcore::api::current_workspace(s).endpoints.endpoint("iris-prod").version == 1);
  for (std::size_t w = kShift; w + 1 < acted; ++w) {  // labels for day 11 come tomorrow
    INFO("day " << w);
    CHECK(acc[w] < b - 0.3);
    CHECK(has(alerts_about(state, w), "data_drift"));
  }

  const Json action = s.call("simulation.act", {{"retrain", true}});
  CHECK(action["by"] == "operator");
  CHECK(action["promoted"] == true);
  CHECK(action["pipeline_run"] == "iris-retrain#1");  // the plain build pipeline, asked for by hand
  CHECK(action["training_windows"] == Json::array({8, 9, 10}));
  CHECK_THAT(action["release"]["approval"]["comment"].get<std::string>(), Catch::StartsWith("Approved on the operator's action"));
  CHECK(mlcore::api::current_workspace(s).pipelines.runs().back()["trigger"] == Json{{"type", "manual"}});

  state = play(s);
  acc = accuracies(state);
  for (std::size_t w = acted; w < acc.size(); ++w) {
    INFO("day " << w);
    CHECK(state["windows"][w]["version"] == 2);
    CHECK(acc[w] >= b - mlcore::sim::kRecoveryTolerance);
  }
  CHECK(state["outcome"]["days_to_recover"] == static_cast<double>(acted - kShift));
}

TEST_CASE("In scheduled mode a simulation retrains on its schedule whatever the alerts say", "[simulation]") {
  SECTION("with the shift: on days 10 and 20, not on the alert of day 5") {
    Session s;
    start_simulation(s, scenario_file("iris-sudden-shift"), "scheduled");  // schedule_days 10
    const Json state = play(s);
    CHECK(has(alerts_about(state, kShift), "data_drift"));
    CHECK(retraining_windows(state) == std::vector<std::size_t>{9, 19});  // the windows ending on days 10 and 20
    for (const auto& m : state["markers"]) {
      CHECK(m["trigger"] == "schedule");
      CHECK(m["pipeline"] == "iris-retrain");
    }
  }
  SECTION("without any drift: every 3 days all the same, promoting only a challenger that wins") {
    Json scenario = scenario_file("iris-sudden-shift");
    scenario["drifts"] = Json::array();
    scenario["days"] = 10;
    scenario["policy"]["schedule_days"] = 3;
    Session s;
    start_simulation(s, scenario, "scheduled");
    const Json state = play(s);
    CHECK(retraining_windows(state) == std::vector<std::size_t>{2, 5, 8});
    for (const auto& m : state["markers"])
      CHECK(m["promoted"] == (m["evaluation"]["challenger"]["value"] > m["evaluation"]["champion"]["value"]));
  }
}

TEST_CASE("The same scenario and seed give identical window series in a simulation played twice", "[simulation]") {
  auto played = [](std::optional<unsigned> seed) {
    Session s;
    start_simulation(s, scenario_file("iris-sudden-shift"), "cicd", seed);
    return play(s);
  };
  const Json a = played(std::nullopt), b = played(7u);  // 7 is the scenario's own seed
  CHECK(a["series"] == b["series"]);
  CHECK(a["windows"] == b["windows"]);
  CHECK(a["markers"] == b["markers"]);
  const Json c = played(8u);
  CHECK(c["seed"] == 8);
  CHECK(c["series"]["quality"] != a["series"]["quality"]);
}

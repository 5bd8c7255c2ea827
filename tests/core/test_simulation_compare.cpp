// The three modes side by side (simulation.compare), the workspace a simulation leaves (it
// replays from its log and ends with one simulation.record), a simulation that finds its model
// already in PROD, and the errors of the simulation commands.
#include <catch2/catch.hpp>

#include "core/api/workspace_state.hpp"
#include "core/ops/workspace.hpp"
#include "error_checks.hpp"
#include "test_simulation_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using namespace mlplay_test;

TEST_CASE("simulation.compare plays the three modes of a scenario on copies and leaves the session's workspace as it was",
          "[simulation]") {
  Session s;
  int table = 0;
  load_builtin(s, "iris", &table);
  const Json c = s.call("simulation.compare", {{"scenario", scenario_file("iris-sudden-shift")}, {"table", table}});
  CHECK(mlcore::api::current_workspace(s).log.empty());
  CHECK(c["drift_day"] == 5.0);
  CHECK(c["days"].size() == 20);
  REQUIRE(c["modes"].size() == 3);
  const Json& manual = c["modes"][0]["outcome"];
  const Json& scheduled = c["modes"][1]["outcome"];
  const Json& cicd = c["modes"][2]["outcome"];
  // Same traffic, same first model: the same accuracy until a mode acts.
  for (std::size_t w = 0; w <= 6; ++w) {
    CHECK(c["modes"][0]["quality"][w] == c["modes"][1]["quality"][w]);
    CHECK(c["modes"][0]["quality"][w] == c["modes"][2]["quality"][w]);
  }
  CHECK(manual["days_to_recover"].is_null());  // never: nobody acted
  CHECK(scheduled["days_to_recover"] == 5.0);  // the retraining due on day 10
  CHECK(cicd["days_to_recover"] == 2.0);       // the alert of day 5, the labels of day 5 on day 6
  CHECK(manual["retrainings"] == 0);
  CHECK(scheduled["retrainings"] == 2);
  CHECK(cicd["retrainings"] == 1);
  CHECK(manual["cost"] == 0.0);
  CHECK(cicd["cost"].get<double>() > 0);
  CHECK(scheduled["cost"].get<double>() > cicd["cost"].get<double>());
  CHECK(cicd["mean_after"].get<double>() > scheduled["mean_after"].get<double>());
  CHECK(scheduled["mean_after"].get<double>() > manual["mean_after"].get<double>());
  CHECK(c["modes"][2]["promotion_windows"] == Json::array({6}));
  const Json only = s.call("simulation.compare", {{"scenario", scenario_file("iris-sudden-shift")}, {"table", table},
                                                  {"modes", {"cicd"}}, {"windows", true}});
  CHECK(only["modes"][0]["quality"] == c["modes"][2]["quality"]);
  CHECK(only["modes"][0]["windows"].size() == 20);
}

TEST_CASE("A simulated workspace replays from its log, the finished simulation recorded by one simulation.record",
          "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-sudden-shift"), "cicd");
  const Json state = play(s);
  const mlcore::ops::Workspace ws = mlcore::api::current_workspace(s);
  const auto& last = ws.log.back();
  CHECK(last.command["type"] == "simulation.record");
  CHECK(last.command["mode"] == "cicd");
  CHECK(last.command["seed"] == 7);
  CHECK(last.command["windows"] == 20);
  CHECK(last.command["summary"]["quality"] == state["series"]["quality"]);
  CHECK(last.command["summary"]["pipeline_runs"] == Json::array({"iris-retrain-gated#1"}));
  CHECK(last.command["summary"]["releases"] == Json::array({"Release-2"}));
  CHECK(mlcore::ops::replay(ws.log) == ws);
  Session other;
  mlcore::api::import_workspace(other, mlcore::api::export_workspace(s));
  CHECK(mlcore::api::current_workspace(other) == ws);
  // The clock: window k closes exactly k + 1 days after the first one opened.
  CHECK(state["windows"][19]["closed"].get<double>() == state["started"].get<double>() + 20 * 86400);
}

TEST_CASE("A second simulation finds its model already in PROD and starts from the workspace as it is", "[simulation]") {
  Session s;
  const Json first = start_simulation(s, scenario_file("iris-sudden-shift"), "cicd");
  CHECK(first["setup"]["found"] == false);
  CHECK(first["setup"]["release"]["approval"]["by"] == "Approver");
  play(s);
  const Json again = s.call("simulation.start", {{"scenario", scenario_file("iris-sudden-shift")}, {"mode", "manual"}});
  CHECK(again["setup"]["found"] == true);  // its data from the workspace's dataset version IRIS
  CHECK(again["setup"]["version"] == 2);
  CHECK(again["next_window"] == 0);
}

TEST_CASE("The simulation commands refuse what cannot be done with a stable code", "[simulation]") {
  Session s;
  CHECK(code_of([&] { s.call("simulation.step", Json::object()); }) == "sim.not_started");
  CHECK(code_of([&] { s.call("simulation.start", {{"scenario", scenario_file("iris-sudden-shift")}}); }) == "sim.no_data");
  int table = 0;
  load_builtin(s, "iris", &table);
  CHECK(code_of([&] { s.call("simulation.start", {{"scenario", scenario_file("iris-sudden-shift")}, {"mode", "auto"}, {"table", table}}); }) ==
        "sim.bad_mode");
  Json small = scenario_file("iris-sudden-shift");
  small["days"] = 2;
  s.call("simulation.start", {{"scenario", small}, {"table", table}});
  CHECK(code_of([&] { s.call("simulation.act", {{"retrain", true}}); }) == "sim.no_traffic");
  s.call("simulation.step", {{"windows", 1}});
  CHECK(s.call("simulation.act", {{"retrain", true}})["status"] == "skipped");  // day 0's labels come tomorrow
  s.call("simulation.step", {{"windows", 5}});
  CHECK(code_of([&] { s.call("simulation.step", Json::object()); }) == "sim.finished");
  CHECK(code_of([&] { s.call("simulation.act", {{"retrain", false}}); }) == "api.bad_args");
  // Stopping a simulation half-way records what it played.
  small["days"] = 4;
  s.call("simulation.start", {{"scenario", small}, {"table", table}});
  s.call("simulation.step", {{"windows", 2}});
  const Json stopped = s.call("simulation.stop", Json::object());
  CHECK(stopped["windows"] == 2);
  CHECK(mlcore::api::current_workspace(s).log.back().command["windows"] == 2);
  CHECK(code_of([&] { s.call("simulation.state", Json::object()); }) == "sim.not_started");
}

// Triggers: a saved pipeline whose trigger names IRIS runs once after a new IRIS version is
// registered (and not for versions it registered itself); a daily schedule runs twice when the
// simulated clock moves two days; trigger forms are normalised or refused.
#include <catch2/catch.hpp>

#include "core/api/workspace_state.hpp"
#include "core/ops/pipeline/triggers.hpp"
#include "error_checks.hpp"
#include "test_pipeline_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;

namespace {

// Retraining on the latest IRIS: train and register, no upload of its own.
Json retrain_spec() {
  Json spec = mlplay_test::iris_build_spec();
  spec["name"] = "iris-retrain";
  auto& steps = spec["stages"][0]["jobs"][0]["steps"];
  steps = Json::array({steps[5], steps[6]});
  steps[0]["inputs"].erase("compute");
  return spec;
}

// Registers the header and the first `rows` rows of iris.csv as the next IRIS version.
int register_iris(Session& s, int rows) {
  const std::string csv = mlplay_test::source_file("datasets/iris.csv");
  std::size_t cut = 0;
  for (int i = 0; i <= rows; ++i) cut = csv.find('\n', cut) + 1;
  const int id = mlcore::api::keep_table(s, mlcore::data::read_csv(csv.substr(0, cut)), "iris.csv");
  return s.call("data.dataset.register", {{"table", id}, {"name", "IRIS"}})["number"];
}

}  // namespace

TEST_CASE("A pipeline triggered by IRIS runs once after a new IRIS version, on that version", "[pipeline_triggers]") {
  Session s;
  REQUIRE(register_iris(s, 150) == 1);
  s.call("variables.set_group", {{"name", "IRISBuildVG"}, {"variables", mlplay_test::iris_build_group()["variables"]}});
  s.call("pipeline.save", {{"spec", retrain_spec()}, {"trigger", {{"dataset", "IRIS"}}}});
  // IRIS:1 existed when it was saved: nothing is due.
  CHECK(s.call("pipeline.tick", {{"seconds", 0}})["ran"].empty());
  REQUIRE(register_iris(s, 120) == 2);
  const Json ran = s.call("pipeline.tick", {{"seconds", 0}})["ran"];
  REQUIRE(ran.size() == 1);
  CHECK(ran[0]["id"] == "iris-retrain#1");
  CHECK(ran[0]["status"] == "succeeded");
  CHECK(ran[0]["trigger"] == Json{{"type", "dataset"}, {"dataset", "IRIS"}, {"version", 2}});
  const auto& ws = mlcore::api::current_workspace(s);
  CHECK(mlcore::ops::lineage_of_model(ws, "IRIS", 1)["dataset"]["version"] == 2);
  // Once only.
  CHECK(s.call("pipeline.tick", {{"seconds", 3600}})["ran"].empty());
  CHECK(ws.pipelines.runs().size() == 1);
}

TEST_CASE("A run that registers a new IRIS version triggers the IRIS pipeline but never itself", "[pipeline_triggers]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  s.call("variables.set_group", {{"name", "IRISBuildVG"}, {"variables", mlplay_test::iris_build_group()["variables"]}});
  Json build = mlplay_test::iris_build_spec();
  build["trigger"] = {{"dataset", "IRIS"}};
  s.call("pipeline.save", {{"spec", build}});
  s.call("pipeline.save", {{"spec", retrain_spec()}, {"trigger", {{"dataset", "IRIS"}}}});
  const Json r = s.call("pipeline.run", {{"name", "iris-build"}, {"data", {{"iris", table}}}});
  CHECK(r["run"]["status"] == "succeeded");
  REQUIRE(r["triggered"].size() == 1);
  CHECK(r["triggered"][0]["pipeline"] == "iris-retrain");
  CHECK(mlcore::api::current_workspace(s).pipelines.runs().size() == 2);
}

TEST_CASE("Ticking two days runs a daily schedule twice, at its due times", "[pipeline_triggers]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  s.call("variables.set_group", {{"name", "IRISBuildVG"}, {"variables", mlplay_test::iris_build_group()["variables"]}});
  const Json saved = s.call("pipeline.save", {{"spec", mlplay_test::iris_build_spec()}, {"trigger", {{"schedule", {{"every", 86400}}}}}});
  const double t0 = saved["saved"];
  const Json ran = s.call("pipeline.tick", {{"seconds", 2 * 86400}, {"data", {{"iris", table}}}})["ran"];
  REQUIRE(ran.size() == 2);
  CHECK(ran[0]["trigger"] == Json{{"type", "schedule"}, {"due", t0 + 86400}});
  CHECK(ran[0]["started"] == t0 + 86400);
  CHECK(ran[1]["trigger"] == Json{{"type", "schedule"}, {"due", t0 + 2 * 86400}});
  CHECK(ran[1]["status"] == "succeeded");
  CHECK(mlcore::api::current_workspace(s).models.model("IRIS").versions.size() == 2);
  // The clock moved two days and the second run's length.
  CHECK(mlcore::api::current_workspace(s).clock == ran[1]["finished"]);
  // Half a day more: nothing due.
  CHECK(s.call("pipeline.tick", {{"seconds", 43200}})["ran"].empty());
  // The workspace with its scheduled runs still replays to itself.
  const auto& ws = mlcore::api::current_workspace(s);
  CHECK(mlcore::ops::replay(ws.log) == ws);
}

TEST_CASE("Trigger forms normalise, and bad ones are pipeline.bad_trigger", "[pipeline_triggers]") {
  using mlcore::ops::normalise_trigger;
  CHECK(normalise_trigger("manual") == Json{{"type", "manual"}});
  CHECK(normalise_trigger(nullptr) == Json{{"type", "manual"}});
  CHECK(normalise_trigger(Json{{"dataset", "IRIS"}}) == Json{{"type", "dataset"}, {"dataset", "IRIS"}});
  CHECK(normalise_trigger(Json{{"schedule", {{"every", 86400}}}}) == Json{{"type", "schedule"}, {"every", 86400}});
  CHECK(normalise_trigger(Json{{"type", "schedule"}, {"every", 3600}}) == Json{{"type", "schedule"}, {"every", 3600}});
  for (const Json& bad : {Json("nightly"), Json{{"schedule", {{"every", 10}}}}, Json{{"dataset", 3}}, Json::array()})
    CHECK(mlplay_test::code_of([&] { normalise_trigger(bad); }) == "pipeline.bad_trigger");
}

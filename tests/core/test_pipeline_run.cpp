// The default IRIS build pipeline run in a session: it succeeds with the tutorial's steps in the
// tutorial's order, registers IRIS:1 whose lineage names the pipeline run and the dataset
// version, keeps every step on the simulated clock, and is deterministic; its commands replay
// to an equal workspace, the JSON and the workspace file round trip, and a second run uses the
// workspace and compute the first created.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/api/workspace_state.hpp"
#include "core/ops/workspace.hpp"
#include "core/ops/workspace_file.hpp"
#include "test_pipeline_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using mlplay_test::iris_build_spec;
using mlplay_test::run_args;

namespace {

Json run_default(Session& s) {
  int table = 0;
  mlplay_test::load_iris(s, &table);
  return s.call("pipeline.run", run_args(iris_build_spec(), table))["run"];
}

std::vector<std::string> names_of(const Json& run) {
  std::vector<std::string> out;
  for (const auto& s : run["steps"]) out.push_back(s["name"].get<std::string>() + " (" + s["kind"].get<std::string>() + ")");
  return out;
}

}  // namespace

TEST_CASE("The default IRIS pipeline succeeds with the tutorial's eight steps in order", "[pipeline]") {
  Session s;
  const Json run = run_default(s);
  CHECK(run["status"] == "succeeded");
  CHECK(run["id"] == "iris-build#1");
  CHECK(run["trigger"] == Json{{"type", "manual"}});
  CHECK(names_of(run) == std::vector<std::string>{
                             "Install dependencies (install_dependencies)", "Create/use workspace (create_workspace)",
                             "Create/use compute (create_compute)", "Upload data (upload_data)",
                             "Create metadata folder (create_folder)", "Train (train)", "Register model (register_model)",
                             "Publish pipeline artifact (publish_artifact)"});
  for (const auto& st : run["steps"]) {
    CHECK(st["status"] == "succeeded");
    CHECK(st["log"].front()["text"] == "##[section]Starting: " + st["name"].get<std::string>());
    CHECK(st["log"].back()["text"] == "##[section]Finishing: " + st["name"].get<std::string>());
  }
  CHECK(run["stages"][0]["status"] == "succeeded");
  CHECK(run["stages"][0]["jobs"][0]["status"] == "succeeded");
  // The artifact holds what the steps wrote into the folders the tutorial creates.
  CHECK(run["steps"][7]["outputs"]["artifact"]["files"] ==
        Json::array({"metadata/model.json", "metadata/run.json", "models/iris_model.json"}));
}

TEST_CASE("The default pipeline registers IRIS:1 whose lineage names its pipeline run and IRIS:1 data", "[pipeline]") {
  Session s;
  const Json run = run_default(s);
  const auto& ws = mlcore::api::current_workspace(s);
  const auto& v = ws.models.version("IRIS", 1);
  CHECK(v.tags == std::map<std::string, std::string>{{"data", "IRIS"}, {"model", "Decision Tree"}});
  CHECK(v.created_by == "Pipeline");
  const Json lineage = mlcore::ops::lineage_of_model(ws, "IRIS", 1);
  CHECK(lineage["pipeline_run"] == Json{{"id", "iris-build#1"}, {"pipeline", "iris-build"}, {"number", 1}});
  CHECK(lineage["dataset"]["name"] == "IRIS");
  CHECK(lineage["dataset"]["version"] == 1);
  CHECK(lineage["run"]["id"] == run["steps"][5]["outputs"]["run"]);
  CHECK(lineage["run"]["family"] == "decision_tree");
  const auto& tracked = ws.tracking.run(lineage["run"]["id"].get<std::string>());
  CHECK(tracked.tags.at("pipeline_run") == "iris-build#1");
  CHECK(tracked.params["seed"] == 1984);
  CHECK(tracked.metrics.at("accuracy") == run["steps"][5]["outputs"]["metrics"]["accuracy"].get<double>());
  CHECK(run["requested_by"] == "Data Scientist");
}

TEST_CASE("Steps follow each other on the simulated clock and the work lands at its step's time", "[pipeline]") {
  Session s;
  const Json run = run_default(s);
  // Timeline worked out from the step kinds' documented durations: the group is added at 60 s;
  // install 2 + 5 x 4 + 10 + 10 = 42 s, workspace 45 s, compute 63 s, upload 6 s, folder 1 s,
  // train 180 + 45 + 22 = 247 s, register 60 s (one command), publish 3 + 3 files = 6 s.
  const std::vector<double> finished = {102, 147, 210, 216, 217, 464, 524, 530};
  CHECK(run["started"] == 60);
  for (std::size_t i = 0; i < finished.size(); ++i) {
    CHECK(run["steps"][i]["started"] == (i == 0 ? 60 : finished[i - 1]));
    CHECK(run["steps"][i]["finished"] == finished[i]);
  }
  CHECK(run["finished"] == 530);
  const auto& ws = mlcore::api::current_workspace(s);
  CHECK(ws.clock == 530);
  CHECK(ws.datasets.version("IRIS", 1).created == 216);
  CHECK(ws.tracking.run("run-1").end_time == 464);
  CHECK(ws.models.version("IRIS", 1).created == 524);
  CHECK(ws.log.back().command["type"] == "pipeline.record_run");
  CHECK(ws.log.back().time == 530);
}

TEST_CASE("The same spec run in two fresh workspaces gives identical steps, logs and metrics", "[pipeline]") {
  Session a, b;
  const Json ra = run_default(a), rb = run_default(b);
  CHECK(ra == rb);
  CHECK(mlcore::api::current_workspace(a) == mlcore::api::current_workspace(b));
}

TEST_CASE("Replaying the log of a workspace with a pipeline run rebuilds it, and JSON and file round trip",
          "[pipeline]") {
  Session s;
  run_default(s);
  const mlcore::ops::Workspace ws = mlcore::api::current_workspace(s);
  REQUIRE(ws.pipelines.runs().size() == 1);
  CHECK(mlcore::ops::replay(ws.log) == ws);
  CHECK(Json(ws).get<mlcore::ops::Workspace>() == ws);
  Session other;
  other.call("workspace.import", {{"text", mlcore::api::export_workspace(s)}});
  CHECK(mlcore::api::current_workspace(other) == ws);
  // Undo takes back the record, then the registration, like any other command.
  s.call("workspace.undo", Json::object());
  CHECK(mlcore::api::current_workspace(s).pipelines.runs().empty());
  CHECK(mlcore::api::current_workspace(s).models.contains("IRIS"));
}

TEST_CASE("A second run uses the workspace, compute and data version the first one created", "[pipeline]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  s.call("pipeline.run", run_args(iris_build_spec(), table));
  const Json second = s.call("pipeline.run", run_args(iris_build_spec(), table))["run"];
  CHECK(second["id"] == "iris-build#2");
  CHECK(second["status"] == "succeeded");
  CHECK(second["steps"][1]["log"][2]["text"].get<std::string>().rfind("Using the existing workspace iris_workspace", 0) == 0);
  CHECK(second["steps"][2]["log"][2]["text"].get<std::string>().rfind("Using the existing compute iriscompute", 0) == 0);
  CHECK(second["steps"][3]["outputs"]["dataset"] == Json{{"name", "IRIS"}, {"version", 1},
                                                         {"hash", second["steps"][3]["outputs"]["dataset"]["hash"]},
                                                         {"created", false}});
  const auto& ws = mlcore::api::current_workspace(s);
  CHECK(ws.models.model("IRIS").versions.size() == 2);
  CHECK(mlcore::ops::lineage_of_model(ws, "IRIS", 2)["pipeline_run"]["id"] == "iris-build#2");
  CHECK(s.call("pipeline.runs", {{"logs", false}})["runs"].size() == 2);
}

TEST_CASE("A data source the run was not given fails the upload step with pipeline.unknown_source", "[pipeline]") {
  Session s;
  Json args = run_args(iris_build_spec(), 0);
  args.erase("data");
  const Json run = s.call("pipeline.run", args)["run"];
  CHECK(run["status"] == "failed");
  CHECK(run["steps"][3]["error"]["code"] == "pipeline.unknown_source");
  CHECK(mlplay_test::step_statuses(run) == std::vector<std::string>{"succeeded", "succeeded", "succeeded", "failed",
                                                                     "skipped", "skipped", "skipped", "skipped"});
}

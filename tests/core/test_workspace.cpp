// The workspace as a value changed only by commands: a scripted IRIS session against a state
// built by hand, the log, replay, the JSON round trip, the strong guarantee of a failing command,
// undo and redo, the errors of a bad saved file, and lineage.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ops/workspace.hpp"
#include "error_checks.hpp"

using mlcore::ops::History;
using mlcore::ops::LoggedCommand;
using mlcore::ops::ModelVersionInput;
using mlcore::ops::RunStatus;
using mlcore::ops::Stage;
using mlcore::ops::Workspace;
using mlplay_test::code_of;
using nlohmann::json;

namespace {

const std::string kHash = "0123456789abcdef0123456789abcdef";
const std::string kScientist = "Data Scientist";
const std::string kApprover = "Approver";
const std::string kEngineer = "ML Engineer";

json iris_schema() {
  return {{"columns", {{{"name", "sepal_length"}, {"type", "float"}},
                       {{"name", "species"}, {"type", "categorical"}, {"categories", {"setosa", "versicolor"}}}}}};
}

json iris_ref() { return {{"name", "IRIS"}, {"version", 1}}; }

struct Step {
  json command;
  std::string actor;
  double time;  // what the simulated clock should read once the command is applied
};

// The session a student clicks through: data, two runs, two model versions, a promotion, an alias.
std::vector<Step> script() {
  return {
      {{{"type", "dataset.register_version"}, {"name", "IRIS"}, {"hash", kHash}, {"schema", iris_schema()},
        {"rows", 150}, {"source", "iris.csv"}}, kScientist, 60},
      {{{"type", "experiment.create"}, {"name", "IRISExperiment"}}, kScientist, 120},
      {{{"type", "run.start"}, {"experiment", "IRISExperiment"}, {"family", "decision_tree"},
        {"params", {{"max_depth", 3}}}, {"dataset", iris_ref()}}, kScientist, 180},
      {{{"type", "run.log_metric"}, {"run", "run-1"}, {"name", "accuracy"}, {"value", 0.9}}, kScientist, 240},
      {{{"type", "run.finish"}, {"run", "run-1"}, {"status", "finished"}, {"duration", 30}}, kScientist, 270},
      {{{"type", "run.start"}, {"experiment", "IRISExperiment"}, {"family", "logistic_regression"},
        {"params", {{"C", 0.5}}}, {"dataset", iris_ref()}}, kScientist, 330},
      {{{"type", "run.log_metric"}, {"run", "run-2"}, {"name", "accuracy"}, {"value", 0.96}, {"step", 1}}, kScientist, 390},
      {{{"type", "run.finish"}, {"run", "run-2"}, {"status", "finished"}}, kScientist, 450},
      {{{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-1"}}, kScientist, 510},
      {{{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-2"}}, kScientist, 570},
      {{{"type", "model.transition"}, {"name", "IRIS"}, {"version", 2}, {"stage", "Production"},
        {"comment", "best accuracy"}}, kApprover, 630},
      {{{"type", "model.set_alias"}, {"name", "IRIS"}, {"alias", "champion"}, {"version", 2}}, kEngineer, 690},
  };
}

Workspace session() {
  Workspace ws;
  for (const Step& s : script()) mlcore::ops::apply(ws, s.command, s.actor);
  return ws;
}

// The same state built directly with the registries, as a reader would work it out by hand.
Workspace expected_session() {
  Workspace w;
  w.datasets.register_version("IRIS", kHash, iris_schema().get<mlcore::data::Schema>(), 150, {60, "iris.csv", nullptr});
  const json ds = {{"name", "IRIS"}, {"version", 1}, {"hash", kHash}};
  w.tracking.create_experiment("IRISExperiment", 120);
  w.tracking.start_run("IRISExperiment", 180, "decision_tree", {{"max_depth", 3}}, ds);
  w.tracking.log_metric("run-1", "accuracy", 0.9);
  w.tracking.finish_run("run-1", RunStatus::finished, 270);
  w.tracking.start_run("IRISExperiment", 330, "logistic_regression", {{"C", 0.5}}, ds);
  w.tracking.log_metric("run-2", "accuracy", 0.96, 1);
  w.tracking.finish_run("run-2", RunStatus::finished, 450);
  for (int v = 1; v <= 2; ++v) {
    ModelVersionInput in;
    in.run_id = "run-" + std::to_string(v);
    in.dataset = ds;
    in.created = v == 1 ? 510 : 570;
    in.created_by = kScientist;
    w.models.register_version("IRIS", in);
  }
  w.models.transition("IRIS", 2, Stage::Production, 630, kApprover, "best accuracy");
  w.models.set_alias("IRIS", "champion", 2, 690, kEngineer);
  w.clock = 690;
  const std::vector<Step> steps = script();
  for (std::size_t i = 0; i < steps.size(); ++i)
    w.log.push_back(LoggedCommand{i + 1, steps[i].time, steps[i].actor, steps[i].command});
  return w;
}

}  // namespace

TEST_CASE("A scripted IRIS session gives the state worked out by hand", "[workspace]") {
  const Workspace ws = session();
  CHECK(ws == expected_session());
  CHECK(ws.tracking.run("run-2").metrics.at("accuracy") == 0.96);
  CHECK(ws.tracking.run("run-1").params == json{{"max_depth", 3}});
  CHECK(ws.models.version("IRIS", 2).stage == Stage::Production);
  CHECK(ws.models.version("IRIS", 1).stage == Stage::None);
  CHECK(ws.models.version("IRIS", 1).created_by == kScientist);
  CHECK(ws.models.version("IRIS", 2).history.back().by == kApprover);
  CHECK(ws.models.model("IRIS").aliases.at("champion") == 2);
  CHECK(ws.models.resolve("IRIS@champion").run_id == "run-2");
}

TEST_CASE("The log numbers commands from 1 with increasing simulated time", "[workspace]") {
  const Workspace ws = session();
  REQUIRE(ws.log.size() == script().size());
  for (std::size_t i = 0; i < ws.log.size(); ++i) {
    CHECK(ws.log[i].seq == i + 1);
    if (i > 0) CHECK(ws.log[i].time > ws.log[i - 1].time);
  }
  CHECK(ws.log.front().time == 60);  // the default duration is 60 simulated seconds
  CHECK(ws.log[4].time == ws.log[3].time + 30);  // an explicit duration
  CHECK(ws.log.back().actor == kEngineer);
  CHECK(ws.clock == ws.log.back().time);
}

TEST_CASE("Replaying the log of a workspace gives an equal workspace", "[workspace]") {
  const Workspace ws = session();
  CHECK(mlcore::ops::replay(ws.log) == ws);
  CHECK(mlcore::ops::replay({}) == Workspace{});
  std::vector<LoggedCommand> gap = ws.log;
  gap.erase(gap.begin() + 2);
  CHECK(code_of([&] { mlcore::ops::replay(gap); }) == "workspace.corrupt");
}

TEST_CASE("The JSON round trip gives an equal workspace", "[workspace]") {
  const Workspace ws = session();
  const json j = ws;
  CHECK(j["format"] == "mlplay.workspace");
  CHECK(j["schema_version"] == 1);
  CHECK(json::parse(j.dump()).get<Workspace>() == ws);
  CHECK(json(Workspace{}).get<Workspace>() == Workspace{});
}

TEST_CASE("A failing command leaves the workspace as it was and is not logged", "[workspace]") {
  Workspace ws = session();
  const Workspace before = ws;
  CHECK(code_of([&] {
          mlcore::ops::apply(ws, {{"type", "run.log_metric"}, {"run", "run-9"}, {"name", "f1"}, {"value", 0.5}}, kScientist);
        }) == "tracking.unknown_run");
  CHECK(ws == before);
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-9"}}, kScientist); }) ==
        "tracking.unknown_run");
  CHECK(code_of([&] {
          mlcore::ops::apply(ws, {{"type", "model.transition"}, {"name", "IRIS"}, {"version", 2}, {"stage", "Production"}},
                             kApprover);
        }) == "registry.bad_stage");
  CHECK(code_of([&] {
          mlcore::ops::apply(ws, {{"type", "run.start"}, {"experiment", "Other"}, {"family", "knn"},
                                  {"dataset", {{"name", "IRIS"}, {"version", 7}}}}, kScientist);
        }) == "dataset.unknown_version");
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "run.finish"}, {"run", "run-1"}, {"status", "finished"}}, kScientist); }) ==
        "tracking.run_not_running");
  CHECK(ws == before);
  CHECK(ws.tracking.find_experiment("Other") == nullptr);
}

TEST_CASE("Malformed commands are rejected naming the field or the known types", "[workspace]") {
  Workspace ws = session();
  const Workspace before = ws;
  std::string message;
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "run.set_tag"}, {"run", "run-1"}, {"key", "team"}}, kScientist); },
                &message) == "workspace.bad_command");
  CHECK(message.find("'value'") != std::string::npos);
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "model.set_alias"}, {"name", "IRIS"}, {"alias", "a"}, {"version", "2"}}, kEngineer); },
                &message) == "workspace.bad_command");
  CHECK(message.find("'version'") != std::string::npos);
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "run.set_note"}, {"run", "run-1"}, {"note", "x"}, {"notes", "y"}}, kScientist); },
                &message) == "workspace.bad_command");
  CHECK(message.find("'notes'") != std::string::npos);
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "experiment.create"}, {"name", "E"}, {"duration", -1}}, kScientist); },
                &message) == "workspace.bad_command");
  CHECK(message.find("'duration'") != std::string::npos);
  CHECK(code_of([&] { mlcore::ops::apply(ws, json::array(), kScientist); }) == "workspace.bad_command");
  CHECK(code_of([&] { mlcore::ops::apply(ws, {{"type", "model.delete"}, {"name", "IRIS"}}, kScientist); }, &message) ==
        "workspace.unknown_command");
  CHECK(message.find("model.rollback") != std::string::npos);
  CHECK(message.find("dataset.register_version") != std::string::npos);
  CHECK(ws == before);
}

TEST_CASE("Undo twice then redo once gives the state before the alias", "[workspace]") {
  History h;
  for (const Step& s : script()) h.apply(s.command, s.actor);
  CHECK(h.undo());
  CHECK(h.undo());
  CHECK(h.current().log.size() == script().size() - 2);
  CHECK(h.current().models.version("IRIS", 2).stage == Stage::None);
  CHECK(h.redo());
  const Workspace& ws = h.current();
  CHECK(ws.log.size() == script().size() - 1);
  CHECK(ws.clock == 630);
  CHECK(ws.log.back().seq == script().size() - 1);
  CHECK(ws.models.version("IRIS", 2).stage == Stage::Production);
  CHECK(ws.models.model("IRIS").aliases.empty());
  Workspace expected = expected_session();
  expected.log.pop_back();
  CHECK(ws == mlcore::ops::replay(expected.log));
  CHECK(h.can_redo());
  // A new command starts a new branch: the undone alias can no longer be redone.
  h.apply({{"type", "model.set_alias"}, {"name", "IRIS"}, {"alias", "baseline"}, {"version", 1}}, kEngineer);
  CHECK_FALSE(h.can_redo());
  CHECK_FALSE(h.redo());
}

TEST_CASE("Undo and redo on an empty history do nothing", "[workspace]") {
  History h;
  CHECK_FALSE(h.undo());
  CHECK_FALSE(h.redo());
  CHECK(h.current() == Workspace{});
}

TEST_CASE("Saved workspaces that are newer, damaged or foreign are refused with their codes", "[workspace]") {
  const json good = session();
  Workspace target = session();
  const Workspace before = target;
  std::string message;

  json newer = good;
  newer["schema_version"] = 2;
  CHECK(code_of([&] { mlcore::ops::from_json(newer, target); }, &message) == "workspace.schema_newer");
  CHECK(message.find("schema version 1") != std::string::npos);

  json no_format = good;
  no_format.erase("format");
  CHECK(code_of([&] { mlcore::ops::from_json(no_format, target); }) == "workspace.foreign");
  CHECK(code_of([&] { mlcore::ops::from_json(json{{"format", "mlplay.model"}}, target); }) == "workspace.foreign");
  CHECK(code_of([&] { mlcore::ops::from_json(json::array(), target); }) == "workspace.foreign");

  json bad_models = good;
  bad_models["models"]["models"][0]["versions"][1]["stage"] = "Sideways";
  CHECK(code_of([&] { mlcore::ops::from_json(bad_models, target); }, &message) == "workspace.corrupt");
  CHECK(message.find("models") != std::string::npos);

  json bad_seq = good;
  bad_seq["log"][3]["seq"] = "four";
  CHECK(code_of([&] { mlcore::ops::from_json(bad_seq, target); }, &message) == "workspace.corrupt");
  CHECK(message.find("log[3].seq") != std::string::npos);

  json disagrees = good;  // a state edited by hand no longer follows from the log
  disagrees["log"].erase(disagrees["log"].size() - 1);
  CHECK(code_of([&] { mlcore::ops::from_json(disagrees, target); }) == "workspace.corrupt");

  json no_clock = good;
  no_clock.erase("clock");
  CHECK(code_of([&] { mlcore::ops::from_json(no_clock, target); }, &message) == "workspace.corrupt");
  CHECK(message.find("clock") != std::string::npos);
  CHECK(target == before);
}

TEST_CASE("Lineage of IRIS:2 names its run and dataset version", "[workspace]") {
  const Workspace ws = session();
  const json model = mlcore::ops::lineage_of_model(ws, "IRIS", 2);
  CHECK(model["model"]["reference"] == "IRIS:2");
  CHECK(model["model"]["stage"] == "Production");
  CHECK(model["run"]["id"] == "run-2");
  CHECK(model["run"]["family"] == "logistic_regression");
  CHECK(model["dataset"] == json{{"name", "IRIS"}, {"version", 1}, {"hash", kHash}});
  CHECK(code_of([&] { mlcore::ops::lineage_of_model(ws, "IRIS", 3); }) == "registry.unknown_version");

  const json data = mlcore::ops::lineage_of_dataset(ws, "IRIS", 1);
  CHECK(data["runs"] == json{"run-1", "run-2"});
  CHECK(data["models"].size() == 2);
  CHECK(data["models"][1] == json{{"name", "IRIS"}, {"version", 2}, {"run", "run-2"}});
  CHECK(code_of([&] { mlcore::ops::lineage_of_dataset(ws, "IRIS", 2); }) == "dataset.unknown_version");
}

TEST_CASE("Pipeline commands replay: variable groups, a saved pipeline, clock ticks and a recorded run", "[workspace]") {
  Workspace ws = session();
  const json run = {{"type", "pipeline.record_run"}, {"pipeline", "iris-build"}, {"trigger", {{"type", "manual"}}},
                    {"status", "succeeded"}, {"started", 700}, {"finished", 800}, {"duration", 110},
                    {"steps", {{{"stage", "Build"}, {"job", "Train"}, {"name", "Register model"}, {"kind", "register_model"},
                                {"status", "succeeded"}, {"started", 700}, {"finished", 800},
                                {"log", {{{"time", 700}, {"text", "##[section]Starting: Register model"}}}},
                                {"outputs", {{"model", {{"name", "IRIS"}, {"version", 2}}}}}}}},
                    {"cost", {{"currency", "USD"}, {"total", 0}, {"items", json::array()}}}};
  mlcore::ops::apply(ws, {{"type", "variables.set_group"}, {"name", "IRISBuildVG"}, {"variables", {{"ml.region", "eastus"}}}}, kEngineer);
  mlcore::ops::apply(ws, {{"type", "pipeline.save"}, {"name", "iris-build"}, {"spec", {{"name", "iris-build"}}},
                          {"trigger", {{"schedule", {{"every", 86400}}}}}}, kEngineer);
  mlcore::ops::apply(ws, {{"type", "clock.advance"}, {"reason", "test"}, {"duration", 0}}, kEngineer);
  mlcore::ops::apply(ws, run, kEngineer);
  REQUIRE(ws.pipelines.runs().size() == 1);
  CHECK(ws.pipelines.runs()[0]["id"] == "iris-build#1");
  CHECK(ws.pipelines.pipeline("iris-build").trigger == json{{"type", "schedule"}, {"every", 86400}});
  CHECK(mlcore::ops::replay(ws.log) == ws);
  CHECK(json::parse(json(ws).dump()).get<Workspace>() == ws);
  CHECK(mlcore::ops::lineage_of_model(ws, "IRIS", 2)["pipeline_run"]["id"] == "iris-build#1");
  // A workspace saved before pipelines existed has no "pipelines" part and still reads.
  json old = session();
  CHECK_FALSE(old.contains("pipelines"));
  CHECK(old.get<Workspace>() == session());
  // A record that finishes after the time it is applied is refused without a trace.
  json late = run;
  late["duration"] = 0;
  late["finished"] = 99999;
  const Workspace before = ws;
  CHECK(code_of([&] { mlcore::ops::apply(ws, late, kEngineer); }) == "pipeline.bad_record");
  CHECK(ws == before);
}

// run.record: a whole finished training as one command, so one step of undo.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/ops/workspace.hpp"
#include "error_checks.hpp"

using mlcore::ops::History;
using mlcore::ops::RunStatus;
using mlcore::ops::Workspace;
using mlplay_test::code_of;
using nlohmann::json;

namespace {

json record(double duration) {
  return {{"type", "run.record"}, {"experiment", "IRISExperiment"}, {"family", "decision_tree"},
          {"params", {{"max_depth", 3}}}, {"series", {{"train_loss", {0.9, 0.5, 0.3}}}},
          {"metrics", {{"accuracy", 0.93}}}, {"tags", {{"model", "Decision Tree"}}},
          {"artifacts", {{"model", "model-0123"}}}, {"note", "first try"}, {"duration", duration}};
}

}  // namespace

TEST_CASE("run.record gives a finished run with its series at steps 1 to 3 and the last value as final", "[run_record]") {
  Workspace ws;
  mlcore::ops::apply(ws, {{"type", "experiment.create"}, {"name", "IRISExperiment"}}, "Data Scientist");  // t = 60
  mlcore::ops::apply(ws, record(45), "Data Scientist");  // ends at 60 + 45 = 105
  const auto& run = ws.tracking.run("run-1");
  CHECK(run.status == RunStatus::finished);
  REQUIRE(run.end_time);
  CHECK(*run.end_time == 105);
  CHECK(run.start_time == *run.end_time - 45);
  const auto& loss = run.series.at("train_loss");
  REQUIRE(loss.size() == 3);
  CHECK(loss[0].step == 1);
  CHECK(loss[0].value == 0.9);
  CHECK(loss[1].step == 2);
  CHECK(loss[1].value == 0.5);
  CHECK(loss[2].step == 3);
  CHECK(loss[2].value == 0.3);
  CHECK(run.metrics.at("train_loss") == 0.3);
  CHECK(run.metrics.at("accuracy") == 0.93);
  CHECK(run.params == json{{"max_depth", 3}});
  CHECK(run.tags.at("model") == "Decision Tree");
  CHECK(run.artifacts.at("model") == "model-0123");
  CHECK(run.note == "first try");
  CHECK(ws.log.size() == 2);  // one command for the whole run
}

TEST_CASE("run.record with the default duration starts 60 s before it ends", "[run_record]") {
  Workspace ws;
  json c = record(0);
  c.erase("duration");
  mlcore::ops::apply(ws, c, "Data Scientist");
  const auto& run = ws.tracking.run("run-1");
  CHECK(run.start_time == 0);
  CHECK(*run.end_time == 60);
  CHECK(ws.tracking.experiment("IRISExperiment").created == 0);  // created with its first run
}

TEST_CASE("run.record can record a failed run, and a bad status is refused without a trace", "[run_record]") {
  Workspace ws;
  json failed = record(10);
  failed["status"] = "failed";
  mlcore::ops::apply(ws, failed, "Data Scientist");
  CHECK(ws.tracking.run("run-1").status == RunStatus::failed);
  const Workspace before = ws;
  json running = record(10);
  running["status"] = "running";
  CHECK(code_of([&] { mlcore::ops::apply(ws, running, "Data Scientist"); }) == "tracking.bad_status");
  json unknown = record(10);
  unknown["status"] = "paused";
  CHECK(code_of([&] { mlcore::ops::apply(ws, unknown, "Data Scientist"); }) == "tracking.bad_status");
  CHECK(ws == before);
}

TEST_CASE("Undo after run.record removes the whole run in one step, redo brings it back", "[run_record]") {
  History h;
  h.apply({{"type", "experiment.create"}, {"name", "IRISExperiment"}}, "Data Scientist");
  const Workspace before = h.current();
  h.apply(record(45), "Data Scientist");
  REQUIRE(h.current().tracking.runs().size() == 1);
  const Workspace with_run = h.current();
  REQUIRE(h.undo());
  CHECK(h.current().tracking.runs().empty());
  CHECK(h.current() == before);
  REQUIRE(h.redo());
  CHECK(h.current() == with_run);
}

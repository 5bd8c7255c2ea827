// Failure injection for teaching: each toggle fails the step that shows it, with the message a
// real run would give, marks every later step skipped and fails the job, the stage and the run;
// a toggle the pipeline has no step for, or an unknown one, is refused before anything runs.
#include <catch2/catch.hpp>

#include <regex>

#include "core/api/workspace_state.hpp"
#include "core/ops/pipeline/step_kind.hpp"
#include "error_checks.hpp"
#include "test_pipeline_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using mlplay_test::gated_spec;
using mlplay_test::run_args;
using mlplay_test::step_statuses;

namespace {

Json run_gated(Session& s, const std::string& failure) {
  int table = 0;
  mlplay_test::load_iris(s, &table);
  return s.call("pipeline.run", run_args(gated_spec(), table, Json::array({failure})))["run"];
}

// Statuses of the gated pipeline's eleven steps when step `failed` fails.
std::vector<std::string> failed_at(std::size_t failed) {
  std::vector<std::string> out(11, "succeeded");
  out[failed] = "failed";
  for (std::size_t i = failed + 1; i < out.size(); ++i) out[i] = "skipped";
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("The gated pipeline succeeds without failures and its gate passes", "[pipeline_failures]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  const Json run = s.call("pipeline.run", run_args(gated_spec(), table))["run"];
  CHECK(run["status"] == "succeeded");
  CHECK(step_statuses(run) == std::vector<std::string>(11, "succeeded"));
  CHECK(run["steps"][8]["outputs"]["passed"] == true);
  // The real data's duplicate row is only a warning: it does not block.
  const Json& warnings = run["steps"][4]["outputs"]["warnings"];
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]["code"] == "quality.duplicate_rows");
  CHECK(warnings[0]["blocking"] == false);
}

TEST_CASE("compute_quota fails create compute with QuotaExceeded naming the cores", "[pipeline_failures]") {
  Session s;
  const Json run = run_gated(s, "compute_quota");
  CHECK(run["status"] == "failed");
  CHECK(run["failures"] == Json::array({"compute_quota"}));
  CHECK(step_statuses(run) == failed_at(2));
  const Json& step = run["steps"][2];
  CHECK(step["error"]["code"] == "pipeline.quota_exceeded");
  const std::string message = step["error"]["message"];
  CHECK(message.rfind("QuotaExceeded: ", 0) == 0);
  CHECK(has(message, "Maximum allowed: 0"));
  CHECK(has(message, "Additional requested: 2 cores"));  // max 1 node x 2 cores of STANDARD_DS2_V2
  CHECK(step["log"][step["log"].size() - 2]["text"] == "##[error]" + message);
  CHECK(run["stages"][0]["jobs"][0]["status"] == "failed");
  CHECK(run["cost"]["total"] == 0);
  // Nothing was created, so nothing is used next time.
  CHECK(s.call("pipeline.runs", Json::object())["cloud"]["computes"].empty());
}

TEST_CASE("data_validation fails validate data with the quality warnings that failed it", "[pipeline_failures]") {
  Session s;
  const Json run = run_gated(s, "data_validation");
  CHECK(step_statuses(run) == failed_at(4));
  const Json& step = run["steps"][4];
  CHECK(step["name"] == "Validate data");
  CHECK(step["error"]["code"] == "pipeline.data_validation_failed");
  const std::string message = step["error"]["message"];
  CHECK(has(message, "quality.high_missing"));
  CHECK(has(message, "SepalLengthCm"));
  CHECK(has(message, "60 of 150"));  // 2 rows in every 5 lost
  CHECK(step["outputs"]["warnings"].size() == 1);
  CHECK(step["outputs"]["warnings"][0]["blocking"] == true);
  // Nothing was trained or registered.
  CHECK_FALSE(mlcore::api::current_workspace(s).models.contains("IRIS"));
}

TEST_CASE("quality_gate_miss trains on shuffled labels and fails the gate: accuracy below threshold 0.9",
          "[pipeline_failures]") {
  Session s;
  const Json run = run_gated(s, "quality_gate_miss");
  CHECK(step_statuses(run) == failed_at(8));
  const Json& gate = run["steps"][8];
  const double accuracy = run["steps"][6]["outputs"]["metrics"]["accuracy"];
  CHECK(accuracy < 0.9);
  CHECK(gate["outputs"]["value"] == accuracy);
  CHECK(gate["error"]["code"] == "pipeline.quality_gate_failed");
  const std::string message = gate["error"]["message"];
  CHECK(std::regex_match(message, std::regex("accuracy 0\\.[0-9]+ < threshold 0\\.9")));
  CHECK(message == "accuracy " + mlcore::ops::format_number(accuracy) + " < threshold 0.9");
  // The run was logged (and tagged), but no model version was registered.
  const auto& ws = mlcore::api::current_workspace(s);
  CHECK(ws.tracking.run("run-1").tags.at("failure_injection") == "quality_gate_miss");
  CHECK_FALSE(ws.models.contains("IRIS"));
}

TEST_CASE("A failure the pipeline has no step for, or an unknown one, is refused and nothing is logged",
          "[pipeline_failures]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  std::string message;
  CHECK(mlplay_test::code_of([&] {
          s.call("pipeline.run", run_args(mlplay_test::iris_build_spec(), table, Json::array({"quality_gate_miss"})));
        }, &message) == "pipeline.failure_without_step");
  CHECK(has(message, "compute_quota"));  // the failures the default pipeline can show
  CHECK(mlplay_test::code_of([&] {
          s.call("pipeline.run", run_args(gated_spec(), table, Json::array({"disk_full"})));
        }) == "pipeline.unknown_failure");
  CHECK(mlcore::api::current_workspace(s).log.empty());
}

TEST_CASE("continue_on_error lets the job go on after a failed step", "[pipeline_failures]") {
  Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  Json spec = gated_spec();
  spec["stages"][0]["jobs"][0]["steps"][8]["continue_on_error"] = true;
  const Json run = s.call("pipeline.run", run_args(spec, table, Json::array({"quality_gate_miss"})))["run"];
  CHECK(run["steps"][8]["status"] == "failed");
  CHECK(run["steps"][9]["status"] == "succeeded");
  CHECK(run["status"] == "succeeded");
}

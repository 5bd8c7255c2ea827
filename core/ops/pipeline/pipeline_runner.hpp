// Runs a checked pipeline spec: every step in order on the simulated clock, from the workspace's
// clock, each writing a timestamped log like a CI job log. A failed step (its reason logged as
// ##[error]) fails its job, its stage and the run, and every later step is skipped, unless the
// step has continue_on_error. The compute the steps used is charged by the cost meter. The run
// is then recorded with pipeline.record_run, so replaying the log rebuilds it without re-running
// anything; the work steps' own commands (dataset.register_version, run.record, model.register)
// are logged as they happen, each at its step's simulated time.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline_host.hpp"
#include "pipeline_spec.hpp"

namespace mlcore::ops {

struct RunOptions {
  nlohmann::json trigger = {{"type", "manual"}};  // what the record says started it
  std::vector<std::string> failures;              // injected (checked with check_failures first)
  std::string requested_by;                       // the role that asked, for the record
};

// The number the next run of `pipeline` gets (its runs so far + 1), which $(Build.BuildId) is.
int next_run_number(const PipelineStore& store, const std::string& pipeline);

// Runs the spec on the host and returns the recorded run: {"id", "number", "pipeline",
// "trigger", "status" (succeeded | failed), "started", "finished", "stages": [{"name",
// "status", "jobs": [{"name", "status"}]}], "steps": [{"stage", "job", "name", "kind",
// "status" (succeeded | failed | skipped), "started", "finished" (null when skipped), "log":
// [{"time", "text"}], "outputs"?, "error"?: {"code", "message"}}], "cost": {"currency": "USD",
// "total", "items": [charges]}, "failures", "requested_by"}.
nlohmann::json run_pipeline(PipelineHost& host, const PipelineSpec& spec, const RunOptions& options);

}  // namespace mlcore::ops

// See pipeline_runner.hpp.
#include "pipeline_runner.hpp"

#include "step_registry.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

std::string job_status(bool any_ran, bool failed) { return !any_ran ? "skipped" : failed ? "failed" : "succeeded"; }

// Runs one step from `start`; returns its record and whether it failed.
json run_step(RunContext& ctx, const StepSpec& step, double start, bool& failed) {
  const StepKind& kind = *find_step_kind(step.kind);
  StepRun r(ctx, step.name, step.inputs, start);
  ctx.host.set_activity(ctx.reason(step.name));
  r.log("##[section]Starting: " + step.name);
  json error;
  try {
    kind.run(r);
  } catch (const StepFailure& f) {
    error = {{"code", f.code}, {"message", f.what()}};
  } catch (const Error& e) {
    error = {{"code", e.code()}, {"message", e.what()}};
  } catch (const std::exception& e) {
    error = {{"code", "pipeline.step_crashed"}, {"message", e.what()}};
  }
  r.catch_up();
  if (!error.is_null()) r.log("##[error]" + error["message"].get<std::string>());
  failed = !error.is_null();
  r.log("##[section]Finishing: " + step.name);
  json rec = {{"name", step.name}, {"kind", step.kind}, {"status", failed ? "failed" : "succeeded"},
              {"started", start}, {"finished", r.now()}, {"log", r.log_lines()}};
  if (!r.outputs().empty()) rec["outputs"] = r.outputs();
  if (failed) rec["error"] = error;
  if (step.continue_on_error) rec["continue_on_error"] = true;
  return rec;
}

}  // namespace

int next_run_number(const PipelineStore& store, const std::string& pipeline) {
  return static_cast<int>(store.runs_of(pipeline).size()) + 1;
}

json run_pipeline(PipelineHost& host, const PipelineSpec& spec, const RunOptions& options) {
  RunContext ctx{host, spec.name, next_run_number(host.workspace().pipelines, spec.name), {}, {}, {}, nullptr, {}, {}};
  ctx.failures.insert(options.failures.begin(), options.failures.end());
  ctx.cloud = cloud_state(host.workspace().pipelines);
  const double started = host.workspace().clock;
  double now = started;
  bool stopped = false;  // a step failed: everything after it is skipped
  json steps = json::array(), stages = json::array();
  for (const StageSpec& stage : spec.stages) {
    json stage_rec = {{"name", stage.name}, {"jobs", json::array()}};
    bool stage_ran = false, stage_failed = false;
    for (const JobSpec& job : stage.jobs) {
      bool ran = false, job_failed = false;
      for (const StepSpec& step : job.steps) {
        json rec;
        if (stopped) {
          rec = {{"name", step.name}, {"kind", step.kind}, {"status", "skipped"}, {"started", nullptr},
                 {"finished", nullptr}, {"log", json::array()}};
        } else {
          bool failed = false;
          rec = run_step(ctx, step, now, failed);
          now = rec["finished"].get<double>();
          ran = true;
          if (failed && !step.continue_on_error) stopped = job_failed = true;
        }
        rec["stage"] = stage.name;
        rec["job"] = job.name;
        steps.push_back(std::move(rec));
      }
      stage_rec["jobs"].push_back({{"name", job.name}, {"status", job_status(ran, job_failed)}});
      stage_ran = stage_ran || ran;
      stage_failed = stage_failed || job_failed;
    }
    stage_rec["status"] = job_status(stage_ran, stage_failed);
    stages.push_back(std::move(stage_rec));
  }
  json items = json::array();
  double total = 0;
  for (const NodeCharge& c : ctx.charges) {
    items.push_back(c);
    total += c.cost;
  }
  now = std::max(now, host.workspace().clock);
  json record = {{"type", "pipeline.record_run"}, {"pipeline", spec.name}, {"trigger", options.trigger},
                 {"status", stopped ? "failed" : "succeeded"}, {"started", started}, {"finished", now},
                 {"stages", stages}, {"steps", steps}, {"cost", {{"currency", "USD"}, {"total", total}, {"items", items}}},
                 {"failures", options.failures}, {"duration", now - host.workspace().clock}};
  if (!options.requested_by.empty()) record["requested_by"] = options.requested_by;
  host.apply_by(record, now);
  return host.workspace().pipelines.runs().back();
}

}  // namespace mlcore::ops

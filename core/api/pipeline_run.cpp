// See pipeline_run.hpp.
#include "pipeline_run.hpp"

#include <cmath>

#include "../error.hpp"
#include "../ops/pipeline/pipeline_runner.hpp"
#include "../ops/pipeline/run_log.hpp"
#include "../ops/pipeline/triggers.hpp"
#include "data_commands.hpp"
#include "pipeline_host.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

// The most runs one call starts (triggers that trigger others, a long tick): a guard, not a rule
// anyone should meet.
constexpr int kMaxRunsPerCall = 500;

const char* kPipelineActor = "Pipeline";

PipelineSessionState& pstate(Session& s) { return s.state<PipelineSessionState>(); }

Json variables_of(const Json& group) {
  return group.is_object() && group.contains("variables") && group["variables"].is_object() ? group["variables"] : group;
}

// Saves the session's data sources from args["data"].
void take_sources(Session& s, const Json& args) {
  if (!args.contains("data") || args["data"].is_null()) return;
  if (!args["data"].is_object())
    throw Error("api.bad_args", "'data' maps a pipeline's data sources to loaded tables: {\"iris\": TABLE}.");
  for (const auto& [source, id] : args["data"].items()) pstate(s).sources[source] = shared_table(s, Json{{"table", id}});
}

// Adds the groups the spec names and the workspace lacks, from args["groups"].
void add_missing_groups(Session& s, const Json& spec, const Json& args) {
  if (!spec.is_object() || !spec.contains("variables") || !spec["variables"].is_array() || !args.contains("groups")) return;
  for (const Json& v : spec["variables"]) {
    if (!v.is_object() || !v.contains("group") || !v["group"].is_string()) continue;
    const std::string name = v["group"].get<std::string>();
    if (current_workspace(s).pipelines.find_group(name) || !args["groups"].contains(name)) continue;
    const Json& group = args["groups"][name];
    Json command = {{"type", "variables.set_group"}, {"name", name}, {"variables", variables_of(group)}};
    if (group.is_object() && group.contains("description")) command["description"] = group["description"];
    apply_command(s, command);
  }
}

std::vector<std::string> failures_of(const Json& args) {
  if (!args.contains("failures") || args["failures"].is_null()) return {};
  if (!args["failures"].is_array())
    throw Error("api.bad_args", "'failures' is a list such as [\"compute_quota\", \"data_validation\", \"quality_gate_miss\"].");
  return args["failures"].get<std::vector<std::string>>();
}

// Runs one parsed spec as the pipeline actor; the role that asked is kept in the record.
Json run_spec(Session& s, const ops::PipelineSpec& spec, ops::RunOptions options) {
  auto& w = workspace_state(s);
  const std::string actor = w.actor;
  options.requested_by = options.trigger.value("type", "manual") == "manual" ? actor : "trigger";
  w.actor = kPipelineActor;
  try {
    SessionHost host(s, pstate(s).sources);
    Json run = ops::run_pipeline(host, spec, options);
    w.actor = actor;
    return run;
  } catch (...) {
    w.actor = actor;
    throw;
  }
}

// Runs a saved pipeline that fell due; a spec that no longer checks (a group was deleted) is
// recorded as a failed run without steps, so its schedule moves on.
Json run_due(Session& s, const ops::DueRun& due) {
  const ops::SavedPipeline& saved = current_workspace(s).pipelines.pipeline(due.pipeline);
  ops::RunOptions options;
  options.trigger = due.trigger;
  const ops::Workspace& ws = current_workspace(s);
  const int number = ops::next_run_number(ws.pipelines, saved.name);
  ops::SpecCheck check = ops::check_spec(saved.spec, {}, group_library(s, Json::object()), number);
  if (check.ok()) return run_spec(s, check.spec, options);
  const ops::SpecIssue& first = check.issues.front();
  apply_command(s, {{"type", "pipeline.record_run"}, {"pipeline", saved.name}, {"trigger", due.trigger},
                    {"status", "failed"}, {"started", ws.clock}, {"finished", ws.clock}, {"steps", Json::array()},
                    {"cost", {{"currency", "USD"}, {"total", 0}, {"items", Json::array()}}}, {"duration", 0},
                    {"requested_by", "trigger"}, {"error", {{"code", first.code}, {"message", first.message}}}});
  return current_workspace(s).pipelines.runs().back();
}

Json summary(const Json& run) {
  return {{"id", run["id"]}, {"pipeline", run["pipeline"]}, {"status", run["status"]}, {"trigger", run["trigger"]},
          {"started", run["started"]}, {"finished", run["finished"]}, {"cost", run["cost"]["total"]}};
}

// Runs what is due at or before `until` (dataset triggers at once, schedules at their time).
Json run_due_until(Session& s, double until, int& budget) {
  Json ran = Json::array();
  while (budget-- > 0) {
    auto due = ops::next_due(current_workspace(s), until);
    if (!due) break;
    const double gap = due->at - current_workspace(s).clock;
    if (gap > 0)
      apply_command(s, {{"type", "clock.advance"}, {"reason", "Scheduled run of " + due->pipeline}, {"duration", gap}});
    ran.push_back(summary(run_due(s, *due)));
  }
  return ran;
}

// Keeps the session's workspace and artifacts as they were when the call throws.
template <class F>
Json all_or_nothing(Session& s, F f) {
  auto& w = workspace_state(s);
  ops::History history = w.history;
  ops::BlobStore blobs = w.blobs;
  try {
    return f();
  } catch (...) {
    w.history = std::move(history);
    w.blobs = std::move(blobs);
    throw;
  }
}

}  // namespace

ops::GroupLibrary group_library(Session& s, const Json& args) {
  ops::GroupLibrary lib;
  if (args.contains("groups") && args["groups"].is_object())
    for (const auto& [name, group] : args["groups"].items()) {
      const Json vars = variables_of(group);
      if (!vars.is_object()) throw Error("api.bad_args", "The variable group '" + name + "' is not a map of names to values.");
      for (const auto& [k, v] : vars.items())
        lib[name][k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
  for (const auto& [name, group] : current_workspace(s).pipelines.groups()) lib[name] = group.variables;
  return lib;
}

Json run_pipeline_command(Session& s, const Json& args) {
  Json spec;
  if (args.contains("spec")) spec = args["spec"];
  else if (args.contains("name") && args["name"].is_string())
    spec = current_workspace(s).pipelines.pipeline(args["name"].get<std::string>()).spec;
  else
    throw Error("api.bad_args", "Give the pipeline as spec (its JSON) or name (a saved pipeline).");
  const ops::SourceLines lines = ops::source_lines_from_json(args.value("lines", Json(nullptr)));
  const std::vector<std::string> failures = failures_of(args);
  ops::RunOptions options;
  options.failures = failures;
  if (args.contains("trigger") && !args["trigger"].is_null() && args["trigger"] != "manual") {
    if (!args["trigger"].is_object() || !args["trigger"].contains("type"))
      throw Error("api.bad_args", "'trigger' is manual or what a run records, such as {\"type\": \"schedule\", \"due\": 86400}.");
    options.trigger = args["trigger"];
  }
  return all_or_nothing(s, [&] {
    take_sources(s, args);
    add_missing_groups(s, spec, args);
    const std::string name = spec.is_object() && spec.contains("name") && spec["name"].is_string() ? spec["name"].get<std::string>() : "";
    const int number = ops::next_run_number(current_workspace(s).pipelines, name);
    const ops::PipelineSpec parsed = ops::parse_spec(spec, lines, group_library(s, args), number);
    ops::check_failures(parsed, failures);
    Json run = run_spec(s, parsed, options);
    int budget = kMaxRunsPerCall;
    Json triggered = run_due_until(s, current_workspace(s).clock, budget);
    return Json{{"run", run}, {"text", ops::run_log_text(run)}, {"triggered", triggered}};
  });
}

Json tick_command(Session& s, const Json& args) {
  const Json& seconds = require_field(args, "seconds");
  if (!seconds.is_number() || !std::isfinite(seconds.get<double>()) || seconds.get<double>() < 0)
    throw Error("api.bad_args", "'seconds' is how far the simulated clock moves: a number >= 0, e.g. 86400 for a day.");
  return all_or_nothing(s, [&] {
    take_sources(s, args);
    const double until = current_workspace(s).clock + seconds.get<double>();
    int budget = kMaxRunsPerCall;
    Json ran = run_due_until(s, until, budget);
    const double gap = until - current_workspace(s).clock;
    if (gap > 0) apply_command(s, {{"type", "clock.advance"}, {"reason", "Simulated clock"}, {"duration", gap}});
    return Json{{"ran", ran}, {"clock", current_workspace(s).clock}};
  });
}

}  // namespace mlcore::api

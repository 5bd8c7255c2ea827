// Pipeline commands for the page and the CLI: check and run a pipeline spec, the runs and the
// simulated cloud they left, the clock for schedules, saved pipelines, the variable library and
// the step kinds. The rules live in core/ops/pipeline; these handlers translate JSON.
#include "../error.hpp"
#include "../ops/pipeline/cloud_state.hpp"
#include "../ops/pipeline/pipeline_runner.hpp"
#include "../ops/pipeline/run_log.hpp"
#include "../ops/pipeline/step_registry.hpp"
#include "../ops/pipeline/triggers.hpp"
#include "../ops/pipeline/vm_sizes.hpp"
#include "pipeline_run.hpp"
#include "registry.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

Json stages_json(const ops::PipelineSpec& spec) {
  Json stages = Json::array();
  for (const auto& st : spec.stages) {
    Json jobs = Json::array();
    for (const auto& jb : st.jobs) {
      Json steps = Json::array();
      for (const auto& s : jb.steps) {
        const ops::StepKind* k = ops::find_step_kind(s.kind);
        steps.push_back({{"name", s.name}, {"kind", s.kind}, {"simulated", k && k->simulated}, {"pointer", s.pointer},
                         {"inputs", s.inputs}});
      }
      jobs.push_back({{"name", jb.name}, {"steps", steps}});
    }
    stages.push_back({{"name", st.name}, {"jobs", jobs}});
  }
  return stages;
}

Json validate(Session& s, const Json& args) {
  const Json& spec = require_field(args, "spec");
  const ops::SourceLines lines = ops::source_lines_from_json(args.value("lines", Json(nullptr)));
  const std::string name = spec.is_object() ? spec.value("name", std::string()) : std::string();
  ops::SpecCheck check =
      ops::check_spec(spec, lines, group_library(s, args), ops::next_run_number(current_workspace(s).pipelines, name));
  Json failures = Json::array();
  Json out = {{"ok", check.ok()}, {"errors", ops::issues_json(check.issues)}, {"sources", check.sources}};
  if (check.ok()) {
    for (const auto& t : ops::failure_toggles()) {
      try {
        ops::check_failures(check.spec, {t.name});
        failures.push_back(t.name);
      } catch (const Error&) {
      }
    }
    out["name"] = check.spec.name;
    out["trigger"] = check.spec.trigger;
    out["groups"] = check.spec.groups;
    out["stages"] = stages_json(check.spec);
    out["failures"] = failures;
  }
  return out;
}

Json runs(Session& s, const Json& args) {
  const ops::Workspace& ws = current_workspace(s);
  const std::string pipeline = args.value("pipeline", std::string());
  const bool logs = args.value("logs", true);
  Json list = Json::array();
  double total = 0;
  for (const Json& r : ws.pipelines.runs()) {
    total += r["cost"]["total"].get<double>();
    if (!pipeline.empty() && r["pipeline"] != pipeline) continue;
    Json run = r;
    if (!logs)
      for (Json& step : run["steps"]) step.erase("log");
    list.push_back(run);
  }
  return {{"runs", list}, {"total_cost", total}, {"clock", ws.clock},
          {"cloud", ops::cloud_json(ops::cloud_state(ws.pipelines), ws.clock)}};
}

Json saved(Session& s, const Json&) {
  const ops::Workspace& ws = current_workspace(s);
  Json out = Json::array();
  for (const auto& [name, p] : ws.pipelines.pipelines()) {
    Json e = p;
    e["runs"] = ws.pipelines.runs_of(name).size();
    out.push_back(e);
  }
  return {{"pipelines", out}};
}

Json save(Session& s, const Json& args) {
  const Json& spec = require_field(args, "spec");
  const ops::SourceLines lines = ops::source_lines_from_json(args.value("lines", Json(nullptr)));
  const ops::PipelineSpec parsed = ops::parse_spec(spec, lines, group_library(s, args));
  Json command = {{"type", "pipeline.save"}, {"name", args.value("name", parsed.name)}, {"spec", spec}};
  if (args.contains("trigger") && !args["trigger"].is_null()) command["trigger"] = ops::normalise_trigger(args["trigger"]);
  apply_command(s, command);
  const ops::SavedPipeline& p = current_workspace(s).pipelines.pipeline(command["name"].get<std::string>());
  return {{"name", p.name}, {"trigger", p.trigger}, {"saved", p.saved}};
}

Json groups(Session& s, const Json&) {
  Json out = Json::array();
  for (const auto& [name, g] : current_workspace(s).pipelines.groups()) out.push_back(g);
  return {{"groups", out}};
}

Json step_kinds(Session&, const Json&) {
  Json sizes = Json::array();
  for (const auto& v : ops::vm_sizes())
    sizes.push_back({{"name", v.name}, {"cores", v.cores}, {"family", v.family}, {"price_per_hour", v.price_per_hour},
                     {"gpu", v.gpu}, {"quota", ops::core_quota(v)}});
  return {{"step_kinds", ops::step_kinds_json()}, {"failures", ops::failure_toggles_json()}, {"vm_sizes", sizes},
          {"currency", "USD"}};
}

}  // namespace

void register_pipeline_commands(Session& s) {
  s.add_command("pipeline.step_kinds", "The pipeline step kinds with their inputs, the failure toggles and the VM sizes with prices.",
                step_kinds);
  s.add_command("pipeline.validate",
                "Check a pipeline spec: {spec, lines?: {pointer: {line, column}}, groups?}. Returns {ok, errors: [{code, "
                "message, pointer, line?, column?}], sources, stages, failures (those it can show), ...}.",
                validate);
  s.add_command("pipeline.run",
                "Run a pipeline: {spec | name, lines?, failures?: [...], trigger?, groups?, data?: {source: table}}. "
                "Returns {run, text, triggered}.",
                run_pipeline_command);
  s.add_command("pipeline.runs", "The pipeline runs, oldest first, with the simulated cloud and its cost: {pipeline?, logs?}.", runs);
  s.add_command("pipeline.log", "A recorded run as a CI-style log text: {id}.", [](Session& self, const Json& args) {
    const std::string id = require_field(args, "id").get<std::string>();
    for (const Json& r : current_workspace(self).pipelines.runs())
      if (r["id"] == id) return Json{{"id", id}, {"text", ops::run_log_text(r)}};
    throw Error("pipeline.unknown_run", "There is no pipeline run '" + excerpt_of(id) + "'.");
  });
  s.add_command("pipeline.tick", "Advance the simulated clock, running the saved pipelines that fall due: {seconds, data?}.",
                tick_command);
  s.add_command("pipeline.save", "Save a pipeline with its trigger (manual, {dataset}, {schedule: {every}}): {spec, name?, trigger?, lines?}.",
                save);
  s.add_command("pipeline.delete", "Delete a saved pipeline: {name}.", [](Session& self, const Json& args) {
    return apply_command(self, {{"type", "pipeline.delete"}, {"name", require_field(args, "name")}});
  });
  s.add_command("pipeline.saved", "The saved pipelines with their triggers.", saved);
  s.add_command("variables.groups", "The variable library: {groups: [{name, description, variables, updated}]}.", groups);
  s.add_command("variables.set_group", "Add or replace a variable group: {name, variables: {NAME: \"value\"}, description?}.",
                [](Session& self, const Json& args) {
                  Json command = {{"type", "variables.set_group"}, {"name", require_field(args, "name")},
                                  {"variables", require_field(args, "variables")}};
                  if (args.contains("description")) command["description"] = args["description"];
                  return apply_command(self, command);
                });
  s.add_command("variables.delete_group", "Delete a variable group: {name}.", [](Session& self, const Json& args) {
    return apply_command(self, {{"type", "variables.delete_group"}, {"name", require_field(args, "name")}});
  });
}

}  // namespace mlcore::api

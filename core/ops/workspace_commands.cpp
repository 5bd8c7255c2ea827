// The command vocabulary of the workspace: one table that states, for each command type, the
// fields it takes and the operation it performs, so validation, the list of known types and the
// dispatch cannot drift apart.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "../data/schema.hpp"
#include "../error.hpp"
#include "pipeline/pipeline_commands.hpp"
#include "release_commands.hpp"
#include "workspace.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

enum class Kind { String, Int, Count, Number, Bool, Object, List, Any, StringMap, NumberMap, SeriesMap, Schema, DatasetRef };

struct Field {
  const char* name;
  Kind kind;
  bool required;
};

struct Context {
  double time;
  const std::string& actor;
};

using Handler = void (*)(Workspace&, const json&, const Context&);

struct CommandSpec {
  const char* type;
  std::vector<Field> fields;
  Handler run;
};

const char* kind_text(Kind k) {
  switch (k) {
    case Kind::String: return "a string";
    case Kind::Int: return "an integer";
    case Kind::Count: return "an integer >= 0";
    case Kind::Number: return "a number";
    case Kind::Bool: return "true or false";
    case Kind::Object: return "an object";
    case Kind::List: return "a list";
    case Kind::Any: return "any JSON value";
    case Kind::StringMap: return "an object of strings";
    case Kind::NumberMap: return "an object of numbers";
    case Kind::SeriesMap: return "an object of lists of numbers (one per step, from step 1)";
    case Kind::Schema: return "a schema {\"columns\": [...]}";
    case Kind::DatasetRef: return "{\"name\", \"version\"} of a registered dataset version, or null";
  }
  return "";
}

bool fits_int(const json& v) {
  if (!v.is_number_integer()) return false;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<int>::max());
  const auto n = v.get<std::int64_t>();
  return n >= std::numeric_limits<int>::min() && n <= std::numeric_limits<int>::max();
}

bool has_kind(const json& v, Kind k) {
  switch (k) {
    case Kind::String: return v.is_string();
    case Kind::Int: return fits_int(v);
    case Kind::Count: return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
    case Kind::Number: return v.is_number() && std::isfinite(v.get<double>());
    case Kind::Bool: return v.is_boolean();
    case Kind::Object: return v.is_object();
    case Kind::List: return v.is_array();
    case Kind::Any: return true;
    case Kind::StringMap: {
      if (!v.is_object()) return false;
      for (const auto& e : v) if (!e.is_string()) return false;
      return true;
    }
    case Kind::NumberMap: {
      if (!v.is_object()) return false;
      for (const auto& e : v) if (!e.is_number() || !std::isfinite(e.get<double>())) return false;
      return true;
    }
    case Kind::SeriesMap: {
      if (!v.is_object()) return false;
      for (const auto& e : v) {
        if (!e.is_array()) return false;
        for (const auto& x : e) if (!x.is_number() || !std::isfinite(x.get<double>())) return false;
      }
      return true;
    }
    case Kind::Schema: {
      // Parsed here too so a bad schema is reported as the command's field, not deep inside.
      try {
        (void)v.get<data::Schema>();
        return v.is_object();
      } catch (const std::exception&) {
        return false;
      }
    }
    case Kind::DatasetRef:
      return v.is_null() || (v.is_object() && v.contains("name") && v["name"].is_string() &&
                             v.contains("version") && fits_int(v["version"]));
  }
  return false;
}

// Optional fields read with their fallback; validation has already checked their types.
std::string text_or(const json& c, const char* name, const std::string& fallback = "") {
  return c.contains(name) && !c[name].is_null() ? c[name].get<std::string>() : fallback;
}

// A run's dataset is stored as {name, version, hash} of a version the registry holds, so lineage
// can trust it; an unknown dataset or version fails with the registry's own error.
json dataset_ref(const Workspace& ws, const json& ref) {
  if (ref.is_null()) return nullptr;
  const std::string name = ref["name"].get<std::string>();
  const int number = ref["version"].get<int>();
  const DatasetVersion& v = ws.datasets.version(name, number);
  return json{{"name", name}, {"version", number}, {"hash", v.hash}};
}

void experiment_create(Workspace& ws, const json& c, const Context& x) {
  ws.tracking.create_experiment(c["name"].get<std::string>(), x.time);
}

void run_start(Workspace& ws, const json& c, const Context& x) {
  json dataset = dataset_ref(ws, c.value("dataset", json(nullptr)));
  ws.tracking.start_run(c["experiment"].get<std::string>(), x.time, c["family"].get<std::string>(),
                        c.value("params", json::object()), std::move(dataset));
}

// A whole finished training in one command, so it is one step of undo: started `duration`
// before its time, params, series (step i+1 for the i-th value), final metrics, tags, artifacts,
// note, then finished with `status` (default finished).
void run_record(Workspace& ws, const json& c, const Context& x) {
  json dataset = dataset_ref(ws, c.value("dataset", json(nullptr)));
  const std::string id = ws.tracking
                             .start_run(c["experiment"].get<std::string>(), x.time - detail::duration_of(c),
                                        c["family"].get<std::string>(), c.value("params", json::object()), std::move(dataset))
                             .id;
  if (c.contains("series") && c["series"].is_object())
    for (const auto& [name, values] : c["series"].items())
      for (std::size_t i = 0; i < values.size(); ++i)
        ws.tracking.log_metric(id, name, values[i].get<double>(), static_cast<std::int64_t>(i + 1));
  if (c.contains("metrics") && c["metrics"].is_object())
    for (const auto& [name, value] : c["metrics"].items()) ws.tracking.log_metric(id, name, value.get<double>());
  if (c.contains("tags") && c["tags"].is_object())
    for (const auto& [key, value] : c["tags"].items()) ws.tracking.set_tag(id, key, value.get<std::string>());
  if (c.contains("artifacts") && c["artifacts"].is_object())
    for (const auto& [name, value] : c["artifacts"].items()) ws.tracking.add_artifact(id, name, value);
  if (c.contains("note") && c["note"].is_string()) ws.tracking.set_note(id, c["note"].get<std::string>());
  ws.tracking.finish_run(id, parse_run_status(text_or(c, "status", "finished")), x.time);
}

void run_log_param(Workspace& ws, const json& c, const Context&) {
  ws.tracking.log_param(c["run"].get<std::string>(), c["name"].get<std::string>(), c["value"]);
}

void run_log_metric(Workspace& ws, const json& c, const Context&) {
  std::optional<std::int64_t> step;
  if (c.contains("step") && !c["step"].is_null()) step = c["step"].get<std::int64_t>();
  ws.tracking.log_metric(c["run"].get<std::string>(), c["name"].get<std::string>(),
                         c["value"].get<double>(), step);
}

void run_set_tag(Workspace& ws, const json& c, const Context&) {
  ws.tracking.set_tag(c["run"].get<std::string>(), c["key"].get<std::string>(), c["value"].get<std::string>());
}

void run_set_note(Workspace& ws, const json& c, const Context&) {
  ws.tracking.set_note(c["run"].get<std::string>(), c["note"].get<std::string>());
}

void run_add_artifact(Workspace& ws, const json& c, const Context&) {
  ws.tracking.add_artifact(c["run"].get<std::string>(), c["name"].get<std::string>(), c["value"]);
}

void run_finish(Workspace& ws, const json& c, const Context& x) {
  ws.tracking.finish_run(c["run"].get<std::string>(), parse_run_status(c["status"].get<std::string>()), x.time);
}

void model_register(Workspace& ws, const json& c, const Context& x) {
  const Run& run = ws.tracking.run(c["run"].get<std::string>());  // tracking.unknown_run
  ModelVersionInput in;
  in.run_id = run.id;
  // Without a source, the run's "model" artifact is where the trained model was kept.
  auto art = run.artifacts.find("model");
  in.source = text_or(c, "source", art != run.artifacts.end() && art->second.is_string() ? art->second.get<std::string>() : "");
  if (c.contains("tags") && !c["tags"].is_null()) in.tags = c["tags"].get<std::map<std::string, std::string>>();
  in.description = text_or(c, "description");
  in.dataset = c.contains("dataset") && !c["dataset"].is_null() ? dataset_ref(ws, c["dataset"]) : run.dataset;
  in.created = x.time;
  in.created_by = x.actor;
  ws.models.register_version(c["name"].get<std::string>(), std::move(in));
}

void model_transition(Workspace& ws, const json& c, const Context& x) {
  ws.models.transition(c["name"].get<std::string>(), c["version"].get<int>(),
                       parse_stage(c["stage"].get<std::string>()), x.time, x.actor,
                       text_or(c, "comment"), c.value("archive_existing", false));
}

void model_rollback(Workspace& ws, const json& c, const Context& x) {
  ws.models.rollback(c["name"].get<std::string>(), x.time, x.actor, text_or(c, "comment"));
}

void model_set_alias(Workspace& ws, const json& c, const Context& x) {
  ws.models.set_alias(c["name"].get<std::string>(), c["alias"].get<std::string>(),
                      c["version"].get<int>(), x.time, x.actor);
}

void model_delete_alias(Workspace& ws, const json& c, const Context& x) {
  ws.models.delete_alias(c["name"].get<std::string>(), c["alias"].get<std::string>(), x.time, x.actor);
}

void dataset_register_version(Workspace& ws, const json& c, const Context& x) {
  VersionInput in;
  in.created = x.time;
  in.source = text_or(c, "source");
  in.profile = c.value("profile", json(nullptr));
  // Metadata only: the table itself stays with the caller, under the version's hash.
  ws.datasets.register_version(c["name"].get<std::string>(), c["hash"].get<std::string>(),
                               c["schema"].get<data::Schema>(), c["rows"].get<std::uint64_t>(), std::move(in));
  const std::string name = c["name"].get<std::string>();
  if (c.contains("description") && c["description"].is_string())
    ws.datasets.set_description(name, c["description"].get<std::string>());
  if (c.contains("tags") && c["tags"].is_object())
    for (const auto& [key, value] : c["tags"].items()) ws.datasets.set_tag(name, key, value.get<std::string>());
}

const std::vector<CommandSpec>& specs() {
  static const std::vector<CommandSpec> table = {
      {"dataset.register_version",
       {{"name", Kind::String, true}, {"hash", Kind::String, true}, {"schema", Kind::Schema, true},
        {"rows", Kind::Count, true}, {"source", Kind::String, false}, {"profile", Kind::Any, false},
        {"description", Kind::String, false}, {"tags", Kind::StringMap, false}},
       dataset_register_version},
      {"experiment.create", {{"name", Kind::String, true}}, experiment_create},
      {"run.start",
       {{"experiment", Kind::String, true}, {"family", Kind::String, true},
        {"params", Kind::Object, false}, {"dataset", Kind::DatasetRef, false}},
       run_start},
      {"run.record",
       {{"experiment", Kind::String, true}, {"family", Kind::String, true}, {"params", Kind::Object, false},
        {"dataset", Kind::DatasetRef, false}, {"metrics", Kind::NumberMap, false}, {"series", Kind::SeriesMap, false},
        {"tags", Kind::StringMap, false}, {"artifacts", Kind::Object, false}, {"note", Kind::String, false},
        {"status", Kind::String, false}},
       run_record},
      {"run.log_param", {{"run", Kind::String, true}, {"name", Kind::String, true}, {"value", Kind::Any, true}},
       run_log_param},
      {"run.log_metric",
       {{"run", Kind::String, true}, {"name", Kind::String, true}, {"value", Kind::Number, true},
        {"step", Kind::Int, false}},
       run_log_metric},
      {"run.set_tag", {{"run", Kind::String, true}, {"key", Kind::String, true}, {"value", Kind::String, true}},
       run_set_tag},
      {"run.set_note", {{"run", Kind::String, true}, {"note", Kind::String, true}}, run_set_note},
      {"run.add_artifact", {{"run", Kind::String, true}, {"name", Kind::String, true}, {"value", Kind::Any, true}},
       run_add_artifact},
      {"run.finish", {{"run", Kind::String, true}, {"status", Kind::String, true}}, run_finish},
      {"model.register",
       {{"name", Kind::String, true}, {"run", Kind::String, true}, {"source", Kind::String, false},
        {"tags", Kind::StringMap, false}, {"description", Kind::String, false},
        {"dataset", Kind::DatasetRef, false}},
       model_register},
      {"model.transition",
       {{"name", Kind::String, true}, {"version", Kind::Int, true}, {"stage", Kind::String, true},
        {"comment", Kind::String, false}, {"archive_existing", Kind::Bool, false}},
       model_transition},
      {"model.rollback", {{"name", Kind::String, true}, {"comment", Kind::String, false}}, model_rollback},
      {"model.set_alias",
       {{"name", Kind::String, true}, {"alias", Kind::String, true}, {"version", Kind::Int, true}},
       model_set_alias},
      {"model.delete_alias", {{"name", Kind::String, true}, {"alias", Kind::String, true}}, model_delete_alias},
      // Pipelines (core/ops/pipeline/pipeline_commands.hpp): simulated time, the variable library,
      // saved pipelines and the record of a finished run.
      {"clock.advance", {{"reason", Kind::String, false}}, [](Workspace&, const json&, const Context&) {}},
      {"variables.set_group",
       {{"name", Kind::String, true}, {"variables", Kind::StringMap, true}, {"description", Kind::String, false}},
       [](Workspace& ws, const json& c, const Context& x) { apply_set_group(ws, c, x.time); }},
      {"variables.delete_group", {{"name", Kind::String, true}},
       [](Workspace& ws, const json& c, const Context&) { apply_delete_group(ws, c); }},
      {"pipeline.save", {{"name", Kind::String, true}, {"spec", Kind::Object, true}, {"trigger", Kind::Any, false}},
       [](Workspace& ws, const json& c, const Context& x) { apply_pipeline_save(ws, c, x.time); }},
      {"pipeline.delete", {{"name", Kind::String, true}},
       [](Workspace& ws, const json& c, const Context&) { apply_pipeline_delete(ws, c); }},
      {"pipeline.record_run",
       {{"pipeline", Kind::String, true}, {"trigger", Kind::Object, true}, {"status", Kind::String, true},
        {"started", Kind::Number, true}, {"finished", Kind::Number, true}, {"steps", Kind::List, true},
        {"stages", Kind::List, false}, {"cost", Kind::Object, true}, {"failures", Kind::List, false},
        {"requested_by", Kind::String, false}, {"error", Kind::Object, false}},
       [](Workspace& ws, const json& c, const Context& x) { apply_record_run(ws, c, x.time); }},
      // Releases and endpoints (release_commands.hpp).
      {"release.create",
       {{"model", Kind::String, true}, {"version", Kind::Int, true}, {"definition", Kind::Object, true},
        {"failures", Kind::List, false}, {"stages", Kind::List, true}},
       [](Workspace& ws, const json& c, const Context& x) { apply_release_create(ws, c, x.time, x.actor); }},
      {"release.update", {{"release", Kind::Int, true}, {"stages", Kind::List, true}},
       [](Workspace& ws, const json& c, const Context& x) { apply_release_update(ws, c, x.time, x.actor); }},
      {"endpoint.deploy",
       {{"name", Kind::String, true}, {"model", Kind::String, true}, {"version", Kind::Int, true},
        {"stage", Kind::String, false}},
       [](Workspace& ws, const json& c, const Context& x) { apply_endpoint_deploy(ws, c, x.time, x.actor); }},
      {"endpoint.rollback", {{"name", Kind::String, true}},
       [](Workspace& ws, const json& c, const Context& x) { apply_endpoint_rollback(ws, c, x.time, x.actor); }},
      {"endpoint.set_canary",
       {{"name", Kind::String, true}, {"version", Kind::Int, true}, {"percent", Kind::Number, true},
        {"seed", Kind::Count, false}},
       [](Workspace& ws, const json& c, const Context& x) { apply_endpoint_set_canary(ws, c, x.time, x.actor); }},
      // A finished drift simulation (core/api/simulation_run.hpp): its outcome, recorded so the log
      // shows it. The work it did is in the commands before it, so this one changes nothing.
      {"simulation.record",
       {{"scenario", Kind::String, true}, {"mode", Kind::String, true}, {"seed", Kind::Count, true},
        {"windows", Kind::Count, true}, {"summary", Kind::Object, false}},
       [](Workspace&, const json&, const Context&) {}},
  };
  return table;
}

[[noreturn]] void bad(const std::string& field, const std::string& why) {
  throw Error("workspace.bad_command", "The command's field '" + field + "' " + why);
}

const CommandSpec& spec_of(const json& command) {
  if (!command.is_object()) bad("type", "is missing: a command is an object {\"type\": ..., fields...}.");
  if (!command.contains("type") || !command["type"].is_string())
    bad("type", "is missing or not a string; it names the command, e.g. \"run.start\".");
  const std::string type = command["type"].get<std::string>();
  for (const CommandSpec& s : specs())
    if (type == s.type) return s;
  std::string known;
  for (const std::string& t : command_types()) known += (known.empty() ? "" : ", ") + t;
  throw Error("workspace.unknown_command", "There is no command '" + excerpt_of(type) + "'; the commands are " + known + ".");
}

}  // namespace

const std::vector<std::string>& command_types() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> t;
    for (const CommandSpec& s : specs()) t.push_back(s.type);
    return t;
  }();
  return types;
}

void validate_command(const json& command) {
  const CommandSpec& spec = spec_of(command);
  const std::string type = spec.type;
  for (const Field& f : spec.fields) {
    if (!command.contains(f.name) || (command[f.name].is_null() && f.kind != Kind::Any)) {
      // null stands for "absent" so the page can send optional fields unset.
      if (f.required) bad(f.name, std::string("is missing; '") + type + "' needs it as " + kind_text(f.kind) + ".");
      continue;
    }
    if (!has_kind(command[f.name], f.kind))
      bad(f.name, std::string("should be ") + kind_text(f.kind) + ", not " + excerpt_of(command[f.name].dump()) + ".");
  }
  if (command.contains("duration") && !command["duration"].is_null()) {
    const json& d = command["duration"];
    if (!d.is_number() || !std::isfinite(d.get<double>()) || d.get<double>() < 0)
      bad("duration", "should be a number of simulated seconds >= 0, not " + excerpt_of(d.dump()) + ".");
  }
  // An unexpected field is most often a misspelt optional one, which would otherwise be ignored.
  for (auto it = command.begin(); it != command.end(); ++it) {
    if (it.key() == "type" || it.key() == "duration") continue;
    bool known = false;
    for (const Field& f : spec.fields) known = known || it.key() == f.name;
    if (known) continue;
    std::string takes;
    for (const Field& f : spec.fields) takes += std::string(takes.empty() ? "" : ", ") + f.name;
    bad(it.key(), "is not one '" + type + "' takes; it takes " + takes + " and duration.");
  }
}

namespace detail {

double duration_of(const json& command) {
  return command.contains("duration") && !command["duration"].is_null() ? command["duration"].get<double>() : 60.0;
}

void run_command(Workspace& ws, const json& command, const std::string& actor, double time) {
  validate_command(command);
  spec_of(command).run(ws, command, Context{time, actor});
}

}  // namespace detail
}  // namespace mlcore::ops

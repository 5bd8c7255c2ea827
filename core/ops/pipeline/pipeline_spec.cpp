// See pipeline_spec.hpp: the spec's structure (pipeline, variables, stages, jobs, steps); each
// step's inputs are checked in step_inputs.cpp.
#include "pipeline_spec.hpp"

#include <set>

#include "step_inputs.hpp"
#include "step_registry.hpp"
#include "triggers.hpp"
#include "variables.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

struct Checker {
  const SourceLines& lines;
  SpecCheck out;
  bool saw_train = false;

  void issue(const std::string& code, const std::string& pointer, const std::string& message) {
    out.issues.push_back({code, message, pointer, locate(lines, pointer)});
  }

  // Unknown keys of an object, and a required name that is a string.
  void keys(const json& o, const std::string& at, const std::set<std::string>& allowed, const std::string& what) {
    for (const auto& [key, value] : o.items()) {
      (void)value;
      if (allowed.count(key)) continue;
      std::string takes;
      for (const auto& a : allowed) takes += (takes.empty() ? "" : ", ") + a;
      issue("pipeline.unknown_field", at + "/" + key, "A " + what + " has no field '" + key + "'; it has " + takes + ".");
    }
  }

  std::string name_of(const json& o, const std::string& at, const std::string& what, const std::string& fallback) {
    if (!o.contains("name") || o["name"].is_null()) {
      if (fallback.empty()) issue("pipeline.missing_field", at, "This " + what + " needs a name.");
      return fallback;
    }
    if (!o["name"].is_string() || o["name"].get<std::string>().empty()) {
      issue("pipeline.bad_spec", at + "/name", "A " + what + "'s name is a non-empty string.");
      return fallback;
    }
    return o["name"].get<std::string>();
  }

  // A non-empty list under `key`.
  const json* list(const json& o, const std::string& at, const char* key, const std::string& what) {
    if (!o.contains(key)) {
      issue("pipeline.missing_field", at, "This " + what + " needs '" + key + "': a list of at least one.");
      return nullptr;
    }
    if (!o[key].is_array() || o[key].empty()) {
      issue("pipeline.bad_spec", at + "/" + key, "'" + std::string(key) + "' is a list of at least one.");
      return nullptr;
    }
    return &o[key];
  }

  void variables(const json& v, const GroupLibrary& groups, std::map<std::string, std::string>& values) {
    auto text = [](const json& x) {
      return x.is_string() ? x.get<std::string>() : x.is_boolean() ? (x.get<bool>() ? "true" : "false") : x.dump();
    };
    if (v.is_object()) {
      for (const auto& [name, value] : v.items()) {
        if (value.is_primitive() && !value.is_null()) values[name] = text(value);
        else issue("pipeline.bad_spec", "/variables/" + name, "A variable's value is text or a number.");
      }
      return;
    }
    if (!v.is_array()) {
      issue("pipeline.bad_spec", "/variables", "'variables' is a list of {group: NAME} and {name, value}, or a map of names to values.");
      return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& item = v[i];
      const std::string at = "/variables/" + std::to_string(i);
      if (item.is_object() && item.size() == 1 && item.contains("group") && item["group"].is_string()) {
        const std::string g = item["group"].get<std::string>();
        auto it = groups.find(g);
        if (it == groups.end()) {
          std::string known;
          for (const auto& e : groups) known += (known.empty() ? "" : ", ") + e.first;
          issue("pipeline.unknown_variable_group", at + "/group",
                "The variable group '" + g + "' is not in the variable library (" + (known.empty() ? "it is empty" : "it has " + known) +
                    "); add it with variables.set_group first.");
          continue;
        }
        out.spec.groups.push_back(g);
        for (const auto& [name, value] : it->second) values[name] = value;
      } else if (item.is_object() && item.size() == 2 && item.contains("name") && item["name"].is_string() &&
                 item.contains("value") && item["value"].is_primitive() && !item["value"].is_null()) {
        values[item["name"].get<std::string>()] = text(item["value"]);
      } else {
        issue("pipeline.bad_spec", at, "A variables entry is {group: NAME} or {name: NAME, value: VALUE}.");
      }
    }
  }

  void step(const json& s, const std::string& at, JobSpec& job, std::set<std::string>& names) {
    if (!s.is_object()) {
      issue("pipeline.bad_spec", at, "A step is an object {name, kind, inputs}.");
      return;
    }
    keys(s, at, {"name", "kind", "inputs", "continue_on_error"}, "step");
    if (!s.contains("kind") || !s["kind"].is_string()) {
      issue("pipeline.missing_field", at, "This step needs a kind; the kinds are " + step_kind_names() + ".");
      return;
    }
    const std::string kind_name = s["kind"].get<std::string>();
    const StepKind* kind = find_step_kind(kind_name);
    if (!kind) {
      issue("pipeline.unknown_step_kind", at + "/kind",
            "There is no step kind '" + kind_name + "'; the kinds are " + step_kind_names() + ".");
      return;
    }
    StepSpec spec;
    spec.kind = kind->name;
    spec.pointer = at;
    spec.name = name_of(s, at, "step", kind->display_name);
    if (!names.insert(spec.name).second)
      issue("pipeline.duplicate_name", at + "/name", "Two steps of the job '" + job.name + "' are named '" + spec.name + "'.");
    if (s.contains("continue_on_error")) {
      if (s["continue_on_error"].is_boolean()) spec.continue_on_error = s["continue_on_error"].get<bool>();
      else issue("pipeline.bad_spec", at + "/continue_on_error", "continue_on_error is true or false.");
    }
    const json given = s.value("inputs", json::object());
    if (!given.is_object()) issue("pipeline.bad_spec", at + "/inputs", "A step's inputs are a map of names to values.");
    if (kind->needs_train && !saw_train)
      issue("pipeline.needs_train", at, "Step '" + spec.name + "' (" + kind->name +
                                            ") uses the model of an earlier train step, and there is none before it.");
    if (kind->name == "train") saw_train = true;
    spec.inputs = check_step_inputs(*kind, given.is_object() ? given : json::object(), spec.name, at,
                                    out.spec.variables,
                                    [this](const std::string& c, const std::string& p, const std::string& m) { issue(c, p, m); });
    if (kind->name == "upload_data" && spec.inputs["source"].is_string()) out.sources.push_back(spec.inputs["source"]);
    job.steps.push_back(std::move(spec));
  }
};

}  // namespace

Location locate(const SourceLines& lines, std::string pointer) {
  while (true) {
    auto it = lines.find(pointer);
    if (it != lines.end()) return it->second;
    if (pointer.empty()) return {};
    pointer = pointer.substr(0, pointer.rfind('/'));
  }
}

SourceLines source_lines_from_json(const json& lines) {
  SourceLines out;
  if (lines.is_null()) return out;
  if (!lines.is_object()) throw Error("pipeline.bad_lines", "'lines' maps JSON pointers to {line, column}.");
  for (const auto& [pointer, at] : lines.items()) {
    auto count = [](const json& v) { return v.is_number_integer() && v.get<std::int64_t>() >= 0; };
    if (!at.is_object() || !at.contains("line") || !count(at["line"]) || (at.contains("column") && !count(at["column"])))
      throw Error("pipeline.bad_lines", "The line of '" + excerpt_of(pointer) + "' is not {line, column}.");
    out[pointer] = Location{at["line"].get<std::size_t>(), at.value("column", std::size_t{0}), ""};
  }
  return out;
}

json issues_json(const std::vector<SpecIssue>& issues) {
  json out = json::array();
  for (const auto& i : issues) {
    json e = {{"code", i.code}, {"message", i.message}, {"pointer", i.pointer}};
    if (i.where.line) e["line"] = i.where.line;
    if (i.where.column) e["column"] = i.where.column;
    out.push_back(e);
  }
  return out;
}

SpecCheck check_spec(const json& spec, const SourceLines& lines, const GroupLibrary& groups, int run_number) {
  Checker c{lines, {}};
  if (!spec.is_object()) {
    c.issue("pipeline.bad_spec", "", "A pipeline spec is an object with a name and stages (see pipelines/iris-build.yml).");
    return std::move(c.out);
  }
  PipelineSpec& p = c.out.spec;
  c.keys(spec, "", {"name", "description", "trigger", "variables", "stages"}, "pipeline");
  p.name = c.name_of(spec, "", "pipeline", "");
  if (!p.name.empty()) {
    try {
      validate_pipeline_name("pipeline", p.name);
    } catch (const Error& e) {
      c.issue(e.code(), "/name", e.what());
    }
  }
  if (spec.contains("description") && spec["description"].is_string()) p.description = spec["description"].get<std::string>();
  try {
    p.trigger = normalise_trigger(spec.value("trigger", json(nullptr)));
  } catch (const Error& e) {
    c.issue(e.code(), "/trigger", e.what());
  }
  if (spec.contains("variables")) c.variables(spec["variables"], groups, p.variables);
  for (const auto& [name, value] : predefined_variables(p.name, run_number)) p.variables[name] = value;
  const json* stages = c.list(spec, "", "stages", "pipeline");
  for (std::size_t i = 0; stages && i < stages->size(); ++i) {
    const json& st = (*stages)[i];
    const std::string at = "/stages/" + std::to_string(i);
    if (!st.is_object()) {
      c.issue("pipeline.bad_spec", at, "A stage is an object {name, jobs}.");
      continue;
    }
    c.keys(st, at, {"name", "jobs"}, "stage");
    StageSpec stage{c.name_of(st, at, "stage", ""), at, {}};
    const json* jobs = c.list(st, at, "jobs", "stage");
    for (std::size_t j = 0; jobs && j < jobs->size(); ++j) {
      const json& jb = (*jobs)[j];
      const std::string jat = at + "/jobs/" + std::to_string(j);
      if (!jb.is_object()) {
        c.issue("pipeline.bad_spec", jat, "A job is an object {name, steps}.");
        continue;
      }
      c.keys(jb, jat, {"name", "steps"}, "job");
      JobSpec job{c.name_of(jb, jat, "job", ""), jat, {}};
      std::set<std::string> names;
      const json* steps = c.list(jb, jat, "steps", "job");
      for (std::size_t k = 0; steps && k < steps->size(); ++k)
        c.step((*steps)[k], jat + "/steps/" + std::to_string(k), job, names);
      stage.jobs.push_back(std::move(job));
    }
    p.stages.push_back(std::move(stage));
  }
  return std::move(c.out);
}

PipelineSpec parse_spec(const json& spec, const SourceLines& lines, const GroupLibrary& groups, int run_number) {
  SpecCheck c = check_spec(spec, lines, groups, run_number);
  if (!c.ok()) {
    const SpecIssue& first = c.issues.front();
    std::string more = c.issues.size() > 1 ? " (and " + std::to_string(c.issues.size() - 1) + " more problems)" : "";
    throw Error(first.code, first.message + more, first.where);
  }
  return std::move(c.spec);
}

void check_failures(const PipelineSpec& spec, const std::vector<std::string>& failures) {
  std::set<std::string> kinds;
  for (const auto& st : spec.stages)
    for (const auto& jb : st.jobs)
      for (const auto& s : jb.steps) kinds.insert(s.kind);
  std::string known, possible;
  for (const auto& t : failure_toggles()) {
    known += (known.empty() ? "" : ", ") + t.name;
    if (kinds.count(t.step_kind)) possible += (possible.empty() ? "" : ", ") + t.name;
  }
  for (const auto& f : failures) {
    const FailureToggle* t = find_failure_toggle(f);
    if (!t) throw Error("pipeline.unknown_failure", "There is no failure '" + excerpt_of(f) + "' to inject; the failures are " + known + ".");
    if (!kinds.count(t->step_kind))
      throw Error("pipeline.failure_without_step",
                  "The failure " + f + " shows at a " + t->step_kind + " step, and the pipeline " + spec.name +
                      " has none; add one, or inject a failure its steps can show: " +
                      (possible.empty() ? "none" : possible) + ".");
  }
}

}  // namespace mlcore::ops

// The pipelines part of the workspace (see pipeline_store.hpp): groups, saved pipelines and run
// records, their checks and their JSON form.
#include "pipeline_store.hpp"

#include <cmath>

#include "../../error.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void bad_record(const std::string& field, const std::string& why) {
  throw Error("pipeline.bad_record", "The pipeline run record's field '" + field + "' " + why);
}

bool is_time(const json& v) { return v.is_number() && std::isfinite(v.get<double>()); }

template <class T>
std::string names_of(const std::map<std::string, T, std::less<>>& m) {
  std::string out;
  for (const auto& e : m) out += (out.empty() ? "" : ", ") + e.first;
  return out.empty() ? "none" : out;
}

void need(const json& o, const std::string& path, const char* key, bool (json::*is)() const noexcept,
          const char* what) {
  if (!o.contains(key) || !(o[key].*is)()) bad_record(path + key, "is missing or not " + std::string(what) + ".");
}

void check_step(const json& s, const std::string& path) {
  if (!s.is_object()) bad_record(path, "is not an object.");
  for (const char* key : {"stage", "job", "name", "kind", "status"}) need(s, path + ".", key, &json::is_string, "a string");
  const std::string status = s["status"].get<std::string>();
  if (status != "succeeded" && status != "failed" && status != "skipped")
    bad_record(path + ".status", "is '" + excerpt_of(status) + "'; a step is succeeded, failed or skipped.");
  for (const char* key : {"started", "finished"})
    if (s.contains(key) && !s[key].is_null() && !is_time(s[key])) bad_record(path + "." + key, "is not a time.");
  if (!s.contains("log") || !s["log"].is_array()) bad_record(path + ".log", "is missing or not a list.");
  for (std::size_t i = 0; i < s["log"].size(); ++i) {
    const json& line = s["log"][i];
    if (!line.is_object() || !line.contains("time") || !is_time(line["time"]) || !line.contains("text") ||
        !line["text"].is_string())
      bad_record(path + ".log[" + std::to_string(i) + "]", "is not {\"time\", \"text\"}.");
  }
}

void check_record(const json& r, double time) {
  if (!r.is_object()) bad_record("run", "is not an object.");
  need(r, "", "pipeline", &json::is_string, "a string");
  validate_pipeline_name("pipeline", r["pipeline"].get<std::string>());
  if (!r.contains("trigger") || !r["trigger"].is_object() || !r["trigger"].contains("type") ||
      !r["trigger"]["type"].is_string())
    bad_record("trigger", "is not {\"type\", ...}.");
  need(r, "", "status", &json::is_string, "a string");
  const std::string status = r["status"].get<std::string>();
  if (status != "succeeded" && status != "failed")
    bad_record("status", "is '" + excerpt_of(status) + "'; a pipeline run is succeeded or failed.");
  if (!r.contains("started") || !is_time(r["started"])) bad_record("started", "is not a time.");
  if (!r.contains("finished") || !is_time(r["finished"])) bad_record("finished", "is not a time.");
  if (r["finished"].get<double>() < r["started"].get<double>()) bad_record("finished", "is before started.");
  if (r["finished"].get<double>() > time + 1e-6) bad_record("finished", "is later than the time the run is recorded.");
  need(r, "", "steps", &json::is_array, "a list");
  for (std::size_t i = 0; i < r["steps"].size(); ++i) check_step(r["steps"][i], "steps[" + std::to_string(i) + "]");
  need(r, "", "cost", &json::is_object, "an object");
  if (!r["cost"].contains("total") || !is_time(r["cost"]["total"]) || r["cost"]["total"].get<double>() < 0)
    bad_record("cost.total", "is not an amount >= 0.");
  if (r.contains("failures")) {
    if (!r["failures"].is_array()) bad_record("failures", "is not a list.");
    for (const json& f : r["failures"])
      if (!f.is_string()) bad_record("failures", "holds something that is not a failure name.");
  }
}

[[noreturn]] void corrupt(const std::string& field, const std::string& why) {
  throw Error("pipeline.corrupt", "The saved pipelines are damaged: " + field + " " + why);
}

}  // namespace

void validate_pipeline_name(std::string_view what, std::string_view name) {
  bool ok = !name.empty() && name.size() <= 80;
  for (char c : name)
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  if (!ok)
    throw Error("pipeline.bad_name", "The " + std::string(what) + " '" + excerpt_of(name) +
                                         "' is not a name: use 1 to 80 letters, digits, '_', '.' or '-', such as iris-build.");
}

void PipelineStore::set_group(const std::string& name, std::map<std::string, std::string> variables,
                              std::string description, double time) {
  validate_pipeline_name("variable group", name);
  for (const auto& v : variables) validate_pipeline_name("variable", v.first);
  groups_[name] = VariableGroup{name, std::move(description), std::move(variables), time};
}

void PipelineStore::delete_group(std::string_view name) {
  auto it = groups_.find(name);
  if (it == groups_.end())
    throw Error("pipeline.unknown_group", "There is no variable group '" + excerpt_of(name) + "'; the groups are " +
                                              names_of(groups_) + ".");
  groups_.erase(it);
}

void PipelineStore::save_pipeline(SavedPipeline p) {
  validate_pipeline_name("pipeline", p.name);
  std::string name = p.name;
  pipelines_[name] = std::move(p);
}

void PipelineStore::delete_pipeline(std::string_view name) {
  (void)pipeline(name);
  pipelines_.erase(pipelines_.find(name));
}

const json& PipelineStore::record_run(json run, double time) {
  check_record(run, time);
  const std::string name = run["pipeline"].get<std::string>();
  const int number = static_cast<int>(runs_of(name).size()) + 1;
  run["number"] = number;
  run["id"] = name + "#" + std::to_string(number);
  runs_.push_back(std::move(run));
  return runs_.back();
}

const VariableGroup* PipelineStore::find_group(std::string_view name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

const SavedPipeline* PipelineStore::find_pipeline(std::string_view name) const {
  auto it = pipelines_.find(name);
  return it == pipelines_.end() ? nullptr : &it->second;
}

const SavedPipeline& PipelineStore::pipeline(std::string_view name) const {
  const SavedPipeline* p = find_pipeline(name);
  if (!p)
    throw Error("pipeline.unknown_pipeline", "There is no saved pipeline '" + excerpt_of(name) +
                                                 "'; the saved pipelines are " + names_of(pipelines_) + ".");
  return *p;
}

std::vector<const json*> PipelineStore::runs_of(std::string_view pipeline) const {
  std::vector<const json*> out;
  for (const json& r : runs_)
    if (r["pipeline"].get<std::string>() == pipeline) out.push_back(&r);
  return out;
}

bool operator==(const VariableGroup& a, const VariableGroup& b) {
  return a.name == b.name && a.description == b.description && a.variables == b.variables && a.updated == b.updated;
}

bool operator==(const SavedPipeline& a, const SavedPipeline& b) {
  return a.name == b.name && a.spec == b.spec && a.trigger == b.trigger && a.saved == b.saved && a.baseline == b.baseline;
}

bool operator==(const PipelineStore& a, const PipelineStore& b) {
  return a.groups_ == b.groups_ && a.pipelines_ == b.pipelines_ && a.runs_ == b.runs_;
}

void to_json(json& j, const VariableGroup& g) {
  j = {{"name", g.name}, {"description", g.description}, {"variables", g.variables}, {"updated", g.updated}};
}

void to_json(json& j, const SavedPipeline& p) {
  j = {{"name", p.name}, {"spec", p.spec}, {"trigger", p.trigger}, {"saved", p.saved}, {"baseline", p.baseline}};
}

void to_json(json& j, const PipelineStore& s) {
  j = {{"variable_groups", json::array()}, {"pipelines", json::array()}, {"runs", s.runs()}};
  for (const auto& g : s.groups()) j["variable_groups"].push_back(g.second);
  for (const auto& p : s.pipelines()) j["pipelines"].push_back(p.second);
}

void from_json(const json& j, PipelineStore& out) {
  if (!j.is_object()) corrupt("pipelines", "is not an object.");
  PipelineStore s;
  auto list = [&](const char* key) {
    if (!j.contains(key)) return json::array();
    if (!j[key].is_array()) corrupt(key, "is not a list.");
    return j[key];
  };
  const json groups = list("variable_groups");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const json& g = groups[i];
    const std::string at = "variable_groups[" + std::to_string(i) + "]";
    try {
      s.set_group(g.at("name").get<std::string>(), g.at("variables").get<std::map<std::string, std::string>>(),
                  g.value("description", std::string()), g.at("updated").get<double>());
    } catch (const std::exception& e) {
      corrupt(at, std::string("cannot be read: ") + e.what());
    }
  }
  const json pipelines = list("pipelines");
  for (std::size_t i = 0; i < pipelines.size(); ++i) {
    const json& p = pipelines[i];
    try {
      if (!p.at("spec").is_object() || !p.at("trigger").is_object()) throw std::runtime_error("spec or trigger is not an object");
      s.save_pipeline(SavedPipeline{p.at("name").get<std::string>(), p["spec"], p["trigger"], p.at("saved").get<double>(),
                                    p.at("baseline").get<int>()});
    } catch (const std::exception& e) {
      corrupt("pipelines[" + std::to_string(i) + "]", std::string("cannot be read: ") + e.what());
    }
  }
  const json runs = list("runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string at = "runs[" + std::to_string(i) + "]";
    try {
      json r = runs[i];
      const json id = r.value("id", json(nullptr)), number = r.value("number", json(nullptr));
      r.erase("id");
      r.erase("number");
      const json& kept = s.record_run(r, r.value("finished", 0.0));
      if (kept["id"] != id || kept["number"] != number) throw std::runtime_error("its id or number is out of sequence");
    } catch (const std::exception& e) {
      corrupt(at, std::string("cannot be read: ") + e.what());
    }
  }
  out = std::move(s);
}

}  // namespace mlcore::ops

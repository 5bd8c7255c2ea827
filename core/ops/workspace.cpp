// The workspace as a value: applying a command with the strong guarantee, replaying a log, undo
// and redo by replay, lineage across datasets, runs and models, and the saved JSON form.
// The command vocabulary itself lives in workspace_commands.cpp.
#include "workspace.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "../error.hpp"
#include "pipeline/pipeline_lineage.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& field, const std::string& why) {
  throw Error("workspace.corrupt", "The saved workspace is damaged: " + field + " " + why +
                                       " Export the workspace again or start a new one.");
}

// Applies an already-timed entry. The operation runs on a copy of the registries so a throw
// anywhere leaves `ws` untouched; after that only non-throwing moves remain.
void apply_entry(Workspace& ws, LoggedCommand entry) {
  Workspace trial;
  trial.datasets = ws.datasets;
  trial.tracking = ws.tracking;
  trial.models = ws.models;
  trial.pipelines = ws.pipelines;
  trial.releases = ws.releases;
  trial.endpoints = ws.endpoints;
  detail::run_command(trial, entry.command, entry.actor, entry.time);
  ws.log.reserve(ws.log.size() + 1);  // the last step that may throw (allocation)
  ws.datasets = std::move(trial.datasets);
  ws.tracking = std::move(trial.tracking);
  ws.models = std::move(trial.models);
  ws.pipelines = std::move(trial.pipelines);
  ws.releases = std::move(trial.releases);
  ws.endpoints = std::move(trial.endpoints);
  ws.clock = entry.time;
  ws.log.push_back(std::move(entry));
}

const Run* find_run(const Workspace& ws, const std::string& id) {
  for (const Run& r : ws.tracking.runs())
    if (r.id == id) return &r;
  return nullptr;
}

bool same_dataset(const json& ds, const std::string& name, int version) {
  return ds.is_object() && ds.contains("name") && ds["name"] == name && ds.contains("version") &&
         ds["version"].is_number_integer() && ds["version"].get<int>() == version;
}

// A model version's training data: its own when registered with one, else its run's.
json dataset_of(const Workspace& ws, const ModelVersion& v) {
  if (!v.dataset.is_null()) return v.dataset;
  const Run* run = find_run(ws, v.run_id);
  return run ? run->dataset : json(nullptr);
}

// Reads one part of the saved workspace with its own reader, reporting any failure as damage to
// that field so the student sees one code whatever part broke.
template <class T>
T read_part(const json& j, const char* key) {
  if (!j.contains(key)) corrupt(key, "is missing.");
  try {
    return j[key].get<T>();
  } catch (const Error& e) {
    corrupt(key, std::string("cannot be read (") + e.code() + "): " + e.what());
  } catch (const json::exception& e) {
    corrupt(key, std::string("has the wrong shape: ") + e.what());
  }
}

LoggedCommand read_entry(const json& j, const std::string& path) {
  if (!j.is_object()) corrupt(path, "is not an object.");
  LoggedCommand c;
  if (!j.contains("seq") || !j["seq"].is_number_unsigned()) corrupt(path + ".seq", "is not a sequence number.");
  c.seq = j["seq"].get<std::uint64_t>();
  if (!j.contains("time") || !j["time"].is_number() || !std::isfinite(j["time"].get<double>()))
    corrupt(path + ".time", "is not a time in seconds.");
  c.time = j["time"].get<double>();
  if (!j.contains("actor") || !j["actor"].is_string()) corrupt(path + ".actor", "is not a string.");
  c.actor = j["actor"].get<std::string>();
  if (!j.contains("command") || !j["command"].is_object()) corrupt(path + ".command", "is not a command object.");
  c.command = j["command"];
  return c;
}

}  // namespace

bool operator==(const LoggedCommand& a, const LoggedCommand& b) {
  return a.seq == b.seq && a.time == b.time && a.actor == b.actor && a.command == b.command;
}

bool operator==(const Workspace& a, const Workspace& b) {
  return a.schema_version == b.schema_version && a.clock == b.clock && a.datasets == b.datasets &&
         a.tracking == b.tracking && a.models == b.models && a.pipelines == b.pipelines &&
         a.releases == b.releases && a.endpoints == b.endpoints && a.log == b.log;
}

void apply(Workspace& ws, const json& command, const std::string& actor) {
  validate_command(command);  // before the duration is read: it may be the malformed field
  const double time = ws.clock + detail::duration_of(command);
  apply_entry(ws, LoggedCommand{ws.log.size() + 1, time, actor, command});
}

Workspace replay(const std::vector<LoggedCommand>& log) {
  Workspace ws;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const LoggedCommand& e = log[i];
    const std::string path = "log[" + std::to_string(i) + "]";
    if (e.seq != i + 1) corrupt(path + ".seq", "is " + std::to_string(e.seq) + " where " + std::to_string(i + 1) + " was expected.");
    if (!std::isfinite(e.time) || e.time < ws.clock) corrupt(path + ".time", "goes back in time.");
    // The result is discarded on failure, so no copy is needed for a guarantee here.
    detail::run_command(ws, e.command, e.actor, e.time);
    ws.clock = e.time;
    ws.log.push_back(e);
  }
  return ws;
}

void History::apply(const json& command, const std::string& actor) {
  ops::apply(current_, command, actor);
  redo_.clear();  // the undone branch no longer follows from the current state
}

bool History::undo() {
  if (current_.log.empty()) return false;
  std::vector<LoggedCommand> earlier(current_.log.begin(), current_.log.end() - 1);
  Workspace rebuilt = replay(earlier);
  redo_.push_back(current_.log.back());
  current_ = std::move(rebuilt);
  return true;
}

bool History::redo() {
  if (redo_.empty()) return false;
  // The clock is back where it was, so the same duration lands on the same time and seq.
  const LoggedCommand& next = redo_.back();
  ops::apply(current_, next.command, next.actor);
  redo_.pop_back();
  return true;
}

json lineage_of_model(const Workspace& ws, const std::string& name, int version) {
  const ModelVersion& v = ws.models.version(name, version);
  json out;
  out["model"] = {{"name", name}, {"version", version}, {"reference", name + ":" + std::to_string(version)},
                  {"stage", stage_name(v.stage)}};
  const Run* run = find_run(ws, v.run_id);
  out["run"] = run ? json{{"id", run->id}, {"experiment", run->experiment}, {"family", run->family},
                          {"status", status_name(run->status)}}
                   : json{{"id", v.run_id}};
  out["dataset"] = dataset_of(ws, v);
  out["pipeline_run"] = pipeline_run_of_model(ws.pipelines, name, version);
  // Later in the chain: the releases that took this version, and the endpoints serving it now.
  out["releases"] = json::array();
  for (const Release& r : ws.releases.releases())
    if (r.model == name && r.version == version)
      out["releases"].push_back({{"name", r.name()}, {"status", release_status_name(r.status())}});
  out["endpoints"] = json::array();
  for (const auto& [endpoint, e] : ws.endpoints.endpoints())
    if (e.model == name && (e.version == version || (e.canary && e.canary->version == version)))
      out["endpoints"].push_back({{"name", endpoint}, {"stage", e.stage}, {"canary", e.version != version}});
  return out;
}

json lineage_of_dataset(const Workspace& ws, const std::string& name, int version) {
  const DatasetVersion& dv = ws.datasets.version(name, version);
  json out;
  out["dataset"] = {{"name", name}, {"version", version}, {"hash", dv.hash}};
  out["runs"] = json::array();
  for (const Run& r : ws.tracking.runs())
    if (same_dataset(r.dataset, name, version)) out["runs"].push_back(r.id);
  out["models"] = json::array();
  for (const auto& entry : ws.models.models())
    for (const ModelVersion& v : entry.second.versions)
      if (same_dataset(dataset_of(ws, v), name, version))
        out["models"].push_back({{"name", entry.first}, {"version", v.number}, {"run", v.run_id}});
  return out;
}

void to_json(json& j, const LoggedCommand& c) {
  j = {{"seq", c.seq}, {"time", c.time}, {"actor", c.actor}, {"command", c.command}};
}

void from_json(const json& j, LoggedCommand& c) { c = read_entry(j, "log entry"); }

void to_json(json& j, const Workspace& ws) {
  j = json::object();
  j["format"] = kWorkspaceFormat;
  j["schema_version"] = ws.schema_version;
  j["clock"] = ws.clock;
  j["datasets"] = ws.datasets;
  j["tracking"] = ws.tracking;
  j["models"] = ws.models;
  if (!ws.pipelines.empty()) j["pipelines"] = ws.pipelines;  // files without pipelines stay as they were
  if (!ws.releases.releases().empty()) j["releases"] = ws.releases;
  if (!ws.endpoints.endpoints().empty()) j["endpoints"] = ws.endpoints;
  j["log"] = ws.log;
}

void from_json(const json& j, Workspace& out) {
  if (!j.is_object() || !j.contains("format") || j["format"] != kWorkspaceFormat) {
    const std::string what = j.is_object() && j.contains("format") ? "says its format is " + excerpt_of(j["format"].dump())
                                                                   : "has no \"format\" field";
    throw Error("workspace.foreign", "This is not a workspace file: it " + what + " where \"" + kWorkspaceFormat +
                                         "\" was expected. Open a file exported by MLOps Playground.");
  }
  if (!j.contains("schema_version") || !j["schema_version"].is_number_integer())
    corrupt("schema_version", "is missing or not an integer.");
  const auto version = j["schema_version"].get<std::int64_t>();
  if (version > kWorkspaceSchemaVersion)
    throw Error("workspace.schema_newer", "This workspace was saved by a newer MLOps Playground (schema version " +
                                              std::to_string(version) + "); this build reads schema version " +
                                              std::to_string(kWorkspaceSchemaVersion) + " and older. Update the page to open it.");
  if (version < 1) corrupt("schema_version", "is " + std::to_string(version) + "; versions start at 1.");
  if (!j.contains("clock") || !j["clock"].is_number() || !std::isfinite(j["clock"].get<double>()))
    corrupt("clock", "is missing or not a time in seconds.");

  Workspace saved;
  saved.schema_version = static_cast<int>(version);
  saved.clock = j["clock"].get<double>();
  saved.datasets = read_part<DatasetRegistry>(j, "datasets");
  saved.tracking = read_part<Tracking>(j, "tracking");
  saved.models = read_part<ModelRegistry>(j, "models");
  if (j.contains("pipelines")) saved.pipelines = read_part<PipelineStore>(j, "pipelines");
  if (j.contains("releases")) saved.releases = read_part<ReleaseRegistry>(j, "releases");
  if (j.contains("endpoints")) saved.endpoints = read_part<EndpointRegistry>(j, "endpoints");
  if (!j.contains("log") || !j["log"].is_array()) corrupt("log", "is missing or not a list.");
  for (std::size_t i = 0; i < j["log"].size(); ++i)
    saved.log.push_back(read_entry(j["log"][i], "log[" + std::to_string(i) + "]"));

  // The log is the source of truth (undo replays it), so a state it does not rebuild is damage.
  Workspace rebuilt;
  try {
    rebuilt = replay(saved.log);
  } catch (const Error& e) {
    if (e.code() == "workspace.corrupt") throw;
    corrupt("log", std::string("does not replay (") + e.code() + "): " + e.what());
  }
  if (rebuilt.clock != saved.clock) corrupt("clock", "disagrees with the time of the last logged command.");
  if (rebuilt.datasets != saved.datasets) corrupt("datasets", "disagrees with what the log rebuilds.");
  if (rebuilt.tracking != saved.tracking) corrupt("tracking", "disagrees with what the log rebuilds.");
  if (rebuilt.models != saved.models) corrupt("models", "disagrees with what the log rebuilds.");
  if (rebuilt.pipelines != saved.pipelines) corrupt("pipelines", "disagrees with what the log rebuilds.");
  if (rebuilt.releases != saved.releases) corrupt("releases", "disagrees with what the log rebuilds.");
  if (rebuilt.endpoints != saved.endpoints) corrupt("endpoints", "disagrees with what the log rebuilds.");
  out = std::move(saved);
}

}  // namespace mlcore::ops

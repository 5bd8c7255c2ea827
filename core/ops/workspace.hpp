// The workspace: datasets, experiment tracking and the model registry as one value that changes
// only by commands (small JSON objects such as {"type": "run.log_metric", "run": "run-1", ...}).
// Every applied command is logged with a sequence number, the simulated time and the actor, so the
// log alone rebuilds the workspace: that is what undo, redo, the audit trail and import rest on.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dataset_registry.hpp"
#include "endpoints.hpp"
#include "experiments.hpp"
#include "model_registry.hpp"
#include "pipeline/pipeline_store.hpp"
#include "releases.hpp"

namespace mlcore::ops {

// The JSON format this build writes and the newest schema_version it reads.
inline constexpr const char* kWorkspaceFormat = "mlplay.workspace";
inline constexpr int kWorkspaceSchemaVersion = 1;

struct LoggedCommand {
  std::uint64_t seq = 0;  // 1, 2, 3, ... in the order the commands were applied
  double time = 0;        // simulated clock when the command took effect
  std::string actor;      // a role: "Data Scientist", "ML Engineer", "Approver"
  nlohmann::json command;  // {"type": ..., fields...}, exactly as given
};

struct Workspace {
  int schema_version = kWorkspaceSchemaVersion;
  double clock = 0;  // simulated seconds; the core has no real clock
  DatasetRegistry datasets;
  Tracking tracking;
  ModelRegistry models;
  PipelineStore pipelines;  // variable groups, saved pipelines, pipeline runs
  ReleaseRegistry releases;  // Release-1, Release-2, ... through UAT and PROD
  EndpointRegistry endpoints;  // iris-uat, iris-prod: which model version answers where
  std::vector<LoggedCommand> log;
};

bool operator==(const LoggedCommand& a, const LoggedCommand& b);
inline bool operator!=(const LoggedCommand& a, const LoggedCommand& b) { return !(a == b); }
bool operator==(const Workspace& a, const Workspace& b);
inline bool operator!=(const Workspace& a, const Workspace& b) { return !(a == b); }

// The command types apply() knows, in the order the page lists them.
const std::vector<std::string>& command_types();

// Checks the command's shape without touching any workspace: an object with a known "type"
// (workspace.unknown_command listing the known types), every required field present, no field
// the type does not take, each of the right JSON type, and "duration" (optional, every type) a
// finite number >= 0. Anything wrong throws workspace.bad_command naming the field.
void validate_command(const nlohmann::json& command);

// Validates and applies the command at clock + duration (default 60 s), then advances the clock
// and appends the command to the log. Errors of the operation keep their own codes
// (tracking.unknown_run, registry.bad_stage, ...). Strong guarantee: when anything throws, the
// workspace is exactly as it was and nothing is logged.
void apply(Workspace& ws, const nlohmann::json& command, const std::string& actor);

// Rebuilds a workspace by applying each logged command at its logged time, keeping its seq and
// actor. Throws workspace.corrupt when the seqs are not 1, 2, 3, ... or time goes backwards, and
// the failing command's own error when a command no longer applies.
Workspace replay(const std::vector<LoggedCommand>& log);

// Undo and redo over the log: undo replays the log without its last command (nothing has to
// know how to reverse itself) and keeps that command for redo; a new command clears redo.
class History {
 public:
  History() = default;
  explicit History(Workspace start) : current_(std::move(start)) {}

  const Workspace& current() const { return current_; }
  void apply(const nlohmann::json& command, const std::string& actor);
  // false when there is nothing to undo / redo.
  bool undo();
  bool redo();
  bool can_undo() const { return !current_.log.empty(); }
  bool can_redo() const { return !redo_.empty(); }

 private:
  Workspace current_;
  std::vector<LoggedCommand> redo_;  // the most recently undone command last
};

// The provenance of a model version: {"model": {"name", "version", "stage"}, "run": {"id",
// "experiment", "family", "status"}, "dataset": {"name", "version", "hash"} or null}. The
// dataset is the version's own when it has one, else its run's. Throws registry.unknown_model /
// registry.unknown_version. "pipeline_run" is {"id", "pipeline", "number"} of the pipeline run
// that registered the version, or null; "releases": [{"name", "status"}] of the releases of this
// version and "endpoints": [{"name", "stage", "canary"}] of the endpoints serving it now.
nlohmann::json lineage_of_model(const Workspace& ws, const std::string& name, int version);
// What was built on a dataset version: {"dataset": {"name", "version", "hash"}, "runs": [ids of
// runs whose dataset is {name, version}], "models": [{"name", "version", "run"} of model versions
// trained on it]}. Throws dataset.unknown / dataset.unknown_version.
nlohmann::json lineage_of_dataset(const Workspace& ws, const std::string& name, int version);

// {"format": "mlplay.workspace", "schema_version", "clock", "datasets", "tracking", "models",
// "pipelines", "releases", "endpoints" (each only when not empty; absent reads as empty), "log": [{"seq", "time", "actor",
// "command"}]}. Reading throws workspace.foreign when the object does not say it is a workspace, workspace.schema_newer when it comes from a newer build,
// and workspace.corrupt naming the field when anything is damaged, including a log that does not
// rebuild the saved state. A failed read leaves the target unchanged.
void to_json(nlohmann::json& j, const LoggedCommand& c);
void from_json(const nlohmann::json& j, LoggedCommand& c);
void to_json(nlohmann::json& j, const Workspace& ws);
void from_json(const nlohmann::json& j, Workspace& ws);

namespace detail {
// The operation of one validated command at `time`, on the registries of `ws` only (not clock or
// log). Defined in workspace_commands.cpp; apply() and replay() call it on a copy.
void run_command(Workspace& ws, const nlohmann::json& command, const std::string& actor, double time);
// The command's "duration", or the default 60 s.
double duration_of(const nlohmann::json& command);
}  // namespace detail

}  // namespace mlcore::ops

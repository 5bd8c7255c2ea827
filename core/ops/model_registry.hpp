// The model registry of the workspace, after MLflow's: registered models (IRIS) with numbered
// versions (IRIS:1, IRIS:2, ...), each in a stage (None, Staging, Production, Archived) with the
// history of its transitions, plus aliases (IRIS@champion) with the history of their moves.
// A pure value: times come from the caller's simulated clock and nothing is read or written here.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

enum class Stage { None, Staging, Production, Archived };

// "None", "Staging", "Production", "Archived".
std::string stage_name(Stage stage);
// Case-insensitive ("production" works); throws registry.bad_stage listing the four stages.
Stage parse_stage(std::string_view text);

struct StageTransition {
  Stage from = Stage::None;
  Stage to = Stage::None;
  double time = 0;  // simulated clock, in seconds
  std::string by;   // a role: "Data Scientist", "ML Engineer", "Approver"
  std::string comment;
};

// One move of an alias; from_version is empty when the alias is new, to_version when it is deleted.
struct AliasChange {
  std::string alias;
  std::optional<int> from_version;
  std::optional<int> to_version;
  double time = 0;
  std::string by;
};

struct ModelVersion {
  int number = 0;  // 1, 2, 3, ... within its model
  std::string run_id;
  std::string source;  // where the caller keeps the model file, e.g. its key
  std::string format;  // e.g. "mlplay.model"
  std::map<std::string, std::string> tags;
  std::string description;
  nlohmann::json dataset;  // {name, version, hash} of the training data, stored as given
  double created = 0;
  std::string created_by;  // a role
  Stage stage = Stage::None;
  std::vector<StageTransition> history;  // oldest first; stage == history.back().to when any
};

struct RegisteredModel {
  std::string name;
  std::string description;
  std::map<std::string, std::string> tags;
  std::vector<ModelVersion> versions;  // versions[i].number == i + 1
  std::map<std::string, int> aliases;  // alias -> version number
  std::vector<AliasChange> alias_history;  // oldest first

  // Throw registry.unknown_version naming the versions that exist.
  const ModelVersion& version(int number) const;
  const ModelVersion& latest() const;
};

// What the caller knows about a new version; the registry adds number, stage and history.
// (Not "VersionInput": the dataset registry already has one in this namespace.)
struct ModelVersionInput {
  std::string run_id;
  std::string source;
  std::string format = "mlplay.model";
  std::map<std::string, std::string> tags;
  std::string description;
  nlohmann::json dataset;
  double created = 0;
  std::string created_by;
};

// Throws registry.bad_name unless the name is non-empty and only [A-Za-z0-9_.-].
void validate_model_name(std::string_view name);
// Throws registry.bad_alias unless the alias is [A-Za-z0-9_-]+ and is not a number, "latest"
// or "v" plus digits (those read as version references, as MLflow reserves them).
void validate_alias(std::string_view alias);

class ModelRegistry {
 public:
  // Adds the next version of `name` in stage None, creating the model on first use. The
  // reference stays valid until the next version of the same model is registered.
  const ModelVersion& register_version(std::string_view name, ModelVersionInput input);

  // These throw registry.unknown_model for a model that does not exist; set_tag throws
  // registry.bad_tag for an empty key.
  void set_description(std::string_view name, std::string description);
  void set_tag(std::string_view name, const std::string& key, std::string value);

  // Moves a version to `to`, recording {from, to, time, by, comment}. With archive_existing and
  // `to` Staging or Production (as in MLflow), the other versions in that stage go to Archived
  // first, each with the comment "archived on promotion of NAME:N". Moving a version to the
  // stage it is in throws registry.bad_stage.
  const ModelVersion& transition(std::string_view name, int version, Stage to, double time,
                                 const std::string& by, const std::string& comment,
                                 bool archive_existing = false);
  // The current Production version (the one promoted last) goes to Archived and the version
  // before it (the other version that entered Production most recently) goes back to
  // Production; returns that one. Throws registry.no_production when nothing is in Production
  // and registry.no_previous_production when no other version was ever in Production.
  const ModelVersion& rollback(std::string_view name, double time, const std::string& by,
                               const std::string& comment);

  // Points `alias` at `version`, moving it if it pointed elsewhere; setting it to the version
  // it already names changes nothing and records nothing.
  void set_alias(std::string_view name, const std::string& alias, int version, double time,
                 const std::string& by);
  // Throws registry.unknown_alias listing the model's aliases.
  void delete_alias(std::string_view name, const std::string& alias, double time, const std::string& by);

  bool contains(std::string_view name) const { return find(name) != nullptr; }
  const RegisteredModel* find(std::string_view name) const;
  // Throws registry.unknown_model, listing the models that exist.
  const RegisteredModel& model(std::string_view name) const;
  const ModelVersion& version(std::string_view name, int number) const;
  const std::vector<ModelVersion>& versions(std::string_view name) const { return model(name).versions; }
  // "IRIS:2", "IRIS@champion", "IRIS:latest" or "IRIS" (the latest version).
  const ModelVersion& resolve(std::string_view reference) const;
  // As MLflow's get_latest_versions: the highest-numbered version in each of `stages` that has
  // one, in the order given; all four stages when `stages` is empty.
  std::vector<ModelVersion> latest_versions(std::string_view name, const std::vector<Stage>& stages = {}) const;
  // Sorted by name.
  std::vector<std::string> names() const;
  const std::map<std::string, RegisteredModel, std::less<>>& models() const { return models_; }

  friend bool operator==(const ModelRegistry& a, const ModelRegistry& b) { return a.models_ == b.models_; }
  friend void from_json(const nlohmann::json& j, ModelRegistry& r);

 private:
  RegisteredModel& model_mut(std::string_view name);
  ModelVersion& move(RegisteredModel& m, int version, Stage to, double time, const std::string& by,
                     const std::string& comment);

  std::map<std::string, RegisteredModel, std::less<>> models_;
};

bool operator==(const StageTransition& a, const StageTransition& b);
bool operator==(const AliasChange& a, const AliasChange& b);
bool operator==(const ModelVersion& a, const ModelVersion& b);
bool operator==(const RegisteredModel& a, const RegisteredModel& b);
inline bool operator!=(const ModelRegistry& a, const ModelRegistry& b) { return !(a == b); }

// Stage: its name. Transition: {"from", "to", "time", "by", "comment"}. Alias change: {"alias",
// "from_version" (null when new), "to_version" (null when deleted), "time", "by"}. Version: every
// field above, "stage" by name. Model: {"name", "description", "tags", "versions", "aliases",
// "alias_history"}. Registry: {"models": [...]} sorted by name. Reading checks every field, the
// numbering, the stages against their history and the aliases, and throws registry.corrupt naming
// the field (e.g. "models[0].versions[1].stage"); a failed read leaves the target unchanged.
void to_json(nlohmann::json& j, Stage s);
void from_json(const nlohmann::json& j, Stage& s);
void to_json(nlohmann::json& j, const StageTransition& t);
void from_json(const nlohmann::json& j, StageTransition& t);
void to_json(nlohmann::json& j, const AliasChange& c);
void from_json(const nlohmann::json& j, AliasChange& c);
void to_json(nlohmann::json& j, const ModelVersion& v);
void from_json(const nlohmann::json& j, ModelVersion& v);
void to_json(nlohmann::json& j, const RegisteredModel& m);
void from_json(const nlohmann::json& j, RegisteredModel& m);
void to_json(nlohmann::json& j, const ModelRegistry& r);
void from_json(const nlohmann::json& j, ModelRegistry& r);

}  // namespace mlcore::ops

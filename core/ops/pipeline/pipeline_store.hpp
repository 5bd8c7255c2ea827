// The workspace's pipelines part: the variable library (variable groups such as IRISBuildVG),
// the saved pipelines with their triggers, and the record of every pipeline run (steps, logs,
// cost). Changed only by the logged commands variables.set_group, variables.delete_group,
// pipeline.save, pipeline.delete and pipeline.record_run, so replaying the log rebuilds it
// without re-running any work. Everything else about pipelines (the simulated cloud, what is
// due) is derived from it.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

struct VariableGroup {
  std::string name;
  std::string description;
  std::map<std::string, std::string> variables;  // "ml.computeName" -> "iriscompute"
  double updated = 0;                            // simulated time of the last set_group
};

struct SavedPipeline {
  std::string name;
  nlohmann::json spec;     // the spec as JSON, as given
  nlohmann::json trigger;  // normalised: {"type": "manual"|"dataset"|"schedule", ...}
  double saved = 0;
  // For a dataset trigger: the dataset's latest version when the pipeline was saved; only newer
  // versions trigger it.
  int baseline = 0;
};

// Throws pipeline.bad_name unless the name is 1 to 80 characters of [A-Za-z0-9_.-].
void validate_pipeline_name(std::string_view what, std::string_view name);

class PipelineStore {
 public:
  void set_group(const std::string& name, std::map<std::string, std::string> variables, std::string description,
                 double time);
  // Throws pipeline.unknown_group listing the groups.
  void delete_group(std::string_view name);
  void save_pipeline(SavedPipeline pipeline);
  // Throws pipeline.unknown_pipeline listing the saved pipelines.
  void delete_pipeline(std::string_view name);
  // Checks the record's shape (pipeline.bad_record naming the field), gives it its number (runs
  // of the same pipeline so far + 1) and id ("iris-build#3"), keeps it and returns it. `time` is
  // when the record is applied: the run cannot finish after it.
  const nlohmann::json& record_run(nlohmann::json run, double time);

  const VariableGroup* find_group(std::string_view name) const;
  const SavedPipeline* find_pipeline(std::string_view name) const;
  // Throws pipeline.unknown_pipeline.
  const SavedPipeline& pipeline(std::string_view name) const;
  const std::map<std::string, VariableGroup, std::less<>>& groups() const { return groups_; }
  const std::map<std::string, SavedPipeline, std::less<>>& pipelines() const { return pipelines_; }
  const std::vector<nlohmann::json>& runs() const { return runs_; }
  // The runs of one pipeline, oldest first.
  std::vector<const nlohmann::json*> runs_of(std::string_view pipeline) const;
  bool empty() const { return groups_.empty() && pipelines_.empty() && runs_.empty(); }

  friend bool operator==(const PipelineStore& a, const PipelineStore& b);
  friend void from_json(const nlohmann::json& j, PipelineStore& s);

 private:
  std::map<std::string, VariableGroup, std::less<>> groups_;
  std::map<std::string, SavedPipeline, std::less<>> pipelines_;
  std::vector<nlohmann::json> runs_;  // in the order they were recorded
};

bool operator==(const VariableGroup& a, const VariableGroup& b);
bool operator==(const SavedPipeline& a, const SavedPipeline& b);
inline bool operator!=(const PipelineStore& a, const PipelineStore& b) { return !(a == b); }

// {"variable_groups": [{"name", "description", "variables", "updated"}], "pipelines": [{"name",
// "spec", "trigger", "saved", "baseline"}], "runs": [records]}. Reading checks every part and
// throws pipeline.corrupt naming the field; an absent part reads as empty.
void to_json(nlohmann::json& j, const VariableGroup& g);
void to_json(nlohmann::json& j, const SavedPipeline& p);
void to_json(nlohmann::json& j, const PipelineStore& s);
void from_json(const nlohmann::json& j, PipelineStore& s);

}  // namespace mlcore::ops

// Experiment tracking in MLflow's words: experiments (named groups, e.g. IRISExperiment) and the
// runs logged under them (params, final metrics and per-step series, tags, dataset, model family,
// artifacts, a note). A pure value: times come from the caller's simulated clock, run ids are
// deterministic ("run-1", "run-2", ... in the order runs start) and nothing is read or written.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

enum class RunStatus { running, finished, failed, cancelled };

// "running", "finished", "failed", "cancelled": the spelling of JSON, filters and the page.
const char* status_name(RunStatus status);
// Throws tracking.bad_status naming the four statuses.
RunStatus parse_run_status(std::string_view name);

struct MetricPoint {
  std::int64_t step = 0;
  double value = 0;
};

struct Experiment {
  std::string name;  // [A-Za-z0-9_. -]+
  double created = 0;  // simulated clock, seconds
  std::string description;
};

struct Run {
  std::string id;  // "run-N"
  std::string experiment;
  RunStatus status = RunStatus::running;
  double start_time = 0;
  std::optional<double> end_time;  // empty while running
  nlohmann::json params = nlohmann::json::object();
  std::map<std::string, double> metrics;                    // final values
  std::map<std::string, std::vector<MetricPoint>> series;   // sorted by step
  std::map<std::string, std::string> tags;
  nlohmann::json dataset;  // {"name", "version", "hash"}; null = none
  std::string family;      // model family, e.g. "decision_tree"
  std::map<std::string, nlohmann::json> artifacts;  // e.g. "model" -> the stored model's key
  std::string note;
};

// How search_runs orders its result: by a metric's final value, or by run number when `metric`
// is empty. Runs without the metric come last in either direction, as in MLflow.
struct RunOrder {
  std::string metric;
  bool descending = true;
};

// Throws tracking.bad_name unless the name is non-empty and only [A-Za-z0-9_. -].
void validate_experiment_name(std::string_view name);
// Param, metric, tag and artifact names: non-empty [A-Za-z0-9_.-], so a filter can name them.
void validate_key(std::string_view what, std::string_view key);

class Tracking {
 public:
  // Idempotent: an existing experiment is returned unchanged (its created time stays).
  const Experiment& create_experiment(std::string_view name, double time);
  void set_description(std::string_view experiment, std::string description);

  // Creates the experiment at `time` if it is missing. `params` is an object (or null) and
  // `dataset` an object (or null). The reference stays valid as later runs are added.
  const Run& start_run(std::string_view experiment, double time, std::string family,
                       nlohmann::json params = nlohmann::json::object(),
                       nlohmann::json dataset = nullptr);

  // Params and metrics are what the training produced, so they can be logged only while the run
  // is running (tracking.run_not_running); tags, note and artifacts annotate it at any time.
  void log_param(std::string_view run, const std::string& name, nlohmann::json value);
  // With a step the point joins the series (kept sorted by step) and the final value becomes
  // the value at the latest step; without one only the final value is set. Non-finite values
  // throw tracking.bad_value.
  void log_metric(std::string_view run, const std::string& name, double value,
                  std::optional<std::int64_t> step = std::nullopt);
  void set_tag(std::string_view run, const std::string& key, std::string value);
  void set_note(std::string_view run, std::string note);
  void add_artifact(std::string_view run, const std::string& name, nlohmann::json value);
  // Only from running (tracking.run_not_running); `status` must not be running
  // (tracking.bad_status) and `time` not before the start (tracking.bad_time).
  void finish_run(std::string_view run, RunStatus status, double time);

  // Throws tracking.unknown_run.
  const Run& run(std::string_view id) const;
  const Experiment* find_experiment(std::string_view name) const;
  // Throws tracking.unknown_experiment listing those that exist.
  const Experiment& experiment(std::string_view name) const;
  // In run order. Pointers stay valid as later runs are added.
  std::vector<const Run*> runs_of(std::string_view experiment) const;
  // Filter grammar in run_filter.hpp ("" = every run); an empty experiment searches the runs of
  // every experiment. Throws tracking.bad_filter, tracking.unknown_experiment.
  std::vector<const Run*> search_runs(std::string_view experiment, std::string_view filter,
                                      const RunOrder& order = {}) const;
  // {"runs": [ids], "params": {name: [value or null per run]}, "metrics": {name: [...]},
  //  "differs": {"params.NAME" | "metrics.NAME": bool}}. The differs keys carry the filter's
  // prefixes because a param and a metric may share a name (e.g. "loss").
  nlohmann::json compare_runs(const std::vector<std::string>& ids) const;

  const std::map<std::string, Experiment, std::less<>>& experiments() const { return experiments_; }
  const std::deque<Run>& runs() const { return runs_; }

  friend bool operator==(const Tracking& a, const Tracking& b);
  friend void from_json(const nlohmann::json& j, Tracking& t);

 private:
  Run& running_run(std::string_view id);
  Run& run_mut(std::string_view id);

  std::map<std::string, Experiment, std::less<>> experiments_;
  std::deque<Run> runs_;  // runs_[i].id == "run-<i+1>"; a deque keeps references stable
};

bool operator==(const MetricPoint& a, const MetricPoint& b);
bool operator==(const Experiment& a, const Experiment& b);
bool operator==(const Run& a, const Run& b);
inline bool operator!=(const Tracking& a, const Tracking& b) { return !(a == b); }

// Experiment: {"name", "created", "description"}. Run: {"id", "experiment", "status",
// "start_time", "end_time" (null while running), "params", "metrics", "series": {name:
// [{"step", "value"}]}, "tags", "dataset", "family", "artifacts", "note"}. Tracking:
// {"experiments": [...] by name, "runs": [...] in id order}. Reading checks names, ids,
// statuses, times and types and throws tracking.corrupt naming the field (e.g. runs[1].status).
void to_json(nlohmann::json& j, const MetricPoint& p);
void to_json(nlohmann::json& j, const Experiment& e);
void to_json(nlohmann::json& j, const Run& r);
void to_json(nlohmann::json& j, const Tracking& t);
void from_json(const nlohmann::json& j, Experiment& e);
void from_json(const nlohmann::json& j, Run& r);
void from_json(const nlohmann::json& j, Tracking& t);

}  // namespace mlcore::ops

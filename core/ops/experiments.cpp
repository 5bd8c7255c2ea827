// Experiment tracking: the run lifecycle, logging, lookups, search and comparison, and the JSON
// form the saved workspace carries (read back with checks, so a damaged file is named, not used).
#include "experiments.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"
#include "run_filter.hpp"

namespace mlcore::ops {

namespace {

const char* const kStatuses[] = {"running", "finished", "failed", "cancelled"};

bool name_char(char c, bool allow_space) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || (allow_space && c == ' ');
}

std::string run_id(std::size_t number) { return "run-" + std::to_string(number); }

// The index of "run-N" in runs_, or npos: ids are positions, so lookups need no search.
std::size_t run_index(std::string_view id, std::size_t count) {
  if (id.size() < 5 || id.substr(0, 4) != "run-" || id[4] == '0') return std::string::npos;
  std::size_t n = 0;
  for (char c : id.substr(4)) {
    if (c < '0' || c > '9' || n > count) return std::string::npos;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n >= 1 && n <= count ? n - 1 : std::string::npos;
}

void check_finite(std::string_view what, double value) {
  if (!std::isfinite(value))
    throw Error("tracking.bad_value", std::string(what) + " must be a finite number.");
}

[[noreturn]] void corrupt(const std::string& field, const std::string& why) {
  throw Error("tracking.corrupt", "The saved experiment tracking is damaged at " + field + ": " + why +
                                      ". Import the workspace again from a good copy.");
}

// Reads field `name` of `j` as T, naming `path.name` when it is missing or of the wrong type.
template <class T>
T field(const nlohmann::json& j, const char* name, const std::string& path) {
  std::string where = path + "." + name;
  if (!j.is_object() || !j.contains(name)) corrupt(where, "the field is missing");
  try {
    return j.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    corrupt(where, "the value " + excerpt_of(j.at(name).dump()) + " has the wrong type");
  }
}

// Rethrows a validation error as tracking.corrupt at `where`.
template <class F>
void checked(const std::string& where, F f) {
  try {
    f();
  } catch (const Error& e) {
    corrupt(where, e.what());
  }
}

Experiment read_experiment(const nlohmann::json& j, const std::string& path) {
  Experiment e{field<std::string>(j, "name", path), field<double>(j, "created", path),
               field<std::string>(j, "description", path)};
  checked(path + ".name", [&] { validate_experiment_name(e.name); });
  checked(path + ".created", [&] { check_finite("The created time", e.created); });
  return e;
}

Run read_run(const nlohmann::json& j, const std::string& path) {
  Run r;
  r.id = field<std::string>(j, "id", path);
  r.experiment = field<std::string>(j, "experiment", path);
  checked(path + ".status", [&] { r.status = parse_run_status(field<std::string>(j, "status", path)); });
  r.start_time = field<double>(j, "start_time", path);
  if (!j.contains("end_time")) corrupt(path + ".end_time", "the field is missing");
  if (!j.at("end_time").is_null()) r.end_time = field<double>(j, "end_time", path);
  if ((r.status == RunStatus::running) != !r.end_time)
    corrupt(path + ".end_time", "a run has an end time exactly when it is no longer running");
  if (r.end_time && *r.end_time < r.start_time) corrupt(path + ".end_time", "it is before the start");
  r.params = field<nlohmann::json>(j, "params", path);
  if (!r.params.is_object()) corrupt(path + ".params", "it is not an object");
  r.metrics = field<std::map<std::string, double>>(j, "metrics", path);
  for (const auto& [name, points] : field<std::map<std::string, nlohmann::json>>(j, "series", path)) {
    std::string where = path + ".series." + name;
    if (!points.is_array()) corrupt(where, "it is not a list");
    std::vector<MetricPoint>& s = r.series[name];
    for (std::size_t i = 0; i < points.size(); ++i) {
      std::string at = where + "[" + std::to_string(i) + "]";
      s.push_back({field<std::int64_t>(points[i], "step", at), field<double>(points[i], "value", at)});
      if (i > 0 && s[i].step < s[i - 1].step) corrupt(at, "the steps are not in order");
    }
  }
  r.tags = field<std::map<std::string, std::string>>(j, "tags", path);
  r.dataset = field<nlohmann::json>(j, "dataset", path);
  if (!r.dataset.is_null() && !r.dataset.is_object()) corrupt(path + ".dataset", "it is not an object");
  r.family = field<std::string>(j, "family", path);
  r.artifacts = field<std::map<std::string, nlohmann::json>>(j, "artifacts", path);
  r.note = field<std::string>(j, "note", path);
  checked(path, [&] {
    for (const auto& [k, v] : r.params.items()) validate_key("A param name", k);
    for (const auto& [k, v] : r.metrics) {
      validate_key("A metric name", k);
      check_finite("A metric", v);
    }
    for (const auto& [k, v] : r.series) validate_key("A metric name", k);
    for (const auto& [k, v] : r.tags) validate_key("A tag name", k);
    for (const auto& [k, v] : r.artifacts) validate_key("An artifact name", k);
  });
  return r;
}

}  // namespace

const char* status_name(RunStatus status) { return kStatuses[static_cast<int>(status)]; }

RunStatus parse_run_status(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (name == kStatuses[i]) return static_cast<RunStatus>(i);
  throw Error("tracking.bad_status", "'" + excerpt_of(name) +
                                         "' is not a run status; use running, finished, failed or cancelled.");
}

void validate_experiment_name(std::string_view name) {
  bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return name_char(c, true); });
  if (!ok)
    throw Error("tracking.bad_name", "The experiment name '" + excerpt_of(name) +
                                         "' must be non-empty and use only letters, digits, '_', '.', '-' and spaces.");
}

void validate_key(std::string_view what, std::string_view key) {
  bool ok = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return name_char(c, false); });
  if (!ok)
    throw Error("tracking.bad_name", std::string(what) + " '" + excerpt_of(key) +
                                         "' must be non-empty and use only letters, digits, '_', '.' and '-'.");
}

const Experiment& Tracking::create_experiment(std::string_view name, double time) {
  if (const Experiment* e = find_experiment(name)) return *e;
  validate_experiment_name(name);
  check_finite("The created time", time);
  Experiment e{std::string(name), time, ""};
  return experiments_.emplace(e.name, e).first->second;
}

void Tracking::set_description(std::string_view experiment, std::string description) {
  const_cast<Experiment&>(this->experiment(experiment)).description = std::move(description);
}

const Run& Tracking::start_run(std::string_view experiment, double time, std::string family,
                               nlohmann::json params, nlohmann::json dataset) {
  if (params.is_null()) params = nlohmann::json::object();
  if (!params.is_object()) throw Error("tracking.bad_value", "The params of a run must be a JSON object.");
  for (const auto& [k, v] : params.items()) validate_key("A param name", k);
  if (!dataset.is_null() && !dataset.is_object())
    throw Error("tracking.bad_value", "The dataset of a run must be a JSON object {name, version, hash}.");
  check_finite("The start time", time);
  create_experiment(experiment, time);
  Run r;
  r.id = run_id(runs_.size() + 1);
  r.experiment = std::string(experiment);
  r.start_time = time;
  r.params = std::move(params);
  r.dataset = std::move(dataset);
  r.family = std::move(family);
  runs_.push_back(std::move(r));
  return runs_.back();
}

void Tracking::log_param(std::string_view run, const std::string& name, nlohmann::json value) {
  validate_key("A param name", name);
  running_run(run).params[name] = std::move(value);
}

void Tracking::log_metric(std::string_view run, const std::string& name, double value,
                          std::optional<std::int64_t> step) {
  validate_key("A metric name", name);
  check_finite("The metric '" + name + "'", value);
  Run& r = running_run(run);
  r.metrics[name] = value;
  if (step) {
    std::vector<MetricPoint>& s = r.series[name];
    // After any equal step, so a repeated step keeps both points and the later one is final.
    auto at = std::upper_bound(s.begin(), s.end(), *step,
                               [](std::int64_t st, const MetricPoint& p) { return st < p.step; });
    s.insert(at, MetricPoint{*step, value});
    r.metrics[name] = s.back().value;
  }
}

void Tracking::set_tag(std::string_view run, const std::string& key, std::string value) {
  validate_key("A tag name", key);
  run_mut(run).tags[key] = std::move(value);
}

void Tracking::set_note(std::string_view run, std::string note) { run_mut(run).note = std::move(note); }

void Tracking::add_artifact(std::string_view run, const std::string& name, nlohmann::json value) {
  validate_key("An artifact name", name);
  run_mut(run).artifacts[name] = std::move(value);
}

void Tracking::finish_run(std::string_view run, RunStatus status, double time) {
  Run& r = running_run(run);
  if (status == RunStatus::running)
    throw Error("tracking.bad_status", "A run finishes as finished, failed or cancelled, not running.");
  check_finite("The end time", time);
  if (time < r.start_time)
    throw Error("tracking.bad_time", "Run " + r.id + " cannot end before it started.");
  r.status = status;
  r.end_time = time;
}

const Run& Tracking::run(std::string_view id) const {
  std::size_t i = run_index(id, runs_.size());
  if (i == std::string::npos)
    throw Error("tracking.unknown_run", "There is no run '" + excerpt_of(id) + "'; the runs are " +
                                            (runs_.empty() ? "none yet" : "run-1 to " + runs_.back().id) + ".");
  return runs_[i];
}

Run& Tracking::run_mut(std::string_view id) { return const_cast<Run&>(run(id)); }

Run& Tracking::running_run(std::string_view id) {
  Run& r = run_mut(id);
  if (r.status != RunStatus::running)
    throw Error("tracking.run_not_running",
                "Run " + r.id + " is " + status_name(r.status) + "; only a running run can change this.");
  return r;
}

const Experiment* Tracking::find_experiment(std::string_view name) const {
  auto it = experiments_.find(name);
  return it == experiments_.end() ? nullptr : &it->second;
}

const Experiment& Tracking::experiment(std::string_view name) const {
  if (const Experiment* e = find_experiment(name)) return *e;
  std::string known;
  for (const auto& [n, e] : experiments_) known += (known.empty() ? "" : ", ") + n;
  throw Error("tracking.unknown_experiment", "There is no experiment '" + excerpt_of(name) + "'; " +
                                                 (known.empty() ? "none exist yet" : "they are " + known) + ".");
}

std::vector<const Run*> Tracking::runs_of(std::string_view experiment) const {
  this->experiment(experiment);  // for the error naming those that exist
  std::vector<const Run*> out;
  for (const Run& r : runs_)
    if (r.experiment == experiment) out.push_back(&r);
  return out;
}

std::vector<const Run*> Tracking::search_runs(std::string_view experiment, std::string_view filter,
                                              const RunOrder& order) const {
  RunFilter f = parse_run_filter(filter);  // first: a bad filter is reported even with no runs
  std::vector<const Run*> out;
  if (experiment.empty()) {
    for (const Run& r : runs_)
      if (matches(f, r)) out.push_back(&r);
  } else {
    for (const Run* r : runs_of(experiment))
      if (matches(f, *r)) out.push_back(r);
  }
  if (order.metric.empty()) return out;  // already in run order
  auto value = [&](const Run* r) -> const double* {
    auto it = r->metrics.find(order.metric);
    return it == r->metrics.end() ? nullptr : &it->second;
  };
  std::stable_sort(out.begin(), out.end(), [&](const Run* a, const Run* b) {
    const double* x = value(a);
    const double* y = value(b);
    if (!x || !y) return x && !y;  // runs without the metric last
    return order.descending ? *x > *y : *x < *y;
  });
  return out;
}

nlohmann::json Tracking::compare_runs(const std::vector<std::string>& ids) const {
  std::vector<const Run*> runs;
  for (const std::string& id : ids) runs.push_back(&run(id));
  nlohmann::json out{{"runs", ids}, {"params", nlohmann::json::object()},
                     {"metrics", nlohmann::json::object()}, {"differs", nlohmann::json::object()}};
  // Every name any run has, each with one value per run (null where a run lacks it).
  auto collect = [&](const char* section, auto value_of) {
    std::map<std::string, nlohmann::json> rows;
    for (std::size_t i = 0; i < runs.size(); ++i)
      for (const auto& [name, v] : value_of(*runs[i])) {
        auto& row = rows.try_emplace(name, nlohmann::json(std::vector<nlohmann::json>(runs.size()))).first->second;
        row[i] = v;
      }
    for (auto& entry : rows) {  // not a structured binding: clang 14 (em++) cannot capture one
      const std::string& name = entry.first;
      nlohmann::json& row = entry.second;
      bool differs = std::any_of(row.begin(), row.end(), [&](const nlohmann::json& v) { return v != row[0]; });
      out["differs"][std::string(section) + "." + name] = differs;
      out[section][name] = std::move(row);
    }
  };
  collect("params", [](const Run& r) { return r.params.get<std::map<std::string, nlohmann::json>>(); });
  collect("metrics", [](const Run& r) { return r.metrics; });
  return out;
}

bool operator==(const MetricPoint& a, const MetricPoint& b) { return a.step == b.step && a.value == b.value; }

bool operator==(const Experiment& a, const Experiment& b) {
  return a.name == b.name && a.created == b.created && a.description == b.description;
}

bool operator==(const Run& a, const Run& b) {
  return a.id == b.id && a.experiment == b.experiment && a.status == b.status &&
         a.start_time == b.start_time && a.end_time == b.end_time && a.params == b.params &&
         a.metrics == b.metrics && a.series == b.series && a.tags == b.tags && a.dataset == b.dataset &&
         a.family == b.family && a.artifacts == b.artifacts && a.note == b.note;
}

bool operator==(const Tracking& a, const Tracking& b) { return a.experiments_ == b.experiments_ && a.runs_ == b.runs_; }

void to_json(nlohmann::json& j, const MetricPoint& p) { j = nlohmann::json{{"step", p.step}, {"value", p.value}}; }

void to_json(nlohmann::json& j, const Experiment& e) {
  j = nlohmann::json{{"name", e.name}, {"created", e.created}, {"description", e.description}};
}

void to_json(nlohmann::json& j, const Run& r) {
  j = nlohmann::json{{"id", r.id}, {"experiment", r.experiment}, {"status", status_name(r.status)},
                     {"start_time", r.start_time}, {"end_time", nullptr}, {"params", r.params},
                     {"metrics", r.metrics}, {"series", r.series}, {"tags", r.tags}, {"dataset", r.dataset},
                     {"family", r.family}, {"artifacts", r.artifacts}, {"note", r.note}};
  if (r.end_time) j["end_time"] = *r.end_time;
}

void to_json(nlohmann::json& j, const Tracking& t) {
  auto experiments = nlohmann::json::array();
  for (const auto& [name, e] : t.experiments()) experiments.push_back(e);
  j = nlohmann::json{{"experiments", std::move(experiments)}, {"runs", t.runs()}};
}

void from_json(const nlohmann::json& j, Experiment& e) { e = read_experiment(j, "experiment"); }

void from_json(const nlohmann::json& j, Run& r) { r = read_run(j, "run"); }

void from_json(const nlohmann::json& j, Tracking& t) {
  Tracking loaded;
  auto experiments = field<std::vector<nlohmann::json>>(j, "experiments", "tracking");
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    std::string path = "experiments[" + std::to_string(i) + "]";
    Experiment e = read_experiment(experiments[i], path);
    if (!loaded.experiments_.emplace(e.name, e).second) corrupt(path + ".name", "'" + e.name + "' appears twice");
  }
  auto runs = field<std::vector<nlohmann::json>>(j, "runs", "tracking");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::string path = "runs[" + std::to_string(i) + "]";
    Run r = read_run(runs[i], path);
    // Ids are positions, so the next start_run stays deterministic after a reload.
    if (r.id != run_id(i + 1)) corrupt(path + ".id", "'" + r.id + "' where " + run_id(i + 1) + " belongs");
    if (!loaded.find_experiment(r.experiment))
      corrupt(path + ".experiment", "there is no experiment '" + r.experiment + "'");
    loaded.runs_.push_back(std::move(r));
  }
  t = std::move(loaded);  // only now: a damaged file leaves the tracking as it was
}

}  // namespace mlcore::ops

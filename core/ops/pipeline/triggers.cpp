// See triggers.hpp.
#include "triggers.hpp"

#include <algorithm>
#include <cmath>

#include "../../error.hpp"
#include "../workspace.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void bad_trigger(const json& given) {
  throw Error("pipeline.bad_trigger", "The trigger " + excerpt_of(given.dump()) +
                                          " is not one: write manual, {\"dataset\": \"IRIS\"} or {\"schedule\": "
                                          "{\"every\": 86400}} (simulated seconds, at least 60).");
}

json schedule_of(const json& every, const json& given) {
  if (!every.is_number() || !std::isfinite(every.get<double>()) || every.get<double>() < kMinSchedulePeriod)
    bad_trigger(given);
  return {{"type", "schedule"}, {"every", every}};
}

json dataset_of(const json& name, const json& given) {
  if (!name.is_string()) bad_trigger(given);
  validate_dataset_name(name.get<std::string>());
  return {{"type", "dataset"}, {"dataset", name}};
}

// The highest version of `dataset` this pipeline has already answered: by being triggered by
// it or by registering it itself (a pipeline never triggers itself).
int handled_version(const PipelineStore& store, const std::string& pipeline, const std::string& dataset) {
  int handled = 0;
  for (const json* run : store.runs_of(pipeline)) {
    const json& t = (*run)["trigger"];
    if (t.value("type", "") == "dataset" && t.value("dataset", "") == dataset) handled = std::max(handled, t.value("version", 0));
    for (const json& step : (*run)["steps"]) {
      const json out = step.value("outputs", json::object());
      if (out.is_object() && out.contains("dataset") && out["dataset"].is_object() &&
          out["dataset"].value("name", "") == dataset)
        handled = std::max(handled, out["dataset"].value("version", 0));
    }
  }
  return handled;
}

double last_scheduled(const PipelineStore& store, const SavedPipeline& p) {
  double last = p.saved;
  for (const json* run : store.runs_of(p.name)) {
    const json& t = (*run)["trigger"];
    if (t.value("type", "") == "schedule" && t.contains("due") && t["due"].is_number())
      last = std::max(last, t["due"].get<double>());
  }
  return last;
}

}  // namespace

json normalise_trigger(const json& t) {
  if (t.is_null()) return {{"type", "manual"}};
  if (t.is_string()) {
    if (t == "manual") return {{"type", "manual"}};
    bad_trigger(t);
  }
  if (!t.is_object() || t.size() < 1) bad_trigger(t);
  if (t.contains("type")) {
    const json type = t["type"];
    if (type == "manual" && t.size() == 1) return {{"type", "manual"}};
    if (type == "dataset" && t.size() == 2 && t.contains("dataset")) return dataset_of(t["dataset"], t);
    if (type == "schedule" && t.size() == 2 && t.contains("every")) return schedule_of(t["every"], t);
    bad_trigger(t);
  }
  if (t.size() != 1) bad_trigger(t);
  if (t.contains("dataset")) return dataset_of(t["dataset"], t);
  if (t.contains("schedule")) {
    const json& s = t["schedule"];
    if (s.is_object() && s.size() == 1 && s.contains("every")) return schedule_of(s["every"], t);
    if (s.is_number()) return schedule_of(s, t);
  }
  if (t.contains("manual")) return {{"type", "manual"}};
  bad_trigger(t);
}

int dataset_baseline(const DatasetRegistry& datasets, const json& trigger) {
  if (trigger.value("type", "") != "dataset") return 0;
  const Dataset* d = datasets.find(trigger["dataset"].get<std::string>());
  return d && !d->versions.empty() ? d->latest().number : 0;
}

std::optional<DueRun> next_due(const Workspace& ws, double until) {
  std::optional<DueRun> best;
  auto consider = [&](DueRun due) {
    if (due.at > until) return;
    if (!best || due.at < best->at) best = std::move(due);  // pipelines come in name order: ties keep the first
  };
  for (const auto& [name, p] : ws.pipelines.pipelines()) {
    const std::string type = p.trigger.value("type", "manual");
    if (type == "dataset") {
      const std::string dataset = p.trigger["dataset"].get<std::string>();
      const Dataset* d = ws.datasets.find(dataset);
      if (!d || d->versions.empty()) continue;
      const int latest = d->latest().number;
      if (latest > std::max(p.baseline, handled_version(ws.pipelines, name, dataset)))
        consider({name, {{"type", "dataset"}, {"dataset", dataset}, {"version", latest}}, ws.clock});
    } else if (type == "schedule") {
      const double due = last_scheduled(ws.pipelines, p) + p.trigger["every"].get<double>();
      consider({name, {{"type", "schedule"}, {"due", due}}, std::max(due, ws.clock)});
    }
  }
  return best;
}

}  // namespace mlcore::ops

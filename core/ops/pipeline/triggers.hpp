// Pipeline triggers: manual, a new version of a dataset, or a schedule on the simulated clock;
// and what is due. Everything here is derived from the workspace (saved pipelines, their runs,
// the dataset registry), so replaying the log gives the same answers.
//
//   "manual"                          runs only when asked
//   {"dataset": "IRIS"}               runs once after each new version of IRIS is registered
//   {"schedule": {"every": 86400}}    runs every 86400 simulated seconds after it was saved
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "../dataset_registry.hpp"

namespace mlcore::ops {

struct Workspace;

// The shortest schedule period: shorter ones would flood the log.
inline constexpr double kMinSchedulePeriod = 60;

// Any of the forms above (or an already normalised one) as {"type": "manual"}, {"type":
// "dataset", "dataset": NAME} or {"type": "schedule", "every": SECONDS}. Throws
// pipeline.bad_trigger saying what a trigger looks like.
nlohmann::json normalise_trigger(const nlohmann::json& trigger);

// For a dataset trigger, the latest version of the dataset now (0 when it has none).
int dataset_baseline(const DatasetRegistry& datasets, const nlohmann::json& trigger);

struct DueRun {
  std::string pipeline;
  nlohmann::json trigger;  // what the run records: {"type": "dataset", "dataset", "version"} or
                           // {"type": "schedule", "due"}
  double at = 0;           // when it is due (the clock, for a dataset trigger)
};

// The saved pipeline due first at or before `until`: a dataset trigger whose dataset has a
// version newer than the baseline, than the versions its runs were triggered by and than the
// versions its own runs registered (due at once); or a schedule whose next time (the last
// scheduled run's due time, or the save time, plus the period) is at or before `until`. Ties go
// to the pipeline whose name sorts first.
std::optional<DueRun> next_due(const Workspace& ws, double until);

}  // namespace mlcore::ops

// How one mode fared on a scenario, for the comparison of the three setups of MLOps: the
// accuracy before the first drift (the baseline), whether it dropped below the recovery threshold
// (baseline - kRecoveryTolerance), how many days after the drift began it was back above it, and
// the mean after the drift.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

namespace mlcore::sim {

// A window counts as recovered when its quality is within this of the pre-drift mean.
constexpr double kRecoveryTolerance = 0.05;

struct Recovery {
  std::optional<double> baseline;   // mean quality of the windows that end by the first drift day
  std::optional<double> threshold;  // baseline - kRecoveryTolerance
  bool dropped = false;             // a window from the drift on fell below the threshold
  std::optional<double> days_to_recover;  // from the drift's start to the first window back above; 0 without a drop
  std::optional<double> mean_after;       // mean quality of the windows from the drift on
};

// `quality[i]` of window i (nullopt: unknown), starting on `start_days[i]`, `window_days` long.
// Without a drift day, the baseline is the mean of all windows and nothing is measured after.
Recovery measure_recovery(const std::vector<std::optional<double>>& quality, const std::vector<double>& start_days,
                          double window_days, std::optional<double> drift_day);

}  // namespace mlcore::sim

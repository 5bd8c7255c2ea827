// The continuous-training policy and the three setups of MLOps it runs as modes:
//   manual     nothing retrains by itself: an operator must notice an alert and act
//              (simulation.act, or a simulated operator after operator_reaction_days);
//   scheduled  continuous model delivery: the build pipeline retrains every schedule_days,
//              whatever the monitors say;
//   cicd       CI/CD of pipelines: an alert (drift, quality, ...) triggers the gated build
//              pipeline as soon as enough labelled rows have come in since it.
// In every mode a retrained model (the challenger) is compared with the one in PROD (the
// champion) on the same held-out labelled rows and released only when it wins. This file decides
// *when* to retrain; the session's engine (core/api/simulation_run.hpp) does it.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "monitors.hpp"
#include "scenario.hpp"

namespace mlcore::sim {

enum class Mode { Manual, Scheduled, Cicd };

const std::vector<Mode>& all_modes();
const char* to_string(Mode m);   // manual, scheduled, cicd
std::string mode_title(Mode m);  // "Manual", "Continuous model delivery", "CI/CD of pipelines"
std::string mode_help(Mode m);
// Throws sim.bad_mode naming the three.
Mode parse_mode(const std::string& text);

struct PolicyState {
  std::optional<double> pending_since;  // cicd: first day of the alerted window not yet acted on
  std::string pending_reason;
  double cooldown_until = -1;
  double next_schedule = 0;             // scheduled: the day the next retraining is due
  std::optional<double> operator_due;   // manual with a simulated operator: the day it acts
  std::string operator_reason;
};

PolicyState start_policy(const Policy& p);

struct Decision {
  bool retrain = false;
  std::string trigger;             // schedule | drift | quality | prediction_drift | operator
  std::string reason;              // a sentence for the marker and the pipeline run's trigger
  std::optional<double> since;     // learn only from windows starting on or after this day
};

// At the end of a window (`end_day`): `alerts` are those raised then about windows the model now in
// PROD served; `labelled_rows_since(day)` counts the labelled rows of windows from that day on.
Decision decide(Mode mode, const Policy& p, PolicyState& st, double end_day, const std::vector<Alert>& alerts,
                const std::function<std::size_t(double)>& labelled_rows_since);

// After any retraining (the policy's or an operator's): cooldown and a cleared trigger.
void retrained(const Policy& p, PolicyState& st, double end_day);

}  // namespace mlcore::sim

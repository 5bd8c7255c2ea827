// A drift scenario: which clean data the stream is drawn from, the model the workspace puts in
// PROD first, the traffic (requests per day, windows, label delay), the drifts that set in, the
// monitors' thresholds and the continuous-training policy. Read from JSON (scenarios/*.json, or
// the page's form) with every default filled in from the field tables of scenario.cpp, which are
// also the schema the page and `mlplay simulate --help` show.
//
//   {"name": "iris-sudden-shift", "dataset": "iris", "target": "Species", "days": 20, "seed": 7,
//    "model": {"family": "decision_tree", "params": {"max_depth": 3}},
//    "traffic": {"requests_per_day": 100, "label_delay_days": 1},
//    "drifts": [{"kind": "covariate_shift", "columns": ["PetalLengthCm", "PetalWidthCm"],
//                "start_day": 5, "intensity": 1.5}],
//    "monitors": {"drift_share": 0.5, "max_quality_drop": 0.1},
//    "policy": {"training_days": 3, "schedule_days": 7}}
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "drift_kind.hpp"

namespace mlcore::sim {

struct ModelSpec {
  std::string name;        // the registered model, e.g. IRIS (default: the dataset's name in capitals)
  std::string family = "decision_tree";
  nlohmann::json params = nlohmann::json::object();
  std::vector<std::string> features;  // empty: every column but the target
  std::size_t training_rows = 0;      // > 0: the first model learns from the first N rows only, the stream uses the rest
  double test_size = 0.2;
  std::uint64_t seed = 1984;
  std::string experiment;  // default: NAMESimulation
};

struct Traffic {
  double requests_per_day = 100;
  double window_days = 1;
  std::size_t window_requests = 0;  // > 0: windows of this many requests instead of window_days
  double label_delay_days = 1;
  bool sequential = false;  // rows in the dataset's order (time-ordered data) instead of drawn at random
  double noise = 0;         // Gaussian jitter on float features, in standard deviations
};

struct Monitors {
  nlohmann::json drift;  // core/drift options: {columns, method, threshold, drift_share, ...}
  bool prediction_drift = true;
  double max_quality_drop = 0.1;          // below the model's own test score minus this: alert
  std::optional<double> min_quality;      // or below this
  double max_error_rate = 0.05;           // share of refused requests
  double max_missing_increase = 0.2;      // a feature's missing share above the reference's by more than this
};

struct Policy {
  std::vector<std::string> triggers = {"drift", "quality"};  // what starts a retraining in cicd mode
  double schedule_days = 7;
  double training_days = 3;
  std::size_t min_rows = 50;
  double evaluation_share = 0.3;
  double cooldown_days = 1;
  std::string approval_role = "Approver";
  std::optional<double> quality_gate = 0.8;
  std::optional<double> operator_reaction_days;  // manual mode: a simulated operator acts this long after an alert
  std::string vm_size = "STANDARD_DS2_V2";
};

struct Scenario {
  std::string name, description, dataset, target;
  double days = 20;
  std::uint64_t seed = 0;
  ModelSpec model;
  Traffic traffic;
  std::vector<DriftSpec> drifts;
  Monitors monitors;
  Policy policy;
  nlohmann::json json;  // the whole scenario with its defaults filled in, as the page shows it
};

// Reads and checks a scenario's shape (not yet against a table): sim.bad_scenario naming the field.
Scenario parse_scenario(const nlohmann::json& j);

// Checks the scenario against the clean data: target, features, drifted columns and their types.
// Fills model.features when empty. Throws sim.bad_scenario naming the field.
void check_against(Scenario& s, const data::Table& base);

// {"sections": {"scenario": [fields], "model": [...], "traffic": [...], "monitors": [...],
// "policy": [...]}, "drift": [common fields], "drift_kinds": [{name, display_name, help,
// intensity, min_intensity, max_intensity, fields}], "modes": [{name, title, help}],
// "defaults": a scenario with every default}.
nlohmann::json scenario_schema();

// The first day any drift begins on (nullopt: a clean stream).
std::optional<double> first_drift_day(const Scenario& s);

}  // namespace mlcore::sim

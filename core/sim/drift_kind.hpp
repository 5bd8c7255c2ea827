// The ways a scenario turns a clean stream into a drifting one, one file per kind
// (covariate_shift.cpp, seasonal_pattern.cpp, new_category.cpp, quality_break.cpp,
// concept_drift.cpp) behind one descriptor and one registry (drift_kinds.cpp), as the drift tests
// are. Every kind takes the same timing fields: start_day, intensity (what it means is the kind's
// own: standard deviations for a shift, a share of the rows for a new category), onset (sudden,
// or gradual over ramp_days); its own fields are in `params`.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/random.hpp"
#include "../data/table.hpp"
#include "fields.hpp"

namespace mlcore::sim {

struct DriftSpec {
  std::string kind;
  double start_day = 0;
  double intensity = 1;
  bool gradual = false;
  double ramp_days = 0;
  nlohmann::json fields;  // every field of the drift, defaults filled in (the kind reads its own)
};

// How far a drift has set in on `day`: 0 before start_day, then 1 (sudden) or rising linearly to 1
// over ramp_days (gradual).
double onset(const DriftSpec& d, double day);

// Mean and population standard deviation of a numeric base column (missing values left out).
struct ColumnStats {
  double mean = 0, sd = 0;
};

// What a drift kind sees of the stream: the base table and its numeric columns' statistics.
struct StreamContext {
  const data::Table& base;
  const std::string& target;
  std::map<std::string, ColumnStats> stats;
};

struct DriftKind {
  std::string name;          // "covariate_shift"
  std::string display_name;  // "Covariate shift"
  std::string help;          // one sentence for the page
  std::string intensity;     // what intensity means for this kind
  double min_intensity = 0, max_intensity = 1e9;
  std::vector<FieldSpec> params;  // the kind's own fields
  // Throws sim.bad_scenario (naming `path`.FIELD) when the base table cannot take this drift.
  void (*check)(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path);
  // Changes the rows of one window; days[i] is row i's time in days since the stream began. Each
  // kind draws from `rng` a fixed number of times per row, so what it does depends on the seed only.
  void (*apply)(const DriftSpec& d, const StreamContext& ctx, data::Table& window, const std::vector<double>& days,
                data::Rng& rng);
};

// The registered kinds, in the order the page lists them.
const std::vector<const DriftKind*>& drift_kinds();
// Throws sim.bad_scenario naming `path` and listing the kinds.
const DriftKind& drift_kind(const std::string& name, const std::string& path);
// The fields every drift takes (kind, start_day, intensity, onset, ramp_days).
const std::vector<FieldSpec>& common_drift_fields();

// The kinds, one file each.
const DriftKind& covariate_shift_kind();
const DriftKind& seasonal_pattern_kind();
const DriftKind& new_category_kind();
const DriftKind& quality_break_kind();
const DriftKind& concept_drift_kind();

// Shared checks: the named column exists (and is numeric when `numeric`), else sim.bad_scenario.
const data::Column& drift_column(const data::Table& base, const std::string& name, const std::string& path, bool numeric);
// Column names of a text-list field, each checked with drift_column.
std::vector<std::string> drift_columns(const DriftSpec& d, const data::Table& base, const std::string& path, bool numeric);

}  // namespace mlcore::sim

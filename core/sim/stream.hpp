// The stream of scoring requests a scenario sends to the PROD endpoint: requests_per_day requests
// a day, evenly spaced on the simulated clock, grouped into windows (of window_days, or of
// window_requests requests). Each request is a row of the clean data (drawn at random with
// replacement, or in the data's order for a time-ordered dataset), jittered when noise > 0, then
// changed by the scenario's drifts at that request's time. A window's rows depend only on the
// scenario, the seed and the window's number, never on what the models did, so every mode sees
// the same traffic, and the same seed gives the same rows natively and in wasm (data::Rng).
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "../data/table.hpp"
#include "drift_kind.hpp"
#include "scenario.hpp"

namespace mlcore::sim {

struct StreamPlan {
  std::size_t window_requests = 0;  // requests in every window
  double window_days = 0;           // a window's length in days
  std::size_t windows = 0;          // windows in the scenario's days
  std::size_t first_row = 0;        // the stream draws from the base rows from here on (model.training_rows)
};

StreamPlan plan_stream(const Scenario& s);

// The base table's first `rows` rows (what the first model learns from with model.training_rows).
data::Table first_rows(const data::Table& base, std::size_t rows);

// Means and standard deviations of the base table's numeric columns.
std::map<std::string, ColumnStats> column_stats(const data::Table& base);

struct Window {
  std::size_t index = 0;
  double start_day = 0, end_day = 0;
  data::Table rows;          // every column of the base table, the target holding the true labels
  std::vector<double> days;  // each request's time in days since the stream began
};

// Window `index` of the stream (check_against must have accepted the scenario for `base`).
Window stream_window(const Scenario& s, const StreamPlan& plan, const data::Table& base,
                     const std::map<std::string, ColumnStats>& stats, std::uint64_t seed, std::size_t index);

// A seed for one purpose of one window, spread from the simulation's seed.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index);

}  // namespace mlcore::sim

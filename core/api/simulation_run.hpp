// A drift scenario played against the session's workspace with the real pieces: the first model
// is built by the build pipeline (pipeline.run) and released through UAT, approval and PROD; every
// request of the stream is answered by the PROD endpoint (score_at_endpoint); the monitors run
// core/drift against the training data of the model version that served; a retraining is a run of
// the build pipeline on the newest labelled traffic, its model is compared with the champion on
// held-out labelled rows, and a winner goes through the release pipeline. All of it is logged
// workspace commands (clock.advance, the pipeline's and the release's own), so the workspace
// replays without recomputing; the finished simulation adds one simulation.record. The window
// series themselves are this session's, like an endpoint's request log.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../data/table.hpp"
#include "../sim/monitors.hpp"
#include "../sim/policy.hpp"
#include "../sim/recovery.hpp"
#include "../sim/scenario.hpp"
#include "../sim/stream.hpp"
#include "session.hpp"

namespace mlcore::api {

struct SimWindow {
  sim::Window w;                 // the requests' rows and true labels
  double opened = 0, closed = 0;  // the simulated clock when its requests were answered, when it closed
  int version = 0;               // the model version that answered
  std::string reference;         // the dataset version the monitors compared with ("IRIS:1")
  std::vector<std::string> labels;  // each request's answer (classification)
  std::vector<double> values;       // each request's answer (regression)
  std::vector<char> answered;       // 200 or not
  std::size_t errors = 0;
  std::string first_error;          // the first refusal's message
  sim::WindowCheck check;
  std::optional<sim::Quality> quality;  // once its labels came in
  std::optional<std::size_t> labelled_at;  // the window at whose end they came (none: after the simulation)
  std::vector<sim::Alert> alerts;   // raised at this window's end (quality alerts may be about earlier windows)
  Json actions = Json::array();     // retrainings (with their evaluation and release) at this window's end

  // The quality once known, and only when some answered request had a label to compare with.
  std::optional<double> quality_value() const {
    return quality && quality->rows > 0 ? std::optional<double>(quality->value) : std::nullopt;
  }
  Json quality_json() const { return quality_value() ? Json(*quality_value()) : Json(nullptr); }
};

// What the monitors compare a version's traffic with, worked out once per version.
struct SimReference {
  std::shared_ptr<const data::Table> table;  // the version's training data
  std::string dataset;                       // "IRIS:1"
  data::Column predictions;                  // the version's answers on it
  std::vector<double> missing;               // share missing per feature
  double baseline = 0;                       // its training run's test accuracy (r2)
};

struct Simulation {
  sim::Scenario scenario;
  sim::Mode mode = sim::Mode::Cicd;
  std::uint64_t seed = 0;
  std::shared_ptr<const data::Table> base;
  std::map<std::string, sim::ColumnStats> stats;
  sim::StreamPlan plan;
  std::string model, endpoint, dataset;
  std::string stem;  // "iris": the endpoints' (iris-uat, iris-prod) and pipelines' (iris-retrain) first part
  bool classification = true;
  double t0 = 0;     // the clock when window 0 opened
  Json setup;        // what was done to put the first model in PROD (or what was found there)
  std::vector<SimWindow> windows;
  sim::PolicyState policy;
  std::size_t retrainings = 0, promotions = 0;
  double cost = 0;   // USD of the retraining pipelines' compute
  bool recorded = false;
  std::map<int, SimReference> references;

  bool done() const { return windows.size() >= plan.windows; }
};

// Reads the scenario and checks it against `base`; when the workspace has no version of the
// scenario's model at its PROD endpoint, runs the build pipeline on `base`, releases the version
// (the policy's role approving) and moves it to Production. `seed` (default: the scenario's)
// seeds the stream.
std::unique_ptr<Simulation> start_simulation(Session& s, const Json& scenario, sim::Mode mode,
                                             std::optional<std::uint64_t> seed, std::shared_ptr<const data::Table> base);

// Plays the next window: its requests at PROD, the clock to its end, its monitors, the labels
// that came in, the policy's decision. Returns the window as window_json gives it. Throws
// sim.finished when every window has been played. When the last one is, the labels still
// outstanding are counted and one simulation.record command is logged.
Json step_simulation(Session& s, Simulation& sim);

// Ends the simulation early or at its last window: the labels still outstanding are counted (as
// arriving after it) and, once, a simulation.record command is logged with its outcome.
void finish_simulation(Session& s, Simulation& sim);

// A retraining now (the policy's, or an operator's action): the build pipeline on the newest
// labelled traffic (from `since` on, when given), champion against challenger on held-out rows
// of the newest labelled window, and the release of the challenger when it wins (or always, with
// `always_promote`). Returns the action as recorded on the last window.
Json retrain_now(Session& s, Simulation& sim, const std::string& trigger, const std::string& reason,
                 std::optional<double> since, bool always_promote);

// The reference of a model version (computed once).
const SimReference& reference_of(Session& s, Simulation& sim, int version);

// JSON for the page and the CLI (simulation_json.cpp).
Json window_json(const Simulation& sim, const SimWindow& w);
// {scenario, mode, seed, ..., series: {...}, windows: [...], alerts, markers, outcome} plus
// "histogram" for args {window, column}.
Json simulation_state(Session& s, Simulation& sim, const Json& args);
// Recovery, retrainings, promotions, alerts and cost of a simulation.
Json simulation_outcome(const Simulation& sim);

}  // namespace mlcore::api

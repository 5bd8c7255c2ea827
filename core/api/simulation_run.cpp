// See simulation_run.hpp: starting a simulation (the first model into PROD) and playing a window.
#include "simulation_run.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "../error.hpp"
#include "../models/model_file.hpp"
#include "../ops/model_registry.hpp"
#include "../serve/scoring_response.hpp"
#include "data_commands.hpp"
#include "endpoint_state.hpp"
#include "pipeline_run.hpp"
#include "simulation_pipeline.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

constexpr double kDay = 86400;
constexpr double kEps = 1e-9;

// An endpoint name's stem from a model name: lower case, anything but letters and digits as '-'
// (SEATTLE_WEATHER -> seattle-weather).
std::string stem_of(const std::string& model) {
  std::string out;
  for (char c : model) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "model" : out.substr(0, 40);
}

int serving_version(Session& s, const Simulation& sim) {
  return current_workspace(s).endpoints.endpoint(sim.endpoint).version;
}

// The request a client sends for a row: every field but the target, a missing value left out
// (as a client that lacks it would), each in its JSON type.
std::string request_body(const data::Table& rows, std::size_t r, const std::string& target) {
  const Json values = row_to_json(rows, r);
  Json body = Json::object();
  for (std::size_t c = 0; c < rows.cols(); ++c)
    if (rows.columns[c].name != target && !values[c].is_null()) body[rows.columns[c].name] = values[c];
  return body.dump();
}

// Every request of the window, one at a time, to the PROD endpoint.
void answer_requests(Session& s, Simulation& sim, SimWindow& sw) {
  const std::size_t n = sw.w.rows.rows();
  sw.labels.assign(n, "");
  sw.values.assign(n, std::numeric_limits<double>::quiet_NaN());
  sw.answered.assign(n, 0);
  sw.version = serving_version(s, sim);
  const std::string key = serve::prediction_key(sim.scenario.target);
  for (std::size_t i = 0; i < n; ++i) {
    const Json r = score_at_endpoint(s, {{"endpoint", sim.endpoint}, {"content_type", "application/json"},
                                         {"body", request_body(sw.w.rows, i, sim.scenario.target)}});
    const Json body = Json::parse(r["body"].get<std::string>(), nullptr, false);
    if (r["status"] != 200 || !body.is_object() || !body.contains("output")) {
      if (sw.errors++ == 0)
        sw.first_error = body.is_object() && body.contains("message") ? body["message"].get<std::string>() : r["body"].get<std::string>();
      continue;
    }
    const Json& out = body["output"][key];
    sw.answered[i] = 1;
    if (out.is_string()) sw.labels[i] = out.get<std::string>();
    else if (out.is_number()) sw.values[i] = out.get<double>();
  }
}

// Measures the windows whose labels have come in by the end of window `at` (all of them when
// `at_end`, counted as arriving after the simulation), raising quality alerts on window `at`.
void arrive_labels(Session& s, Simulation& sim, std::size_t at, bool at_end) {
  const double now = sim.windows[at].w.end_day;
  const std::string& target = sim.scenario.target;
  for (std::size_t v = 0; v <= at; ++v) {
    SimWindow& w = sim.windows[v];
    if (w.quality || (!at_end && w.w.end_day + sim.scenario.traffic.label_delay_days > now + kEps)) continue;
    w.quality = sim::measure_quality(w.w.rows.column(target), w.labels, w.values, w.answered, sim.classification);
    if (at_end) continue;
    w.labelled_at = at;
    const SimReference& ref = reference_of(s, sim, w.version);
    if (auto a = sim::quality_alert(*w.quality, ref.baseline, v, w.w.start_day, w.version,
                                    sim.model + ":" + std::to_string(w.version), sim.scenario.monitors))
      sim.windows[at].alerts.push_back(*a);
  }
}

std::size_t labelled_rows_since(const Simulation& sim, double day) {
  std::size_t n = 0;
  for (const SimWindow& w : sim.windows)
    if (w.labelled_at && w.w.start_day + kEps >= day) n += w.w.rows.rows();
  return n;
}

}  // namespace

void finish_simulation(Session& s, Simulation& sim) {
  if (sim.recorded || sim.windows.empty()) return;
  arrive_labels(s, sim, sim.windows.size() - 1, true);
  Json quality = Json::array(), share = Json::array(), runs = Json::array(), releases = Json::array();
  for (const SimWindow& w : sim.windows) {
    quality.push_back(w.quality_json());
    share.push_back(w.check.data.dataset.share);
    for (const Json& a : w.actions) {
      if (a.contains("pipeline_run")) runs.push_back(a["pipeline_run"]);
      if (a.contains("release")) releases.push_back(a["release"]["release"]);
    }
  }
  Json summary = simulation_outcome(sim);
  summary.update({{"model", sim.model}, {"endpoint", sim.endpoint}, {"started", sim.t0}, {"window_days", sim.plan.window_days},
                  {"quality", quality}, {"dataset_drift_share", share}, {"pipeline_runs", runs}, {"releases", releases}});
  apply_command(s, {{"type", "simulation.record"}, {"scenario", sim.scenario.name}, {"mode", sim::to_string(sim.mode)},
                    {"seed", sim.seed}, {"windows", sim.windows.size()}, {"summary", summary}, {"duration", 0}});
  sim.recorded = true;
}

const SimReference& reference_of(Session& s, Simulation& sim, int version) {
  auto found = sim.references.find(version);
  if (found != sim.references.end()) return found->second;
  const ops::Workspace& ws = current_workspace(s);
  const ops::ModelVersion& v = ws.models.version(sim.model, version);
  SimReference r;
  if (v.dataset.is_object()) {
    const std::string name = v.dataset["name"].get<std::string>();
    const int number = v.dataset["version"].get<int>();
    if (auto t = version_table(s, ws.datasets.version(name, number))) {
      r.table = std::shared_ptr<const data::Table>(t, &t->table);
      r.dataset = ops::version_reference(name, number);
    }
  }
  if (!r.table) {  // a workspace rebuilt from its log alone: the scenario's clean data stands in
    r.table = sim.base;
    r.dataset = sim.scenario.dataset;
  }
  auto bundle = model_of_version(s, sim.model, version);
  const models::Predictions p = models::predict_table(*bundle, *r.table);
  const std::size_t n = r.table->rows();
  std::vector<double> values(p.values.data(), p.values.data() + p.values.size());
  std::vector<std::string> labels = p.labels;
  labels.resize(n);
  values.resize(n);
  const std::vector<char> all(n, 1);
  r.predictions = sim::answers_column(serve::prediction_key(sim.scenario.target), labels, values, all, sim.classification);
  for (const auto& f : sim.scenario.model.features) {
    const data::Column& c = r.table->column(f);
    r.missing.push_back(n ? static_cast<double>(c.missing_count()) / static_cast<double>(n) : 0.0);
  }
  const std::string metric = sim.classification ? "accuracy" : "r2";
  const auto& metrics = ws.tracking.run(v.run_id).metrics;
  auto m = metrics.find(metric);
  r.baseline = m != metrics.end() ? m->second
                                  : sim::measure_quality(r.table->column(sim.scenario.target), labels, values, all,
                                                         sim.classification).value;
  return sim.references.emplace(version, std::move(r)).first->second;
}

std::unique_ptr<Simulation> start_simulation(Session& s, const Json& scenario, sim::Mode mode,
                                             std::optional<std::uint64_t> seed, std::shared_ptr<const data::Table> base) {
  auto sim = std::make_unique<Simulation>();
  sim->scenario = sim::parse_scenario(scenario);
  sim::check_against(sim->scenario, *base);
  sim->mode = mode;
  sim->seed = seed.value_or(sim->scenario.seed);
  sim->base = base;
  sim->stats = sim::column_stats(*base);
  sim->plan = sim::plan_stream(sim->scenario);
  sim->model = sim->scenario.model.name;
  ops::validate_model_name(sim->model);
  sim->dataset = sim->model;
  sim->stem = stem_of(sim->model);
  sim->endpoint = sim->stem + "-prod";
  sim->policy = sim::start_policy(sim->scenario.policy);

  const ops::Endpoint* prod = current_workspace(s).endpoints.find(sim->endpoint);
  if (prod && prod->model == sim->model) {
    sim->setup = {{"found", true}, {"version", prod->version},
                  {"message", sim->model + ":" + std::to_string(prod->version) + " already answers at " + sim->endpoint + "."}};
  } else {
    auto first = sim->plan.first_row > 0 ? std::make_shared<const data::Table>(sim::first_rows(*base, sim->plan.first_row)) : base;
    BuildOutcome b = run_build(s, *sim, sim->stem + "-build", first, sim->scenario.dataset, false, "manual");
    if (b.version == 0)
      throw Error("sim.setup_failed", "The build pipeline " + b.run["id"].get<std::string>() +
                                          " that trains the first model failed; see its log in the Pipelines view.");
    Json rel = release_version(s, *sim, b.version, *first, "First release of the simulation " + sim->scenario.name + ".");
    if (rel["status"] != "succeeded")
      throw Error("sim.setup_failed", rel["release"].get<std::string>() + " of " + sim->model + ":" +
                                          std::to_string(b.version) + " did not reach PROD (" + rel["status"].get<std::string>() + ").");
    sim->setup = {{"found", false}, {"version", b.version}, {"pipeline_run", b.run["id"]}, {"release", rel},
                  {"message", "Built " + sim->model + ":" + std::to_string(b.version) + " with " + b.run["id"].get<std::string>() +
                                  " and released it to " + sim->endpoint + " with " + rel["release"].get<std::string>() + "."}};
  }
  sim->classification = model_of_version(s, sim->model, serving_version(s, *sim))->task == models::Task::Classification;
  sim->t0 = current_workspace(s).clock;
  return sim;
}

Json step_simulation(Session& s, Simulation& sim) {
  if (sim.done())
    throw Error("sim.finished", "The simulation has played all its " + std::to_string(sim.plan.windows) +
                                    " windows; start another one, or compare the modes.");
  const std::size_t idx = sim.windows.size();
  SimWindow sw;
  sw.w = sim::stream_window(sim.scenario, sim.plan, *sim.base, sim.stats, sim.seed, idx);
  sw.opened = current_workspace(s).clock;
  answer_requests(s, sim, sw);
  const double end = sim.t0 + sw.w.end_day * kDay;
  tick_command(s, {{"seconds", std::max(0.0, end - current_workspace(s).clock)}});
  sw.closed = current_workspace(s).clock;
  const SimReference& ref = reference_of(s, sim, sw.version);
  sw.reference = ref.dataset;
  const data::Column answers = sim::answers_column(ref.predictions.name, sw.labels, sw.values, sw.answered, sim.classification);
  sw.check = sim::check_window(*ref.table, sw.w.rows, sim.scenario.model.features, &ref.predictions, &answers, sw.errors,
                               sim.scenario.monitors);
  sw.alerts = sim::window_alerts(sw.check, ref.missing, idx, sw.w.start_day, sw.version, sim.scenario.monitors);
  sim.windows.push_back(std::move(sw));
  arrive_labels(s, sim, idx, false);

  // The policy listens to alerts about the model now in PROD only: a late quality alert about
  // traffic the previous champion answered says nothing about the new one.
  const int serving = serving_version(s, sim);
  std::vector<sim::Alert> relevant;
  for (const auto& a : sim.windows[idx].alerts)
    if (a.version == serving) relevant.push_back(a);
  const sim::Decision d = sim::decide(sim.mode, sim.scenario.policy, sim.policy, sim.windows[idx].w.end_day, relevant,
                                      [&](double day) { return labelled_rows_since(sim, day); });
  if (d.retrain) retrain_now(s, sim, d.trigger, d.reason, d.since, false);
  if (sim.done()) finish_simulation(s, sim);
  return window_json(sim, sim.windows[idx]);
}

}  // namespace mlcore::api

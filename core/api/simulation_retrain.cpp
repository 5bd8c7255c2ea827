// A retraining in a simulation (see retrain_now in simulation_run.hpp): which labelled traffic it
// learns from, the build pipeline, champion against challenger on the same held-out rows, and the
// release of a winner with the approval recorded as the policy's (or the operator's).
#include <algorithm>
#include <cmath>
#include <sstream>

#include "../data/random.hpp"
#include "../error.hpp"
#include "../models/model_file.hpp"
#include "endpoint_state.hpp"
#include "simulation_pipeline.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

constexpr double kEps = 1e-9;
constexpr std::uint64_t kEvaluationSeed = 3;

// Appends rows of `src` to `dst` (same columns by position), matching categories by label.
void append_rows(data::Table& dst, const data::Table& src, const std::vector<std::size_t>& rows) {
  if (dst.columns.empty())
    for (const auto& c : src.columns) {
      data::Column out;
      out.name = c.name;
      out.type = c.type;
      dst.columns.push_back(std::move(out));
    }
  for (std::size_t k = 0; k < src.cols(); ++k) {
    const data::Column& from = src.columns[k];
    data::Column& to = dst.columns[k];
    if (from.type != data::ColumnType::Categorical) {
      for (std::size_t r : rows) to.numbers.push_back(from.numbers[r]);
      continue;
    }
    std::vector<std::int32_t> remap(from.categories.size(), -1);
    for (std::size_t c = 0; c < from.categories.size(); ++c) {
      auto at = std::find(to.categories.begin(), to.categories.end(), from.categories[c]);
      if (at == to.categories.end()) at = to.categories.insert(to.categories.end(), from.categories[c]);
      remap[c] = static_cast<std::int32_t>(at - to.categories.begin());
    }
    for (std::size_t r : rows) to.codes.push_back(from.codes[r] < 0 ? -1 : remap[static_cast<std::size_t>(from.codes[r])]);
  }
}

sim::Quality quality_on(Session& s, const Simulation& sim, int version, const data::Table& rows) {
  auto bundle = model_of_version(s, sim.model, version);
  const models::Predictions p = models::predict_table(*bundle, rows);
  std::vector<std::string> labels = p.labels;
  std::vector<double> values(p.values.data(), p.values.data() + p.values.size());
  labels.resize(rows.rows());
  values.resize(rows.rows());
  return sim::measure_quality(rows.column(sim.scenario.target), labels, values, std::vector<char>(rows.rows(), 1),
                              sim.classification);
}

std::string fixed(double v) {
  std::ostringstream ss;
  ss.setf(std::ios::fixed);
  ss.precision(2);
  ss << v;
  return ss.str();
}

// The newest labelled windows (newest first) covering training_days, from `since` on.
std::vector<std::size_t> training_windows(const Simulation& sim, std::optional<double> since) {
  std::vector<std::size_t> chosen;
  double covered = 0;
  for (std::size_t v = sim.windows.size(); v-- > 0;) {
    const SimWindow& w = sim.windows[v];
    if (!w.labelled_at) continue;
    if (since && w.w.start_day + kEps < *since) break;
    chosen.push_back(v);
    covered += sim.plan.window_days;
    if (covered + kEps >= sim.scenario.policy.training_days) break;
  }
  return chosen;
}

}  // namespace

Json retrain_now(Session& s, Simulation& sim, const std::string& trigger, const std::string& reason,
                 std::optional<double> since, bool always_promote) {
  if (sim.windows.empty())
    throw Error("sim.no_traffic", "There is no traffic to learn from yet: step the simulation until labels have come in.");
  const std::size_t at = sim.windows.size() - 1;
  const double end_day = sim.windows[at].w.end_day;
  const bool by_operator = trigger == "manual" || trigger == "operator";
  Json action = {{"kind", "retraining"}, {"trigger", trigger}, {"reason", reason}, {"window", at}, {"day", end_day},
                 {"by", by_operator ? "operator" : "policy"}};
  sim::retrained(sim.scenario.policy, sim.policy, end_day);
  const std::vector<std::size_t> chosen = training_windows(sim, since);
  if (chosen.empty()) {
    action.update({{"status", "skipped"}, {"message", "No labelled traffic has come in yet; nothing to learn from."}});
    sim.windows[at].actions.push_back(action);
    return action;
  }

  // Hold out a seeded share of the newest labelled window for champion against challenger.
  const SimWindow& newest = sim.windows[chosen.front()];
  const std::size_t n = newest.w.rows.rows();
  data::Rng rng(sim::derive_seed(sim.seed, kEvaluationSeed, sim.retrainings * 100003 + newest.w.index));
  std::vector<std::size_t> order = rng.permutation(n);
  const auto n_eval = std::min(n - 1, std::max<std::size_t>(1, static_cast<std::size_t>(std::round(sim.scenario.policy.evaluation_share * n))));
  std::vector<std::size_t> held(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_eval));
  std::vector<std::size_t> kept(order.begin() + static_cast<std::ptrdiff_t>(n_eval), order.end());
  std::sort(held.begin(), held.end());
  std::sort(kept.begin(), kept.end());
  data::Table evaluation;
  append_rows(evaluation, newest.w.rows, held);
  auto training = std::make_shared<data::Table>();
  Json windows = Json::array();
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    const SimWindow& w = sim.windows[*it];
    windows.push_back(*it);
    if (*it == newest.w.index) {
      append_rows(*training, w.w.rows, kept);
    } else {
      std::vector<std::size_t> all(w.w.rows.rows());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      append_rows(*training, w.w.rows, all);
    }
  }
  ++sim.retrainings;

  const bool gated = sim.mode == sim::Mode::Cicd && !by_operator;
  const Json run_trigger = by_operator ? Json("manual")
                                       : Json{{"type", "simulation"}, {"mode", sim::to_string(sim.mode)},
                                              {"policy", trigger}, {"reason", reason}};
  const BuildOutcome b = run_build(s, sim, sim.stem + (gated ? "-retrain-gated" : "-retrain"), training, "recent", gated, run_trigger);
  sim.cost += b.cost;
  action.update({{"pipeline", b.run["pipeline"]}, {"pipeline_run", b.run["id"]}, {"status", b.run["status"]},
                 {"cost", b.cost}, {"training_rows", training->rows()}, {"training_windows", windows}});
  if (b.version == 0) {
    for (const auto& st : b.run["steps"])
      if (st["status"] == "failed") action["error"] = st.value("error", Json(nullptr));
    sim.windows[at].actions.push_back(action);
    return action;
  }
  action.update({{"version", b.version}, {"model", sim.model + ":" + std::to_string(b.version)}});

  const int champion = current_workspace(s).endpoints.endpoint(sim.endpoint).version;
  const sim::Quality qc = quality_on(s, sim, champion, evaluation);
  const sim::Quality qn = quality_on(s, sim, b.version, evaluation);
  const bool wins = qn.value > qc.value;
  const std::string champ = sim.model + ":" + std::to_string(champion), chall = sim.model + ":" + std::to_string(b.version);
  const std::string where = "on the same " + std::to_string(n_eval) + " held-out labelled requests of window " +
                            std::to_string(newest.w.index);
  action["evaluation"] = {{"metric", qc.metric}, {"rows", n_eval}, {"window", newest.w.index},
                          {"champion", {{"version", champion}, {"value", qc.value}}},
                          {"challenger", {{"version", b.version}, {"value", qn.value}}},
                          {"winner", wins ? "challenger" : "champion"},
                          {"message", "Challenger " + chall + " " + qn.metric + " " + fixed(qn.value) +
                                          (wins ? " beats" : " does not beat") + " champion " + champ + " " + fixed(qc.value) +
                                          " " + where + "."}};
  if (!wins && !always_promote) {
    action["promoted"] = false;
    sim.windows[at].actions.push_back(action);
    return action;
  }
  const std::string who = by_operator ? "Approved on the operator's action (" + std::string(sim::mode_title(sim.mode)) + " mode)"
                                      : "Approved automatically by the continuous-training policy (" +
                                            sim::mode_title(sim.mode) + ")";
  const std::string comment = who + ": " + action["evaluation"]["message"].get<std::string>() +
                              (wins ? "" : " Promoted anyway, as the operator asked.");
  const Json rel = release_version(s, sim, b.version, *training, comment);
  const bool promoted = rel["status"] == "succeeded";
  action.update({{"release", rel}, {"promoted", promoted}});
  if (promoted) ++sim.promotions;
  sim.windows[at].actions.push_back(action);
  return action;
}

}  // namespace mlcore::api

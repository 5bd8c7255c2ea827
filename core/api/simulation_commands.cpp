// The simulation commands of a session, for the page's Monitoring view and `mlplay simulate`:
//   simulation.scenarios  the scenario schema: sections, drift kinds, modes, defaults
//   simulation.start      {scenario, mode?, seed?, table?}: the first model into PROD if needed
//                         (a simulation still running is recorded as far as it got)
//   simulation.step       {windows?: 1}: play windows (the page plays, pauses and steps with it)
//   simulation.state      {window?, column?}: series, windows, alerts, markers, a histogram
//   simulation.act        {retrain: true, promote?: "if_better" | "always"}: the operator acts
//   simulation.stop       {}: end early (recorded like a finished one) and forget it
//   simulation.compare    {scenario, seed?, table?, modes?, windows?}: the three modes side by
//                         side, each on its own copy of the workspace (this one is not changed)
// Handlers translate JSON; simulation_run.hpp does the work.
#include <cctype>

#include "../error.hpp"
#include "../json_fields.hpp"
#include "data_commands.hpp"
#include "registry.hpp"
#include "simulation_run.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

struct SimulationState {
  std::unique_ptr<Simulation> active;
};

Simulation& active(Session& s) {
  auto& st = s.state<SimulationState>();
  if (!st.active)
    throw Error("sim.not_started", "No simulation is running: start one with simulation.start {scenario, mode}.");
  return *st.active;
}

std::string upper(std::string t) {
  for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return t;
}

// The clean data: the loaded table args["table"], else a dataset version of the workspace named
// like the scenario's dataset (iris -> IRIS).
std::shared_ptr<const data::Table> base_table(Session& s, const Json& args, const Json& scenario) {
  if (args.contains("table") && !args["table"].is_null()) return shared_table(s, Json{{"table", args["table"]}});
  const std::string dataset = scenario.is_object() ? scenario.value("dataset", std::string()) : std::string();
  for (const std::string& name : {dataset, upper(dataset)}) {
    const ops::Dataset* d = name.empty() ? nullptr : current_workspace(s).datasets.find(name.substr(0, name.find(':')));
    if (!d) continue;
    const ops::DatasetVersion& v = current_workspace(s).datasets.resolve(name);
    if (auto t = version_table(s, v)) return std::shared_ptr<const data::Table>(t, &t->table);
  }
  throw Error("sim.no_data", "The scenario's dataset '" + excerpt_of(dataset) +
                                 "' is not loaded: load it (data.csv.*) and pass its table, {scenario, mode, table}.");
}

std::optional<std::uint64_t> seed_of(const Json& args) {
  if (!args.contains("seed") || args["seed"].is_null()) return std::nullopt;
  if (!args["seed"].is_number_unsigned() && !(args["seed"].is_number_integer() && args["seed"].get<std::int64_t>() >= 0))
    throw Error("api.bad_args", "'seed' is a whole number >= 0.");
  return args["seed"].get<std::uint64_t>();
}

std::vector<sim::Mode> modes_of(const Json& args) {
  if (!args.contains("modes") || args["modes"].is_null()) return sim::all_modes();
  std::vector<sim::Mode> out;
  for (const auto& m : optional_field<std::vector<std::string>>(args, "modes", {})) out.push_back(sim::parse_mode(m));
  return out;
}

// One mode played to the end in its own session holding a copy of the workspace.
Json play_copy(Session& s, const std::string& exported, const Json& scenario, sim::Mode mode,
               std::optional<std::uint64_t> seed, std::shared_ptr<const data::Table> base, bool with_windows) {
  Session copy;
  if (!exported.empty()) import_workspace(copy, exported);
  workspace_state(copy).actor = workspace_state(s).actor;
  auto sim = start_simulation(copy, scenario, mode, seed, base);
  while (!sim->done()) step_simulation(copy, *sim);
  Json quality = Json::array(), retrained = Json::array(), promoted = Json::array(), alerted = Json::array(), windows = Json::array();
  for (const SimWindow& w : sim->windows) {
    quality.push_back(w.quality_json());
    if (!w.alerts.empty()) alerted.push_back(w.w.index);
    for (const Json& a : w.actions) {
      if (a.value("status", "") != "skipped") retrained.push_back(w.w.index);
      if (a.value("promoted", false)) promoted.push_back(w.w.index);
    }
    if (with_windows) windows.push_back(window_json(*sim, w));
  }
  Json out = {{"mode", sim::to_string(mode)}, {"title", sim::mode_title(mode)}, {"help", sim::mode_help(mode)},
              {"quality", quality}, {"outcome", simulation_outcome(*sim)}, {"retraining_windows", retrained},
              {"promotion_windows", promoted}, {"alert_windows", alerted}, {"setup", sim->setup}};
  if (with_windows) out["windows"] = windows;
  return out;
}

Json compare(Session& s, const Json& args) {
  const Json& scenario = require_field(args, "scenario");
  auto base = base_table(s, args, scenario);
  const auto seed = seed_of(args);
  const std::string exported = current_workspace(s).log.empty() ? std::string() : export_workspace(s);
  const bool with_windows = optional_field(args, "windows", false);
  Json modes = Json::array();
  Json days = Json::array();
  for (sim::Mode m : modes_of(args)) modes.push_back(play_copy(s, exported, scenario, m, seed, base, with_windows));
  const sim::Scenario parsed = sim::parse_scenario(scenario);
  const sim::StreamPlan plan = sim::plan_stream(parsed);
  for (std::size_t i = 0; i < plan.windows; ++i) days.push_back(static_cast<double>(i) * plan.window_days);
  const auto drift_day = sim::first_drift_day(parsed);
  return {{"scenario", parsed.name}, {"seed", seed.value_or(parsed.seed)}, {"days", days}, {"window_days", plan.window_days},
          {"drift_day", drift_day ? Json(*drift_day) : Json(nullptr)}, {"modes", modes}};
}

Json step(Session& s, const Json& args) {
  Simulation& sim = active(s);
  const auto n = optional_field<std::int64_t>(args, "windows", 1);
  if (n < 1) throw Error("api.bad_args", "'windows' is how many windows to play: 1 or more.");
  Json played = Json::array();
  played.push_back(step_simulation(s, sim));  // sim.finished when nothing is left
  for (std::int64_t i = 1; i < n && !sim.done(); ++i) played.push_back(step_simulation(s, sim));
  return {{"windows", played}, {"done", sim.done()}, {"next_window", sim.windows.size()}, {"windows_total", sim.plan.windows},
          {"clock", current_workspace(s).clock}, {"outcome", simulation_outcome(sim)}};
}

Json act(Session& s, const Json& args) {
  Simulation& sim = active(s);
  if (!optional_field(args, "retrain", false))
    throw Error("api.bad_args", "The operator's action is {retrain: true, promote?: \"if_better\" | \"always\"}.");
  const std::string promote = optional_field<std::string>(args, "promote", "if_better");
  if (promote != "if_better" && promote != "always")
    throw Error("api.bad_args", "'promote' is \"if_better\" (the challenger must beat the champion) or \"always\".");
  return retrain_now(s, sim, "manual", optional_field<std::string>(args, "reason", "The operator retrained."), std::nullopt,
                     promote == "always");
}

}  // namespace

void register_simulation_commands(Session& s) {
  s.add_command("simulation.scenarios", "The scenario schema: sections with defaults, drift kinds, modes.",
                [](Session&, const Json&) { return sim::scenario_schema(); });
  s.add_command("simulation.start",
                "Start a drift simulation: {scenario, mode? (manual | scheduled | cicd), seed?, table?}; puts the first model "
                "in PROD when the workspace has none.",
                [](Session& self, const Json& args) {
                  const Json& scenario = require_field(args, "scenario");
                  auto base = base_table(self, args, scenario);
                  const sim::Mode mode = sim::parse_mode(optional_field<std::string>(args, "mode", "cicd"));
                  auto& st = self.state<SimulationState>();
                  if (st.active) {  // the one it replaces is recorded as far as it got
                    finish_simulation(self, *st.active);
                    st.active.reset();
                  }
                  st.active = start_simulation(self, scenario, mode, seed_of(args), base);
                  return simulation_state(self, *st.active, Json::object());
                });
  s.add_command("simulation.step", "Play the next windows of the running simulation: {windows?: 1}.",
                [](Session& self, const Json& args) { return step(self, args); });
  s.add_command("simulation.state", "The running simulation's series, windows, alerts and markers: {window?, column?} adds a "
                "reference-against-current histogram.",
                [](Session& self, const Json& args) { return simulation_state(self, active(self), args); });
  s.add_command("simulation.act", "The operator acts: {retrain: true, promote?: \"if_better\" | \"always\", reason?}.",
                [](Session& self, const Json& args) { return act(self, args); });
  s.add_command("simulation.stop", "End the running simulation (recorded in the workspace log) and forget it.",
                [](Session& self, const Json&) {
                  auto& st = self.state<SimulationState>();
                  if (!st.active) return Json{{"stopped", false}};
                  finish_simulation(self, *st.active);
                  Json out = {{"stopped", true}, {"windows", st.active->windows.size()}, {"outcome", simulation_outcome(*st.active)}};
                  st.active.reset();
                  return out;
                });
  s.add_command("simulation.compare", "The three modes side by side on one scenario: {scenario, seed?, table?, modes?, windows?}.",
                [](Session& self, const Json& args) { return compare(self, args); });
}

}  // namespace mlcore::api

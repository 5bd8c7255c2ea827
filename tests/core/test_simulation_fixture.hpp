// The drift simulations as the page drives them: a session with the built-in iris table loaded,
// the shipped scenario files, and simulation.start / step / state through Session::call.
#pragma once
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_pipeline_fixture.hpp"

namespace mlplay_test {

inline nlohmann::json scenario_file(const std::string& name) {
  return nlohmann::json::parse(source_file("scenarios/" + name + ".json"));
}

// A session holding the built-in dataset `dataset` as a table; its id in *table.
inline void load_builtin(mlcore::api::Session& s, const std::string& dataset, int* table) {
  *table = mlcore::api::keep_table(s, mlcore::data::read_csv(source_file("datasets/" + dataset + ".csv")), dataset + ".csv");
}

// simulation.start on the scenario's built-in dataset, in a fresh workspace.
inline nlohmann::json start_simulation(mlcore::api::Session& s, const nlohmann::json& scenario, const std::string& mode,
                                       std::optional<unsigned> seed = std::nullopt) {
  int table = 0;
  load_builtin(s, scenario["dataset"].get<std::string>(), &table);
  nlohmann::json args = {{"scenario", scenario}, {"mode", mode}, {"table", table}};
  if (seed) args["seed"] = *seed;
  return s.call("simulation.start", args);
}

// Plays `windows` windows (all that are left when 0) and returns simulation.state.
inline nlohmann::json play(mlcore::api::Session& s, std::size_t windows = 0) {
  s.call("simulation.step", {{"windows", windows == 0 ? 100000 : windows}});
  return s.call("simulation.state", nlohmann::json::object());
}

// The accuracy of each window (NaN when its labels have not come in).
inline std::vector<double> accuracies(const nlohmann::json& state) {
  std::vector<double> out;
  for (const auto& q : state["series"]["quality"]) out.push_back(q.is_null() ? std::nan("") : q.get<double>());
  return out;
}

// The windows at whose end the policy (or the operator) retrained, and those that promoted.
inline std::vector<std::size_t> retraining_windows(const nlohmann::json& state, bool promoted_only = false) {
  std::vector<std::size_t> out;
  for (const auto& m : state["markers"])
    if (m["kind"] == "retraining" && (!promoted_only || m.value("promoted", false))) out.push_back(m["window"].get<std::size_t>());
  return out;
}

// The monitors that raised an alert about window `w`.
inline std::vector<std::string> alerts_about(const nlohmann::json& state, std::size_t w) {
  std::vector<std::string> out;
  for (const auto& a : state["alerts"])
    if (a["window"] == w) out.push_back(a["monitor"].get<std::string>());
  return out;
}

inline double mean(const std::vector<double>& v, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += v[i];
  return s / static_cast<double>(to - from);
}

}  // namespace mlplay_test

// `mlplay simulate`: a drift scenario played headless against a workspace file, through the same
// session commands the page's Monitoring view sends (simulation.start, .step, .state, .compare).
// The workspace is created when the file does not exist (the first model built by the build
// pipeline and released to PROD) and written back atomically with everything the simulation did.
#include <cctype>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/api/workspace_state.hpp"
#include "core/sim/scenario.hpp"
#include "data_input.hpp"
#include "gzip.hpp"
#include "text_table.hpp"
#include "workspace_io.hpp"

namespace mlplay {
namespace {

using nlohmann::json;
namespace api = mlcore::api;

std::string usage() {
  std::string u =
      "Usage: mlplay simulate SCENARIO.json --workspace WS.mlplay.json [--mode manual|scheduled|cicd|all]\n"
      "                       [--seed N] [--as ROLE] [--json]\n\n"
      "Plays a drift scenario (see scenarios/): requests to the PROD endpoint on the simulated clock, labels\n"
      "that arrive late, monitors per window (per-column drift against the deployed version's training data,\n"
      "dataset drift, prediction drift, accuracy, errors), alerts, and the continuous-training policy of the\n"
      "mode. When the workspace file does not exist, or has no model at the scenario's PROD endpoint, the\n"
      "build pipeline trains the first model on the scenario's dataset and it is released to PROD first.\n\n"
      "  --mode M     manual: alerts only, an operator must act; scheduled: continuous model delivery,\n"
      "               retraining every schedule_days; cicd (default): CI/CD of pipelines, retraining on\n"
      "               alerts through the gated pipeline; all: the three on copies of the workspace, side\n"
      "               by side (the file then keeps only the first model's setup)\n"
      "  --seed N     the stream's seed (default: the scenario's)\n"
      "  --as ROLE    who acts (default \"ML Engineer\"); the policy's approval_role approves releases\n"
      "  --json       print the windows and the outcome (or the comparison) as JSON\n\nScenario fields:\n";
  const json schema = mlcore::sim::scenario_schema();
  for (const char* section : {"scenario", "model", "traffic", "monitors", "policy"}) {
    u += "  " + std::string(section) + ":\n";
    for (const auto& f : schema["sections"][section]) u += "    " + f["name"].get<std::string>() + " = " + f["default"].dump() + "  " + f["help"].get<std::string>() + "\n";
  }
  u += "  drifts[]: ";
  for (const auto& f : schema["drift"]) u += f["name"].get<std::string>() + " ";
  u += "plus the kind's own fields:\n";
  for (const auto& k : schema["drift_kinds"]) {
    u += "    " + k["name"].get<std::string>() + ": " + k["help"].get<std::string>() + " intensity: " + k["intensity"].get<std::string>() + ".";
    for (const auto& f : k["fields"]) u += " " + f["name"].get<std::string>() + " = " + f["default"].dump() + ";";
    u += "\n";
  }
  return u;
}

std::string fixed(double v, int decimals) {
  std::ostringstream ss;
  ss.setf(std::ios::fixed);
  ss.precision(decimals);
  ss << v;
  return ss.str();
}

// Simulated seconds as "d5 00:37".
std::string clock_text(double t) {
  const auto s = static_cast<long long>(std::floor(t));
  const long long day = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;
  char buf[32];
  std::snprintf(buf, sizeof buf, "d%lld %02lld:%02lld", day, h, m);
  return buf;
}

std::string day_text(double d) { return std::fabs(d - std::round(d)) < 1e-9 ? std::to_string(static_cast<long long>(std::round(d))) : fixed(d, 2); }

std::string action_text(const json& a) {
  if (a.value("status", "") == "skipped") return "retraining skipped: " + a.value("message", "");
  std::string t = (a["by"] == "operator" ? "operator retrains: " : "retrain (" + a["trigger"].get<std::string>() + "): ") +
                  a["pipeline_run"].get<std::string>() + " " + a["status"].get<std::string>();
  if (a.contains("error") && a["error"].is_object()) t += " (" + a["error"].value("code", std::string()) + ")";
  if (a.contains("version")) t += " -> " + a["model"].get<std::string>() + " " +
                                  fixed(a["evaluation"]["challenger"]["value"], 2) + " vs " + fixed(a["evaluation"]["champion"]["value"], 2);
  if (a.contains("release"))
    t += a["promoted"].get<bool>() ? ", " + a["release"]["release"].get<std::string>() + " to PROD (approved by " +
                                         a["release"]["approval"]["by"].get<std::string>() + ")"
                                   : ", " + a["release"]["release"].get<std::string>() + " " + a["release"]["status"].get<std::string>();
  else if (a.contains("version"))
    t += ", champion kept";
  return t;
}

std::string windows_table(const json& windows, const std::string& metric) {
  TextTable t({"day", "closed", "requests", "errors", "model", "drifted columns", "dataset drift", "pred. drift", metric,
               "alerts", "retraining / promotion"});
  for (const json& w : windows) {
    std::string drifted, alerts, actions;
    for (const auto& c : w["drifted"]) drifted += (drifted.empty() ? "" : ",") + c.get<std::string>();
    for (const auto& a : w["alerts"])
      alerts += (alerts.empty() ? "" : ", ") + a["monitor"].get<std::string>() +
                (a["window"] != w["index"] ? " (day " + day_text(a["day"]) + ")" : "");
    for (const auto& a : w["actions"]) actions += (actions.empty() ? "" : "; ") + action_text(a);
    const json& d = w["dataset"];
    const json& q = w["quality"];
    t.add({day_text(w["day"]), clock_text(w["closed"]), w["requests"].dump(), w["errors"].dump(), w["model"].get<std::string>(),
           drifted.empty() ? "-" : drifted, fixed(d["share"], 2) + (d["drift"].get<bool>() ? " DRIFT" : ""),
           w["prediction"].is_null() ? "-" : (w["prediction"]["drift"].get<bool>() ? "DRIFT" : "no"),
           q.is_null() || q["value"].is_null() ? "-" : fixed(q["value"], 2), alerts.empty() ? "-" : alerts, actions.empty() ? "-" : actions});
  }
  return t.str();
}

std::string outcome_text(const json& o) {
  auto num = [](const json& v) { return v.is_null() ? std::string("-") : fixed(v, 2); };
  std::string recover = o["drift_day"].is_null() ? "no drift" : o["baseline"].is_null() ? "n/a (no window before the drift)"
                        : o["days_to_recover"].is_null() ? "never" : day_text(o["days_to_recover"]) + " days";
  return o["metric"].get<std::string>() + " before the drift " + num(o["baseline"]) + ", after it " + num(o["mean_after"]) +
         " on average; recovered (>= " + num(o["threshold"]) + "): " + recover + "; " + o["retrainings"].dump() + " retraining(s), " +
         o["promotions"].dump() + " promotion(s), " + o["alerts"].dump() + " alert(s), compute " + fixed(o["cost"], 4) + " USD.\n";
}

std::string comparison_text(const json& c) {
  TextTable t({"mode", "before drift", "mean after", "lowest after", "time to recover", "retrainings", "promotions", "alerts",
               "cost (USD)"});
  for (const json& m : c["modes"]) {
    const json& o = m["outcome"];
    double lowest = 1e300;
    for (std::size_t i = 0; i < m["quality"].size(); ++i)
      if (!m["quality"][i].is_null() && !c["drift_day"].is_null() && c["days"][i].get<double>() + c["window_days"].get<double>() > c["drift_day"].get<double>())
        lowest = std::min(lowest, m["quality"][i].get<double>());
    t.add({m["mode"].get<std::string>() + " (" + m["title"].get<std::string>() + ")", o["baseline"].is_null() ? "-" : fixed(o["baseline"], 2),
           o["mean_after"].is_null() ? "-" : fixed(o["mean_after"], 2), lowest > 1e299 ? "-" : fixed(lowest, 2),
           c["drift_day"].is_null() ? "no drift" : o["baseline"].is_null() ? "n/a" : o["days_to_recover"].is_null() ? "never"
                                                                                 : day_text(o["days_to_recover"]) + " days",
           o["retrainings"].dump(), o["promotions"].dump(), o["alerts"].dump(), fixed(o["cost"], 4)});
  }
  std::vector<std::string> head = {"day"};
  for (const json& m : c["modes"]) head.push_back(m["mode"].get<std::string>());
  TextTable by_day(head);
  for (std::size_t i = 0; i < c["days"].size(); ++i) {
    std::vector<std::string> row = {day_text(c["days"][i])};
    for (const json& m : c["modes"]) {
      std::string cell = m["quality"][i].is_null() ? "-" : fixed(m["quality"][i], 2);
      for (const auto& p : m["promotion_windows"]) if (p == i) cell += " (promoted)";
      row.push_back(cell);
    }
    by_day.add(row);
  }
  std::string metric = c["modes"].empty() ? "accuracy" : c["modes"][0]["outcome"]["metric"].get<std::string>();
  metric[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(metric[0])));
  return metric + " per day (a promotion takes effect the next day):\n" + by_day.str() + "\nComparison:\n" + t.str();
}

// The scenario's dataset: a built-in name, a file (as given or beside the scenario), else left
// to the core (a dataset version of the workspace).
json load_dataset(api::Session& s, const json& scenario, const std::string& scenario_path) {
  if (!scenario.is_object() || !scenario.contains("dataset") || !scenario["dataset"].is_string()) return nullptr;
  const std::string name = scenario["dataset"].get<std::string>();
  const auto slash = scenario_path.find_last_of('/');
  const std::string beside = (slash == std::string::npos ? std::string(".") : scenario_path.substr(0, slash)) + "/" + name;
  try {
    LoadedInput in = load_input(!std::ifstream(name).good() && std::ifstream(beside).good() ? beside : name);
    return api::keep_table(s, std::move(in.csv), in.source);
  } catch (const InputError& e) {
    if (e.code() != "data.unknown_dataset") throw;
    return nullptr;
  }
}

int run_simulate(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--workspace", "--mode", "--seed", "--as"}, {"--json"});
  expect_positional(args, {"the scenario file"});
  if (!args.has("--workspace")) throw UsageError("--workspace WS.mlplay.json is required: the workspace the simulation runs in.");
  const std::string scenario_path = args.positional[0], ws_path = args.value_or("--workspace", "");
  const std::string mode = args.value_or("--mode", "cicd");
  if (mode != "manual" && mode != "scheduled" && mode != "cicd" && mode != "all")
    throw UsageError("--mode is manual, scheduled, cicd or all, not '" + mode + "'.");
  const json scenario = load_json(scenario_path);
  api::Session s;
  bool gz = wants_gzip(ws_path);
  if (std::ifstream(ws_path).good()) {
    const std::string text = read_input_bytes(ws_path, &gz);
    try {
      api::import_workspace(s, text);
    } catch (const mlcore::Error& e) {
      throw InputError(ws_path, e);
    }
  }
  api::workspace_state(s).actor = args.value_or("--as", "ML Engineer");
  json start = {{"scenario", scenario}, {"mode", mode == "all" ? "cicd" : mode}, {"table", load_dataset(s, scenario, scenario_path)}};
  if (args.has("--seed")) {
    try {
      start["seed"] = std::stoull(args.value_or("--seed", ""));
    } catch (...) {
      throw UsageError("--seed needs a whole number >= 0.");
    }
  }
  json state, result;
  try {
    state = s.call("simulation.start", start);
    if (mode == "all") {
      s.call("simulation.stop", json::object());
      json c = start;
      c.erase("mode");
      c["windows"] = true;
      result = s.call("simulation.compare", c);
    } else {
      while (!state["done"].get<bool>()) state = s.call("simulation.step", {{"windows", 5}});
      state = s.call("simulation.state", json::object());
    }
  } catch (const mlcore::Error& e) {
    throw InputError(scenario_path, e);
  }
  write_file_atomic(ws_path, gz ? gzip(api::export_workspace(s)) : api::export_workspace(s));
  const json setup = mode == "all" ? result["modes"][0]["setup"] : state["setup"];
  if (args.has("--json")) {
    std::cout << (mode == "all" ? result : json{{"setup", setup}, {"windows", state["windows"]}, {"outcome", state["outcome"]}}).dump(2) << "\n";
    return kExitOk;
  }
  const json& sc = mode == "all" ? scenario : state["scenario"];
  std::cout << "Scenario " << sc.value("name", std::string("scenario")) << ": " << setup["message"].get<std::string>() << "\n";
  if (mode == "all") {
    for (const json& m : result["modes"])
      std::cout << "\n" << m["mode"].get<std::string>() << " (" << m["title"].get<std::string>() << "): " << m["help"].get<std::string>()
                << "\n" << windows_table(m["windows"], m["outcome"]["metric"]) << outcome_text(m["outcome"]);
    std::cout << "\n" << comparison_text(result);
  } else {
    std::cout << "Mode " << state["mode"].get<std::string>() << " (" << state["mode_title"].get<std::string>() << "), seed "
              << state["seed"].dump() << ", " << state["windows_total"].dump() << " windows of " << state["window_requests"].dump()
              << " requests to " << state["endpoint"].get<std::string>() << ".\n"
              << windows_table(state["windows"], state["metric"]) << outcome_text(state["outcome"]);
  }
  std::cout << "Wrote " << ws_path << (mode == "all" ? " (the first model's setup; each mode ran on its own copy)" : "") << ".\n";
  return kExitOk;
}

}  // namespace

void register_simulate_sub_commands() {
  sub_commands()["simulate"] = SubCommand{"Play a drift scenario against a workspace: monitors, alerts, continuous training.",
                                          usage(), run_simulate};
}

}  // namespace mlplay

// See run_log.hpp.
#include "run_log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "step_kind.hpp"

namespace mlcore::ops {

using nlohmann::json;

std::string format_clock(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  char buf[48];
  const long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
  if (d > 0) std::snprintf(buf, sizeof buf, "%lldd %02lld:%02lld:%02lld", d, h, m, sec);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", h, m, sec);
  return buf;
}

std::string format_duration(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min" + (s % 60 ? " " + std::to_string(s % 60) + " s" : "");
  return std::to_string(s / 3600) + " h" + (s % 3600 / 60 ? " " + std::to_string(s % 3600 / 60) + " min" : "");
}

std::string run_log_text(const json& run) {
  std::string out;
  const json& trigger = run["trigger"];
  std::string why = trigger.value("type", "manual");
  if (why == "dataset") why += " " + trigger.value("dataset", "") + ":" + std::to_string(trigger.value("version", 0));
  out += "Pipeline " + run.value("id", run.value("pipeline", "")) + " (trigger: " + why + ")";
  if (run.contains("failures") && !run["failures"].empty()) {
    std::string f;
    for (const auto& x : run["failures"]) f += (f.empty() ? "" : ", ") + x.get<std::string>();
    out += " with injected failures: " + f;
  }
  out += "\n";
  std::string current;
  for (const json& s : run["steps"]) {
    const std::string where = s["stage"].get<std::string>() + " / " + s["job"].get<std::string>();
    if (where != current) {
      out += "\n== Stage " + s["stage"].get<std::string>() + ", job " + s["job"].get<std::string>() + " ==\n";
      current = where;
    }
    if (s["status"] == "skipped") {
      out += "  " + s["name"].get<std::string>() + ": skipped (an earlier step failed)\n";
      continue;
    }
    for (const json& line : s["log"]) out += "[" + format_clock(line["time"].get<double>()) + "] " + line["text"].get<std::string>() + "\n";
    out += "  " + s["name"].get<std::string>() + ": " + s["status"].get<std::string>() + " (" +
           format_duration(s["finished"].get<double>() - s["started"].get<double>()) + ")\n";
  }
  const double total = run["cost"].value("total", 0.0);
  out += "\nPipeline " + run.value("id", run.value("pipeline", "")) + " " + run["status"].get<std::string>() + " in " +
         format_duration(run["finished"].get<double>() - run["started"].get<double>()) + " (" +
         format_clock(run["started"].get<double>()) + " to " + format_clock(run["finished"].get<double>()) +
         "); compute cost " + format_number(total) + " USD.\n";
  return out;
}

}  // namespace mlcore::ops

// See policy.hpp.
#include "policy.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"

namespace mlcore::sim {
namespace {

constexpr double kEps = 1e-9;

// The policy's name for the alert a monitor raises.
std::string trigger_of(const std::string& monitor) { return monitor == "data_drift" ? "drift" : monitor; }

std::string day_text(double d) {
  const double r = std::round(d * 100) / 100;
  std::string s = nlohmann::json(r).dump();
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

}  // namespace

const std::vector<Mode>& all_modes() {
  static const std::vector<Mode> m = {Mode::Manual, Mode::Scheduled, Mode::Cicd};
  return m;
}

const char* to_string(Mode m) {
  switch (m) {
    case Mode::Manual: return "manual";
    case Mode::Scheduled: return "scheduled";
    case Mode::Cicd: return "cicd";
  }
  return "manual";
}

std::string mode_title(Mode m) {
  switch (m) {
    case Mode::Manual: return "Manual";
    case Mode::Scheduled: return "Continuous model delivery";
    case Mode::Cicd: return "CI/CD of pipelines";
  }
  return "";
}

std::string mode_help(Mode m) {
  switch (m) {
    case Mode::Manual: return "Alerts are raised, but nothing retrains until an operator notices and acts.";
    case Mode::Scheduled:
      return "The build pipeline retrains on the newest labelled traffic every schedule_days, whatever the monitors say.";
    case Mode::Cicd:
      return "An alert triggers the gated build pipeline (data validation, quality gate) as soon as enough labelled rows "
             "have come in; the winner is released with the policy's approval.";
  }
  return "";
}

Mode parse_mode(const std::string& text) {
  for (Mode m : all_modes())
    if (text == to_string(m)) return m;
  throw Error("sim.bad_mode", "There is no mode '" + excerpt_of(text) + "'; the modes are manual, scheduled and cicd.");
}

PolicyState start_policy(const Policy& p) {
  PolicyState st;
  st.next_schedule = p.schedule_days;
  return st;
}

Decision decide(Mode mode, const Policy& p, PolicyState& st, double end_day, const std::vector<Alert>& alerts,
                const std::function<std::size_t(double)>& labelled_rows_since) {
  Decision d;
  if (mode == Mode::Scheduled) {
    if (end_day + kEps < st.next_schedule) return d;
    d = {true, "schedule", "Scheduled retraining (every " + day_text(p.schedule_days) + " days), due on day " +
                               day_text(st.next_schedule) + ".", std::nullopt};
    while (st.next_schedule <= end_day + kEps) st.next_schedule += p.schedule_days;
    return d;
  }
  if (mode == Mode::Manual) {
    if (!p.operator_reaction_days) return d;
    if (!st.operator_due && !alerts.empty()) {
      st.operator_due = end_day + *p.operator_reaction_days;
      st.operator_reason = "The operator noticed the " + alerts.front().monitor + " alert of day " +
                           day_text(alerts.front().day) + " and retrained " + day_text(*p.operator_reaction_days) +
                           " days later.";
    }
    if (!st.operator_due || end_day + kEps < *st.operator_due) return d;
    return {true, "operator", st.operator_reason, std::nullopt};
  }
  // CI/CD: the first alert the policy listens to arms the trigger; it fires once enough labelled
  // rows of the drifted traffic exist to learn from (the labels come label_delay_days later).
  if (!st.pending_since && end_day + kEps >= st.cooldown_until)
    for (const Alert& a : alerts) {
      const std::string t = trigger_of(a.monitor);
      if (std::find(p.triggers.begin(), p.triggers.end(), t) == p.triggers.end()) continue;
      st.pending_since = a.day;
      st.pending_reason = t;
      break;
    }
  if (!st.pending_since) return d;
  const std::size_t rows = labelled_rows_since(*st.pending_since);
  if (rows < p.min_rows) return Decision{};
  return {true, st.pending_reason,
          "Triggered by the " + st.pending_reason + " alert about day " + day_text(*st.pending_since) + "; " +
              std::to_string(rows) + " labelled rows have come in since.",
          st.pending_since};
}

void retrained(const Policy& p, PolicyState& st, double end_day) {
  st.pending_since.reset();
  st.pending_reason.clear();
  st.operator_due.reset();
  st.operator_reason.clear();
  st.cooldown_until = end_day + p.cooldown_days;
}

}  // namespace mlcore::sim

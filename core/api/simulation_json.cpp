// A simulation as JSON: each window (its monitors with core/drift's sentences, its alerts and
// actions), the per-window series the Monitoring view charts, a reference-against-current
// histogram of any column of any window, and the outcome the comparison of modes reads.
#include <cmath>

#include "../drift/report_json.hpp"
#include "../error.hpp"
#include "simulation_run.hpp"

namespace mlcore::api {
namespace {

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json column_json(const drift::ColumnDrift& c) {
  return {{"column", c.column}, {"test", c.test ? Json(c.test->name) : Json(nullptr)},
          {"score", c.test ? number_or_null(c.outcome.score) : Json(nullptr)}, {"threshold", c.test ? Json(c.threshold) : Json(nullptr)},
          {"drift", c.drift}, {"explanation", c.explanation}};
}

Json alert_json(const sim::Alert& a) {
  Json j = {{"window", a.window}, {"day", a.day}, {"version", a.version}, {"monitor", a.monitor},
            {"value", number_or_null(a.value)}, {"threshold", a.threshold}, {"message", a.message}};
  if (!a.column.empty()) j["column"] = a.column;
  return j;
}

}  // namespace

Json window_json(const Simulation& sim, const SimWindow& w) {
  Json columns = Json::array(), drifted = Json::array(), alerts = Json::array(), missing = Json::object();
  for (const auto& c : w.check.data.columns) {
    columns.push_back(column_json(c));
    if (c.drift) drifted.push_back(c.column);
  }
  for (const auto& [name, share] : w.check.missing) missing[name] = share;
  for (const auto& a : w.alerts) alerts.push_back(alert_json(a));
  const auto& d = w.check.data.dataset;
  Json j = {{"index", w.w.index}, {"day", w.w.start_day}, {"end_day", w.w.end_day}, {"opened", w.opened}, {"closed", w.closed},
            {"requests", w.check.requests}, {"errors", w.errors}, {"version", w.version},
            {"model", sim.model + ":" + std::to_string(w.version)}, {"reference", w.reference},
            {"columns", columns}, {"drifted", drifted},
            {"dataset", {{"share", d.share}, {"drift", d.drift}, {"drifted", d.drifted}, {"tested", d.tested},
                         {"drift_share", d.drift_share}, {"explanation", d.explanation}}},
            {"prediction", w.check.has_prediction ? column_json(w.check.prediction) : Json(nullptr)},
            {"missing", missing},
            {"quality", w.quality ? Json{{"metric", w.quality->metric}, {"value", w.quality_json()}, {"rows", w.quality->rows}}
                                  : Json(nullptr)},
            {"labelled_at", w.labelled_at ? Json(*w.labelled_at) : Json(nullptr)},
            {"alerts", alerts}, {"actions", w.actions}};
  if (!w.first_error.empty()) j["first_error"] = w.first_error;
  return j;
}

Json simulation_outcome(const Simulation& sim) {
  std::vector<std::optional<double>> quality;
  std::vector<double> days;
  std::size_t alerts = 0;
  for (const SimWindow& w : sim.windows) {
    quality.push_back(w.quality_value());
    days.push_back(w.w.start_day);
    alerts += w.alerts.size();
  }
  const auto drift_day = sim::first_drift_day(sim.scenario);
  const sim::Recovery r = sim::measure_recovery(quality, days, sim.plan.window_days, drift_day);
  auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"metric", sim.classification ? "accuracy" : "r2"}, {"drift_day", opt(drift_day)}, {"baseline", opt(r.baseline)},
          {"threshold", opt(r.threshold)}, {"tolerance", sim::kRecoveryTolerance}, {"dropped", r.dropped},
          {"days_to_recover", opt(r.days_to_recover)}, {"mean_after", opt(r.mean_after)},
          {"retrainings", sim.retrainings}, {"promotions", sim.promotions}, {"alerts", alerts}, {"cost", sim.cost}};
}

Json simulation_state(Session& s, Simulation& sim, const Json& args) {
  const auto& features = sim.scenario.model.features;
  Json series = {{"day", Json::array()}, {"time", Json::array()}, {"requests", Json::array()}, {"errors", Json::array()},
                 {"version", Json::array()}, {"dataset_drift_share", Json::array()}, {"dataset_drift", Json::array()},
                 {"prediction_drift", Json::array()}, {"prediction_drifted", Json::array()}, {"quality", Json::array()},
                 {"alerts", Json::array()}, {"drift", Json::object()}, {"drifted", Json::object()}};
  Json windows = Json::array(), alerts = Json::array(), markers = Json::array();
  for (const SimWindow& w : sim.windows) {
    series["day"].push_back(w.w.start_day);
    series["time"].push_back(w.closed);
    series["requests"].push_back(w.check.requests);
    series["errors"].push_back(w.errors);
    series["version"].push_back(w.version);
    series["dataset_drift_share"].push_back(w.check.data.dataset.share);
    series["dataset_drift"].push_back(w.check.data.dataset.drift);
    series["prediction_drift"].push_back(w.check.has_prediction ? number_or_null(w.check.prediction.outcome.score) : Json(nullptr));
    series["prediction_drifted"].push_back(w.check.has_prediction && w.check.prediction.drift);
    series["quality"].push_back(w.quality_json());
    series["alerts"].push_back(w.alerts.size());
    for (const auto& c : w.check.data.columns) {
      series["drift"][c.column].push_back(c.test ? number_or_null(c.outcome.score) : Json(nullptr));
      series["drifted"][c.column].push_back(c.drift);
    }
    windows.push_back(window_json(sim, w));
    for (const auto& a : w.alerts) {
      Json j = alert_json(a);
      j["raised"] = w.w.index;
      alerts.push_back(j);
    }
    for (const Json& a : w.actions) markers.push_back(a);
  }
  Json out = {{"scenario", sim.scenario.json}, {"mode", sim::to_string(sim.mode)}, {"mode_title", sim::mode_title(sim.mode)},
              {"seed", sim.seed}, {"model", sim.model}, {"endpoint", sim.endpoint}, {"setup", sim.setup},
              {"started", sim.t0}, {"window_days", sim.plan.window_days}, {"window_requests", sim.plan.window_requests},
              {"windows_total", sim.plan.windows}, {"next_window", sim.windows.size()}, {"done", sim.done()},
              {"columns", features}, {"metric", sim.classification ? "accuracy" : "r2"},
              {"series", series}, {"windows", windows}, {"alerts", alerts}, {"markers", markers},
              {"outcome", simulation_outcome(sim)}};
  if (args.contains("window") && !args["window"].is_null()) {
    const Json& wi = args["window"];
    if (!wi.is_number_integer() || wi.get<std::int64_t>() < 0 || wi.get<std::size_t>() >= sim.windows.size())
      throw Error("sim.unknown_window", "There is no window " + wi.dump() + "; the simulation has played " +
                                            std::to_string(sim.windows.size()) + " (numbered from 0).");
    const SimWindow& w = sim.windows[wi.get<std::size_t>()];
    const std::string column = args.value("column", features.empty() ? std::string() : features.front());
    const SimReference& ref = reference_of(s, sim, w.version);
    drift::ColumnDrift d;
    if (column == "prediction" || column == ref.predictions.name) {
      const data::Column answers = sim::answers_column(ref.predictions.name, w.labels, w.values, w.answered, sim.classification);
      drift::ColumnOptions o;
      o.role = drift::ColumnRole::Prediction;
      d = drift::column_drift(ref.predictions.name, drift::Sample::of(ref.predictions), drift::Sample::of(answers), o);
    } else {
      bool known = false;
      for (const auto& c : w.check.data.columns) known = known || c.column == column;
      if (!known)
        throw Error("sim.unknown_column", "The window's monitors did not test '" + excerpt_of(column) +
                                              "'; ask for one of the columns, or \"prediction\".");
      drift::DriftOptions o = drift::drift_options_from_json(sim.scenario.monitors.drift);
      o.columns = {column};
      o.histograms = true;
      d = drift::data_drift_report(*ref.table, w.w.rows, o).columns.front();
    }
    out["histogram"] = drift::to_json(d);
    out["histogram"]["window"] = w.w.index;
    out["histogram"]["reference_dataset"] = ref.dataset;
  }
  return out;
}

}  // namespace mlcore::api

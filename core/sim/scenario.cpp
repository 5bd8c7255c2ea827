// See scenario.hpp. The field tables here are the single source of defaults, ranges and help.
#include "scenario.hpp"

#include <algorithm>
#include <cctype>

#include "../drift/report_json.hpp"
#include "../error.hpp"
#include "policy.hpp"

namespace mlcore::sim {
namespace {

using nlohmann::json;

const std::vector<FieldSpec>& top_fields() {
  static const std::vector<FieldSpec> f = {
      {"name", FieldType::Text, "scenario", "A short name, shown with every result."},
      {"description", FieldType::Text, "", "What the scenario shows, in a sentence or two."},
      {"dataset", FieldType::Text, nullptr, "The clean data the stream is drawn from: a built-in dataset (iris).", true},
      {"target", FieldType::Text, nullptr, "The column the model predicts; its values arrive as labels.", true},
      {"days", FieldType::Number, 20, "How many simulated days of traffic.", false, {}, 0.01, 3650},
      {"seed", FieldType::Count, 0, "The seed of every random choice of the stream (requests, noise, drifts)."},
      {"model", FieldType::Object, json::object(), "The model put in PROD first, and how retrainings train."},
      {"traffic", FieldType::Object, json::object(), "The requests to the PROD endpoint and their labels."},
      {"drifts", FieldType::List, json::array(), "What changes, and when: a list of drifts (see drift_kinds)."},
      {"monitors", FieldType::Object, json::object(), "The monitors' thresholds: when a window raises an alert."},
      {"policy", FieldType::Object, json::object(), "The continuous-training policy: when to retrain and promote."},
  };
  return f;
}

const std::vector<FieldSpec>& model_fields() {
  static const std::vector<FieldSpec> f = {
      {"name", FieldType::Text, "", "The registered model (empty: the dataset's name in capitals, IRIS)."},
      {"family", FieldType::Text, "decision_tree", "The model family."},
      {"params", FieldType::Object, json::object(), "The family's parameters, e.g. {\"max_depth\": 3}."},
      {"features", FieldType::TextList, json::array(), "The feature columns (empty: every column but the target)."},
      {"training_rows", FieldType::Count, 0, "When above 0, the first model learns from the dataset's first N rows only (the past "
                                             "of a time-ordered dataset) and the stream is drawn from the rows after them."},
      {"test_size", FieldType::Number, 0.2, "Share of each training's rows held out for its test metrics.", false, {}, 0.01, 0.9},
      {"seed", FieldType::Count, 1984, "The seed of the training's split and model."},
      {"experiment", FieldType::Text, "", "The experiment runs are logged in (empty: NAMESimulation)."},
  };
  return f;
}

const std::vector<FieldSpec>& traffic_fields() {
  static const std::vector<FieldSpec> f = {
      {"requests_per_day", FieldType::Number, 100, "Scoring requests sent to the PROD endpoint per simulated day.", false, {}, 1, 100000},
      {"window_days", FieldType::Number, 1, "Monitors judge windows of this many days...", false, {}, 0.01, 365},
      {"window_requests", FieldType::Count, 0, "...or, when above 0, of this many requests.", false, {}, 0, 1000000},
      {"label_delay_days", FieldType::Number, 1, "Days until a request's true label arrives (0: at once).", false, {}, 0, 365},
      {"sampling", FieldType::Choice, "random", "random: rows drawn with replacement; sequential: rows in the dataset's order "
                                                "(for time-ordered data).", false, {"random", "sequential"}},
      {"noise", FieldType::Number, 0, "Gaussian jitter added to float features, in standard deviations.", false, {}, 0, 10},
  };
  return f;
}

const std::vector<FieldSpec>& monitor_fields() {
  static const std::vector<FieldSpec> f = {
      {"columns", FieldType::TextList, json::array(), "The columns tested for drift (empty: the model's features)."},
      {"method", FieldType::Text, "", "One drift test for every column (empty: chosen per column as Evidently does)."},
      {"threshold", FieldType::NumberOrNull, nullptr, "One threshold for every column's test (null: each test's default)."},
      {"per_column_method", FieldType::Object, json::object(), "Column -> drift test, winning over method."},
      {"per_column_threshold", FieldType::Object, json::object(), "Column -> threshold, winning over threshold."},
      {"drift_share", FieldType::Number, 0.5, "Dataset drift (an alert) when this share of the columns drifts.", false, {}, 0.0001, 1},
      {"prediction_drift", FieldType::Flag, true, "Also test the model's answers against its answers on the reference."},
      {"max_quality_drop", FieldType::Number, 0.1, "Alert when a window's accuracy (R2 for regression) falls more than this "
                                                   "below the serving model's own test score.", false, {}, 0, 10},
      {"min_quality", FieldType::NumberOrNull, nullptr, "Alert when a window's accuracy (R2) falls below this."},
      {"max_error_rate", FieldType::Number, 0.05, "Alert when more than this share of requests is refused.", false, {}, 0, 1},
      {"max_missing_increase", FieldType::Number, 0.2, "Alert when a feature is missing in this much more of the window than "
                                                       "of the reference.", false, {}, 0, 1},
  };
  return f;
}

const std::vector<FieldSpec>& policy_fields() {
  static const std::vector<FieldSpec> f = {
      {"triggers", FieldType::TextList, json::array({"drift", "quality"}),
       "CI/CD mode: the alerts that start a retraining (drift, quality, prediction_drift).", false,
       {"drift", "quality", "prediction_drift"}},
      {"schedule_days", FieldType::Number, 7, "Scheduled mode: retrain every this many days.", false, {}, 0.01, 3650},
      {"training_days", FieldType::Number, 3, "A retraining learns from the newest labelled traffic of this many days.", false,
       {}, 0.01, 3650},
      {"min_rows", FieldType::Count, 50, "CI/CD mode waits until this many labelled rows have come in since the alert."},
      {"evaluation_share", FieldType::Number, 0.3, "Share of the newest labelled window held out to compare challenger and "
                                                   "champion.", false, {}, 0.05, 0.9},
      {"cooldown_days", FieldType::Number, 1, "CI/CD mode: no new triggered retraining this soon after one.", false, {}, 0, 3650},
      {"approval_role", FieldType::Text, "Approver", "The role whose approval the policy grants at PROD's gate."},
      {"quality_gate", FieldType::NumberOrNull, 0.8, "CI/CD mode: the pipeline's gate on the retrained model's test accuracy "
                                                      "(R2); null: no gate."},
      {"operator_reaction_days", FieldType::NumberOrNull, nullptr, "Manual mode: a simulated operator retrains this many days "
                                                                   "after an alert (null: only simulation.act does)."},
      {"vm_size", FieldType::Text, "STANDARD_DS2_V2", "The compute the retraining pipeline trains on (its cost is metered)."},
  };
  return f;
}

std::vector<FieldSpec> all_drift_fields(const DriftKind& k) {
  std::vector<FieldSpec> f = common_drift_fields();
  f.insert(f.end(), k.params.begin(), k.params.end());
  return f;
}

DriftSpec read_drift(const json& j, const std::string& path) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string())
    bad_scenario(path + ".kind", "is missing: every drift names its kind (covariate_shift, seasonal, ...).");
  const DriftKind& kind = drift_kind(j["kind"].get<std::string>(), path + ".kind");
  const json filled = read_fields(j, path, all_drift_fields(kind));
  DriftSpec d;
  d.kind = kind.name;
  d.start_day = filled["start_day"].get<double>();
  d.intensity = filled["intensity"].get<double>();
  if (d.intensity < kind.min_intensity || d.intensity > kind.max_intensity)
    bad_scenario(path + ".intensity", "is " + filled["intensity"].dump() + "; for " + kind.name + " it is " + kind.intensity +
                                          ", between " + json(kind.min_intensity).dump() + " and " +
                                          json(kind.max_intensity).dump() + ".");
  d.gradual = filled["onset"] == "gradual";
  d.ramp_days = filled["ramp_days"].get<double>();
  d.fields = filled;
  return d;
}

std::string upper(std::string s) {
  for (char& c : s)
    c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  return s;
}

}  // namespace

Scenario parse_scenario(const json& j) {
  Scenario s;
  json top = read_fields(j, "", top_fields());
  top["model"] = read_fields(top["model"], "model", model_fields());
  top["traffic"] = read_fields(top["traffic"], "traffic", traffic_fields());
  top["monitors"] = read_fields(top["monitors"], "monitors", monitor_fields());
  top["policy"] = read_fields(top["policy"], "policy", policy_fields());
  s.name = top["name"];
  s.description = top["description"];
  s.dataset = top["dataset"];
  s.target = top["target"];
  s.days = top["days"];
  s.seed = top["seed"];

  const json& m = top["model"];
  s.model.name = m["name"].get<std::string>().empty() ? upper(s.dataset) : m["name"].get<std::string>();
  s.model.family = m["family"];
  s.model.params = m["params"];
  s.model.features = m["features"].get<std::vector<std::string>>();
  s.model.training_rows = m["training_rows"];
  s.model.test_size = m["test_size"];
  s.model.seed = m["seed"];
  s.model.experiment = m["experiment"].get<std::string>().empty() ? s.model.name + "Simulation" : m["experiment"].get<std::string>();

  const json& t = top["traffic"];
  s.traffic.requests_per_day = t["requests_per_day"];
  s.traffic.window_days = t["window_days"];
  s.traffic.window_requests = t["window_requests"];
  s.traffic.label_delay_days = t["label_delay_days"];
  s.traffic.sequential = t["sampling"] == "sequential";
  s.traffic.noise = t["noise"];

  for (std::size_t i = 0; i < top["drifts"].size(); ++i)
    s.drifts.push_back(read_drift(top["drifts"][i], "drifts[" + std::to_string(i) + "]"));
  json drifts = json::array();
  for (const auto& d : s.drifts) drifts.push_back(d.fields);
  top["drifts"] = drifts;

  const json& mo = top["monitors"];
  s.monitors.drift = {{"columns", mo["columns"]}, {"method", mo["method"]}, {"threshold", mo["threshold"]},
                      {"per_column_method", mo["per_column_method"]}, {"per_column_threshold", mo["per_column_threshold"]},
                      {"drift_share", mo["drift_share"]}, {"histograms", false}};
  try {
    (void)drift::drift_options_from_json(s.monitors.drift);
  } catch (const Error& e) {
    bad_scenario("monitors", std::string("does not read as drift options: ") + e.what());
  }
  s.monitors.prediction_drift = mo["prediction_drift"];
  s.monitors.max_quality_drop = mo["max_quality_drop"];
  if (!mo["min_quality"].is_null()) s.monitors.min_quality = mo["min_quality"].get<double>();
  s.monitors.max_error_rate = mo["max_error_rate"];
  s.monitors.max_missing_increase = mo["max_missing_increase"];

  const json& p = top["policy"];
  s.policy.triggers = p["triggers"].get<std::vector<std::string>>();
  s.policy.schedule_days = p["schedule_days"];
  s.policy.training_days = p["training_days"];
  s.policy.min_rows = p["min_rows"];
  s.policy.evaluation_share = p["evaluation_share"];
  s.policy.cooldown_days = p["cooldown_days"];
  s.policy.approval_role = p["approval_role"];
  if (s.policy.approval_role.empty() || s.policy.approval_role.size() > 60)
    bad_scenario("policy.approval_role", "is a role name of 1 to 60 characters, such as Approver.");
  s.policy.quality_gate = p["quality_gate"].is_null() ? std::nullopt : std::optional<double>(p["quality_gate"].get<double>());
  if (!p["operator_reaction_days"].is_null()) s.policy.operator_reaction_days = p["operator_reaction_days"].get<double>();
  if (s.policy.operator_reaction_days && *s.policy.operator_reaction_days < 0)
    bad_scenario("policy.operator_reaction_days", "is negative; it is a number of days >= 0, or null.");
  s.policy.vm_size = p["vm_size"];
  top["model"]["name"] = s.model.name;
  top["model"]["experiment"] = s.model.experiment;
  s.json = top;
  return s;
}

void check_against(Scenario& s, const data::Table& base) {
  if (base.rows() == 0) bad_scenario("dataset", "names data with no rows; the stream needs rows to draw from.");
  if (s.model.training_rows > 0 && s.model.training_rows + 1 >= base.rows())
    bad_scenario("model.training_rows", "is " + std::to_string(s.model.training_rows) + " of the dataset's " +
                                            std::to_string(base.rows()) + " rows; leave at least 2 rows for the stream.");
  drift_column(base, s.target, "target", false);
  if (s.model.features.empty())
    for (const auto& c : base.columns)
      if (c.name != s.target) s.model.features.push_back(c.name);
  for (const auto& f : s.model.features) {
    drift_column(base, f, "model.features", false);
    if (f == s.target) bad_scenario("model.features", "names the target " + f + "; the features are the other columns.");
  }
  for (std::size_t i = 0; i < s.drifts.size(); ++i) {
    const std::string path = "drifts[" + std::to_string(i) + "]";
    drift_kind(s.drifts[i].kind, path).check(s.drifts[i], base, s.target, path);
  }
  for (const auto& c : s.monitors.drift["columns"]) drift_column(base, c.get<std::string>(), "monitors.columns", false);
  s.json["model"]["features"] = s.model.features;
}

json scenario_schema() {
  json kinds = json::array();
  for (const DriftKind* k : drift_kinds())
    kinds.push_back({{"name", k->name}, {"display_name", k->display_name}, {"help", k->help}, {"intensity", k->intensity},
                     {"min_intensity", k->min_intensity}, {"max_intensity", k->max_intensity},
                     {"fields", fields_schema(k->params)}});
  json modes = json::array();
  for (Mode m : all_modes()) modes.push_back({{"name", to_string(m)}, {"title", mode_title(m)}, {"help", mode_help(m)}});
  json defaults = read_fields(json{{"dataset", "iris"}, {"target", "Species"}}, "", top_fields());
  defaults["model"] = read_fields(nullptr, "model", model_fields());
  defaults["traffic"] = read_fields(nullptr, "traffic", traffic_fields());
  defaults["monitors"] = read_fields(nullptr, "monitors", monitor_fields());
  defaults["policy"] = read_fields(nullptr, "policy", policy_fields());
  return {{"sections",
           {{"scenario", fields_schema(top_fields())}, {"model", fields_schema(model_fields())},
            {"traffic", fields_schema(traffic_fields())}, {"monitors", fields_schema(monitor_fields())},
            {"policy", fields_schema(policy_fields())}}},
          {"drift", fields_schema(common_drift_fields())},
          {"drift_kinds", kinds},
          {"modes", modes},
          {"defaults", defaults}};
}

std::optional<double> first_drift_day(const Scenario& s) {
  std::optional<double> first;
  for (const auto& d : s.drifts)
    if (d.intensity != 0 && (!first || d.start_day < *first)) first = d.start_day;
  return first;
}

}  // namespace mlcore::sim

// What a training's report becomes when it is logged as a run (see training_run.hpp).
#include "training_run.hpp"

#include <cctype>

#include "../data/table_hash.hpp"
#include "../error.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

// The dataset version holding this content, in any dataset; null when none does.
Json find_dataset_version(const ops::Workspace& ws, const std::string& hash) {
  for (const auto& [name, d] : ws.datasets.datasets())
    if (const ops::DatasetVersion* v = d.find_hash(hash)) return {{"name", name}, {"version", v->number}, {"hash", hash}};
  return nullptr;
}

void copy_numbers(const Json& from, Json& to, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (from.contains(k) && from[k].is_number()) to[k] = from[k];
}

}  // namespace

std::string dataset_name_from_source(const std::string& source) {
  std::string stem = source.substr(source.find_last_of("/\\") == std::string::npos ? 0 : source.find_last_of("/\\") + 1);
  const auto dot = stem.find('.');
  if (dot != std::string::npos && dot > 0) stem = stem.substr(0, dot);
  for (char& c : stem)
    c = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'
            ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
            : '_';
  return stem.empty() ? "DATA" : stem;
}

Json log_training_run(Session& s, const models::ModelBundle& model, const Json& result, const data::Table& table,
                      const Json& args) {
  const Json& experiment = require_field(args, "experiment");
  if (!experiment.is_string()) throw Error("api.bad_args", "The field 'experiment' should be a name such as IRISExperiment.");
  ops::validate_experiment_name(experiment.get<std::string>());  // before anything is logged

  Json dataset = result.value("dataset", Json(nullptr));
  bool dataset_created = false;
  if (dataset.is_null()) {
    const std::string hash = data::content_hash(table);
    dataset = find_dataset_version(current_workspace(s), hash);
    if (dataset.is_null()) {
      const std::string source = result.value("source", std::string());
      DatasetRegistration reg = register_dataset(s, table, dataset_name_from_source(source), source, Json::object(), hash);
      dataset = {{"name", reg.name}, {"version", reg.number}, {"hash", hash}};
      dataset_created = reg.created;
    }
  }

  const Json& report = result.at("metrics");
  Json params = result.value("params", Json::object());
  params["seed"] = result.value("seed", Json(nullptr));
  params["test_size"] = result.value("test_size", Json(nullptr));
  Json metrics = Json::object();
  copy_numbers(report, metrics, {"accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro",
                                 "precision_weighted", "recall_weighted", "f1_weighted", "roc_auc", "log_loss",
                                 "r2", "mae", "mse", "rmse"});
  Json artifacts = {{"model", workspace_state(s).blobs.put_model(models::save_model(model).dump())}};
  for (const char* k : {"confusion_matrix", "per_class", "roc", "pr", "residuals"})
    if (report.contains(k) && !report[k].is_null()) artifacts[k] = report[k];
  if (result.contains("importances")) artifacts["importances"] = result["importances"];
  if (result.contains("cv")) {
    metrics["cv_mean"] = result["cv"]["mean"];
    metrics["cv_std"] = result["cv"]["std"];
    artifacts["cv"] = result["cv"];
  }
  Json series = Json::object();
  const Json curve = result.value("curve", Json(nullptr));
  if (curve.is_object())
    for (const auto& [name, values] : curve.items())
      if (values.is_array() && !values.empty()) series[name] = values;

  Json tags = {{"model", result.value("display_name", model.family)}, {"task", result.value("task", std::string())},
               {"target", result.value("target", std::string())}};
  if (args.contains("tags") && args["tags"].is_object()) tags.update(args["tags"]);

  Json command = {{"type", "run.record"}, {"experiment", experiment}, {"family", model.family}, {"params", params},
                  {"dataset", {{"name", dataset["name"]}, {"version", dataset["version"]}}}, {"metrics", metrics},
                  {"tags", tags}, {"artifacts", artifacts}};
  if (!series.empty()) command["series"] = series;
  if (args.contains("note") && args["note"].is_string() && !args["note"].get<std::string>().empty())
    command["note"] = args["note"];
  Json applied = apply_command(s, command);
  return {{"run", applied["run"]}, {"experiment", experiment}, {"dataset", dataset}, {"dataset_created", dataset_created}};
}

}  // namespace mlcore::api

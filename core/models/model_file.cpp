// Saving and loading the model file; see model_file.hpp.
#include "model_file.hpp"

#include <algorithm>

#include "../error.hpp"
#include "family.hpp"
#include "model_json.hpp"

namespace mlcore::models {

nlohmann::json save_model(const ModelBundle& b) {
  if (!b.estimator) throw Error("model.not_fitted", "There is no fitted model to save.");
  nlohmann::json pre = b.pre.to_json();
  nlohmann::json features = pre["features"];
  pre.erase("features");  // stored once, at the top level, where a reader looks for it
  nlohmann::json j = {{"schema_version", kModelSchemaVersion},
                      {"format", "mlplay.model"},
                      {"family", b.family},
                      {"task", to_string(b.task)},
                      {"params", b.params},
                      {"target", b.target.to_json()},
                      {"features", std::move(features)},
                      {"preprocessing", std::move(pre)},
                      {"model", b.estimator->to_json()}};
  if (!b.dataset.is_null()) j["dataset"] = b.dataset;
  if (!b.metrics.is_null()) j["metrics"] = b.metrics;
  return j;
}

ModelBundle load_model(const nlohmann::json& j) {
  if (!j.is_object()) throw_corrupt("(top level)", "should be a JSON object");
  // The version comes first: a newer file may differ in every other field.
  const auto& version = get_field(j, "schema_version", "");
  if (!version.is_number_integer() || version.get<std::int64_t>() < 1)
    throw_corrupt("schema_version", "should be a positive integer");
  if (version.get<std::int64_t>() > kModelSchemaVersion)
    throw Error("model.schema_newer",
                "This model file has schema_version " +
                    std::to_string(version.get<std::int64_t>()) +
                    ", written by a newer MLOps Playground; this build reads schema_version " +
                    std::to_string(kModelSchemaVersion) +
                    ". Update mlplay (or reload the page) to open it.");
  if (get_string(j, "format", "") != "mlplay.model")
    throw_corrupt("format", "should be \"mlplay.model\"; this is not a model file");

  ModelBundle b;
  b.family = get_string(j, "family", "");
  const Family& family = find_family(b.family);  // model.unknown_family
  try {
    b.task = task_from_string(get_string(j, "task", ""));
  } catch (const Error& e) {
    if (e.code() == "model.corrupt") throw;
    throw_corrupt("task", "should be classification or regression");
  }
  try {
    b.params = resolve_params(family, get_field(j, "params", ""), b.task);
  } catch (const Error& e) {
    if (e.code() == "model.corrupt") throw;
    throw_corrupt("params", "is not valid for " + b.family + " (" + e.what() + ")");
  }
  b.target.from_json(get_field(j, "target", ""), b.task);
  nlohmann::json pre = get_field(j, "preprocessing", "");
  if (!pre.is_object()) throw_corrupt("preprocessing", "should be an object");
  pre["features"] = get_field(j, "features", "");
  b.pre.from_json(pre);
  b.estimator = family.make(b.params, b.task);
  try {
    b.estimator->from_json(get_field(j, "model", ""));
  } catch (const nlohmann::json::exception& e) {
    // A family reading its own state with plain .at()/.get() still reports a damaged file.
    throw_corrupt("model", std::string("could not be read (") + e.what() + ")");
  }
  // The estimator must take as many features as the preprocessing makes; predicting a table
  // with a mismatched file would otherwise fail later with a less helpful message.
  const std::size_t width = b.pre.output_names().size();
  const Eigen::MatrixXd probe = Eigen::MatrixXd::Zero(1, static_cast<Eigen::Index>(width));
  try {
    b.estimator->predict(probe);
  } catch (const Error& e) {
    throw_corrupt("model", "does not fit the " + std::to_string(width) +
                               " preprocessed features (" + e.what() + ")");
  }
  if (b.task == Task::Classification &&
      b.estimator->predict_proba(probe).cols() != b.target.n_classes())
    throw_corrupt("target.classes", "does not match the number of classes the model predicts");
  if (j.contains("dataset")) b.dataset = j["dataset"];
  if (j.contains("metrics")) b.metrics = j["metrics"];
  return b;
}

ModelBundle load_model_text(std::string_view text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("model.corrupt",
                "The model file is damaged: it is not complete JSON (" + std::string(e.what()) +
                    "). Export the model again.",
                Location{0, 0,
                         excerpt_of(text.substr(
                             std::min(text.size(), e.byte > 20 ? e.byte - 20 : 0), 40))});
  }
  return load_model(j);
}

Predictions predict_table(const ModelBundle& b, const data::Table& table) {
  if (!b.estimator) throw Error("model.not_fitted", "There is no fitted model to predict with.");
  const Eigen::MatrixXd X = b.pre.transform(table);
  Predictions p;
  p.values = b.estimator->predict(X);
  if (b.task == Task::Classification) {
    p.proba = b.estimator->predict_proba(X);
    p.classes = b.target.classes();
    p.labels.reserve(static_cast<std::size_t>(p.values.size()));
    for (Eigen::Index i = 0; i < p.values.size(); ++i)
      p.labels.push_back(b.target.decode(static_cast<int>(p.values[i])));
  }
  return p;
}

nlohmann::json predictions_to_json(const Predictions& p) {
  nlohmann::json out = {{"classes", p.classes}};
  if (p.labels.empty() && p.proba.size() == 0) {
    out["predictions"] = std::vector<double>(p.values.data(), p.values.data() + p.values.size());
    return out;
  }
  out["predictions"] = p.labels;
  nlohmann::json proba = nlohmann::json::array();
  for (Eigen::Index r = 0; r < p.proba.rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index c = 0; c < p.proba.cols(); ++c) row.push_back(p.proba(r, c));
    proba.push_back(std::move(row));
  }
  out["probabilities"] = std::move(proba);
  return out;
}

}  // namespace mlcore::models

// The model file: everything needed to predict later, as one versioned JSON document.
//   {"schema_version": 1, "format": "mlplay.model", "family", "task", "params",
//    "target": {"name", "classes"}, "features": [FeatureSpec...], "preprocessing": {...},
//    "dataset": {"name", "version", "hash"} (optional), "model": estimator state,
//    "metrics": {...} (optional)}
// Doubles round-trip exactly (nlohmann writes the shortest text that reads back to the same
// bits), so a loaded model predicts exactly what the saved one did.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "estimator.hpp"
#include "preprocess.hpp"
#include "target.hpp"

namespace mlcore::models {

constexpr int kModelSchemaVersion = 1;

struct ModelBundle {
  std::string family;
  Task task = Task::Classification;
  nlohmann::json params;  // resolved (defaults filled in)
  Preprocessor pre;
  TargetEncoder target;
  std::unique_ptr<Estimator> estimator;
  nlohmann::json dataset;  // null or {"name", "version", "hash"}
  nlohmann::json metrics;  // null or any object
};

nlohmann::json save_model(const ModelBundle& bundle);
// Errors: model.schema_newer (schema_version above what this build reads, saying which it reads),
// model.corrupt naming the missing or bad field, model.unknown_family.
ModelBundle load_model(const nlohmann::json& file);
// The same from the file's text: text that is not JSON (a truncated download) is model.corrupt
// with the parser's position.
ModelBundle load_model_text(std::string_view text);

struct Predictions {
  // Classification: the decoded label per row ("1", "Adelie"). Empty for regression, where the
  // numbers are in `values` (bulk data stays binary).
  std::vector<std::string> labels;
  Eigen::VectorXd values;            // class index per row, or the predicted value
  Eigen::MatrixXd proba;             // rows x classes for classification; 0 x 0 for regression
  std::vector<std::string> classes;  // the column order of proba
};
// Preprocesses `table` (columns found by name) and predicts every row.
Predictions predict_table(const ModelBundle& bundle, const data::Table& table);
// {"classes", "predictions": labels or values, "probabilities": rows x classes (classification)},
// as `mlplay predict --json` prints and the page's model.predict returns.
nlohmann::json predictions_to_json(const Predictions& p);

}  // namespace mlcore::models

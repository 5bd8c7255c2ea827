// A finished training, logged as a run: the one place that decides what of a training's report
// becomes params, metrics, per-step series, tags and artifacts of the run.
#pragma once
#include "../data/table.hpp"
#include "../models/model_file.hpp"
#include "session.hpp"

namespace mlcore::api {

// Builds and applies one run.record command for the training's `result` (TrainingJob::result()):
//   params    the model's resolved params plus seed and test_size,
//   metrics   every numeric headline metric (accuracy, f1_macro, roc_auc, r2, rmse, ...) and
//             cv_mean / cv_std with cross-validation,
//   series    the training curve per iteration (train_loss, validation_loss),
//   tags      model (the family's display name), task, target, and args["tags"],
//   artifacts model (the model file's key in the artifact store), confusion_matrix, per_class,
//             roc, pr, residuals, importances, cv folds: what the report has.
// The data becomes a dataset version first when no version holds it (named after its source
// file, e.g. "IRIS" for iris.csv). args: {experiment, tags?, note?}. Returns {run, experiment,
// dataset: {name, version, hash}, dataset_created}.
Json log_training_run(Session& s, const models::ModelBundle& model, const Json& result, const data::Table& table,
                      const Json& args);

// A dataset name from a file name, as the Data view suggests it: its stem in upper case with
// anything outside [A-Za-z0-9_.-] made "_" ("Iris data.csv" -> "IRIS_DATA"); "DATA" when empty.
std::string dataset_name_from_source(const std::string& source);

}  // namespace mlcore::api

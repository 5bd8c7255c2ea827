// `mlplay train` and `mlplay predict`: a training run from the command line, with the same core
// code as the page's Train view, and predictions from a saved model file.
#include <cmath>
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "core/eval/training_job.hpp"
#include "core/models/family.hpp"
#include "core/data/datetime.hpp"
#include "core/models/model_file.hpp"
#include "core/models/target.hpp"
#include "data_input.hpp"

namespace mlplay {
namespace {

using nlohmann::json;

std::string train_usage() {
  std::string u =
      "Usage: mlplay train --data FILE|BUILTIN --target COL [--model NAME] [--param KEY=VALUE]...\n"
      "                    [--test-size F] [--seed N] [--stratify] [--split random|time] [--cv K]\n"
      "                    [--features A,B,...] [--task classification|regression] [--impute mean|median|most_frequent]\n"
      "                    [--out MODEL.json] [--json]\n\n"
      "Trains a model on a hold-out split (and k-fold cross-validation of the training part with\n"
      "--cv), prints its metrics on the test part and saves the model file with --out.\n"
      "Defaults: --model decision_tree, --test-size 0.25, --seed 0, no stratification.\n\nModels and their parameters:\n";
  for (const auto& f : mlcore::models::families()) {
    u += "\n  " + f.name + " (" + f.display_name + "): " + f.help + "\n";
    for (const auto& p : f.params) {
      json d = p.default_value;
      std::string only;  // a parameter listed once per task says which
      for (auto t : p.tasks) only += std::string(only.empty() ? " [" : ", ") + mlcore::models::to_string(t);
      if (!only.empty()) only += "]";
      u += "    " + p.name + " = " + (d.is_null() ? std::string("none") : d.is_string() ? d.get<std::string>() : d.dump()) +
           only + "  " + p.help + "\n";
    }
  }
  return u;
}

const char* kPredictUsage =
    "Usage: mlplay predict --model MODEL.json --data FILE|BUILTIN [--json]\n\n"
    "Predicts every row of the data with a saved model. Columns are matched by name; a file with\n"
    "no header row and exactly the model's number of feature columns is read in the model's\n"
    "feature order. Prints one prediction per line (with class probabilities), or with --json\n"
    "{\"classes\", \"predictions\", \"probabilities\"}.\n";

template <class F>
auto number(const std::string& flag, const std::string& v, F convert) {
  try {
    std::size_t used = 0;
    auto x = convert(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    return x;
  } catch (const std::exception&) {
    throw UsageError(flag + " needs a number, got '" + v + "'.");
  }
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

json headline(const json& metrics) {
  json out = json::object();
  for (const char* k : {"accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss", "r2", "rmse", "mae", "confusion_matrix"})
    if (metrics.contains(k) && !metrics[k].is_null()) out[k] = metrics[k];
  return out;
}

int run_train(const std::vector<std::string>& a) {
  mlcore::eval::TrainRequest req;
  req.stratify = false;
  std::string data, out_path;
  bool as_json = false;
  json given = json::object();
  std::vector<std::pair<std::string, std::string>> raw_params;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& k = a[i];
    if (k == "--data") data = option_value(a, i);
    else if (k == "--target") req.target = option_value(a, i);
    else if (k == "--model") req.family = option_value(a, i);
    else if (k == "--param") {
      std::string kv = option_value(a, i);
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError("--param takes KEY=VALUE, got '" + kv + "'.");
      raw_params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else if (k == "--test-size") req.test_size = number(k, option_value(a, i), [](const std::string& s, std::size_t* u) { return std::stod(s, u); });
    else if (k == "--seed") req.seed = number(k, option_value(a, i), [](const std::string& s, std::size_t* u) { return std::stoull(s, u); });
    else if (k == "--cv") req.cv = number(k, option_value(a, i), [](const std::string& s, std::size_t* u) { return std::stoi(s, u); });
    else if (k == "--stratify") req.stratify = true;
    else if (k == "--split") req.split = option_value(a, i);
    else if (k == "--features") req.features = split_list(option_value(a, i));
    else if (k == "--task") req.task = option_value(a, i);
    else if (k == "--impute") req.impute = option_value(a, i);
    else if (k == "--out") out_path = option_value(a, i);
    else if (k == "--json") as_json = true;
    else throw UsageError("unknown option '" + k + "'.");
  }
  if (data.empty()) throw UsageError("--data names the CSV file or built-in dataset to train on.");
  if (req.target.empty()) throw UsageError("--target names the column to predict.");
  if (req.cv < 0 || req.cv == 1) throw UsageError("--cv is a number of folds of at least 2.");
  const auto& family = mlcore::models::find_family(req.family);
  LoadedInput in = load_input(data);
  // Parameter values are read for the task at hand: some parameters differ per task.
  const auto task = req.task.empty() ? mlcore::models::infer_task(in.csv.table.column(req.target))
                                     : mlcore::models::task_from_string(req.task);
  for (const auto& [key, value] : raw_params) {
    const auto* spec = mlcore::models::find_param(family, key, task);
    given[key] = spec ? mlcore::models::parse_param_value(*spec, value) : json(value);
  }
  req.params = given;
  req.source = in.source;
  auto table = std::make_shared<const mlcore::data::Table>(std::move(in.csv.table));
  mlcore::eval::TrainingJob job(table, req);
  while (!job.step()) {
  }
  const json& r = job.result();
  if (!out_path.empty()) {
    std::ofstream f(out_path, std::ios::binary);
    if (!(f << mlcore::models::save_model(job.model()).dump() << "\n"))
      throw mlcore::Error("io.write_failed", "Cannot write the model file '" + out_path + "'.");
  }
  if (as_json) {
    json out = {{"model", r["family"]}, {"task", r["task"]}, {"params", r["params"]}, {"metrics", headline(r["metrics"])},
                {"rows", r["rows"]}, {"classes", r["classes"]}, {"target", r["target"]}, {"seed", r["seed"]}};
    if (r.contains("cv")) out["cv"] = r["cv"];
    if (!out_path.empty()) out["out"] = out_path;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Trained " << r["display_name"].get<std::string>() << " (" << r["task"].get<std::string>() << ") on "
            << in.source << ": target " << req.target << ", " << r["rows"]["train"] << " training rows, "
            << r["rows"]["test"] << " test rows, seed " << req.seed << "\n\nTest metrics:\n";
  const json shown = headline(r["metrics"]);  // a named value: items() of a temporary would dangle
  for (const auto& [k, v] : shown.items())
    if (k != "confusion_matrix") std::cout << "  " << k << " = " << v.dump() << "\n";
  if (r.contains("cv"))
    std::cout << "\n" << r["cv"]["folds"].size() << "-fold cross-validation " << r["cv"]["metric"].get<std::string>()
              << ": mean " << r["cv"]["mean"] << ", std " << r["cv"]["std"] << "\n";
  if (!out_path.empty()) std::cout << "\nSaved the model file to " << out_path << "\n";
  return kExitOk;
}

int run_predict(const std::vector<std::string>& a) {
  std::string model_path, data;
  bool as_json = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == "--model") model_path = option_value(a, i);
    else if (a[i] == "--data") data = option_value(a, i);
    else if (a[i] == "--json") as_json = true;
    else throw UsageError("unknown option '" + a[i] + "'.");
  }
  if (model_path.empty() || data.empty()) throw UsageError("--model and --data are both required.");
  mlcore::models::ModelBundle model;
  try {
    model = mlcore::models::load_model_text(read_file(model_path));
  } catch (const mlcore::Error& e) {
    throw InputError(model_path, e);
  }
  LoadedInput in = load_input(data);
  auto& t = in.csv.table;
  const auto& features = model.pre.features();
  if (!in.csv.header && t.cols() == features.size())
    for (std::size_t c = 0; c < t.cols(); ++c) t.columns[c].name = features[c].name;
  auto p = mlcore::models::predict_table(model, t);
  const bool classify = model.task == mlcore::models::Task::Classification;
  if (as_json) {
    std::cout << mlcore::models::predictions_to_json(p).dump() << "\n";
    return kExitOk;
  }
  std::cout << "predicted_" << model.target.name();
  for (const auto& c : p.classes) std::cout << ",proba_" << c;
  std::cout << "\n";
  for (Eigen::Index r = 0; r < p.values.size(); ++r) {
    if (classify) {
      std::cout << p.labels[static_cast<std::size_t>(r)];
      for (Eigen::Index c = 0; c < p.proba.cols(); ++c) std::cout << "," << p.proba(r, c);
    } else {
      std::cout << mlcore::data::format_number(p.values[r]);
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_train_sub_commands() {
  sub_commands()["train"] = SubCommand{"Train and evaluate a model; save the model file.", train_usage(), run_train};
  sub_commands()["predict"] = SubCommand{"Predict with a saved model file.", kPredictUsage, run_predict};
}

}  // namespace mlplay

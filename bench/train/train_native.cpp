// bench/train, native half: generates the seeded classification table (make_classification,
// 20 features), writes its first 75% as DIR/train-<k>class.csv and the rest as test-<k>class.csv
// (the rows every peer trains and scores on), then times each family natively two ways:
//   run: a whole TrainingJob on the same rows (time-ordered split, the last rows are the test
//        part), i.e. preprocessing, the fit and scoring the test part: what train.run does in wasm;
//   fit: Estimator::fit alone on the preprocessed training rows, like scikit-learn's fit().
// Prints one JSON line for bench/train/run.mjs.
//   bench_train DIR N_CLASSES ROWS FITS_JSON
// FITS_JSON: [{"family": "decision_tree", "params": {"max_depth": 10}, "reps": 3}, ...]; reps: best of.
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/csv_writer.hpp"
#include "core/data/generators.hpp"
#include "core/eval/training_job.hpp"
#include "core/models/family.hpp"
#include "core/models/preprocess.hpp"
#include "core/models/target.hpp"

namespace {

using nlohmann::json;
using mlcore::data::Table;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Table slice(const Table& t, std::size_t begin, std::size_t end) {
  Table out;
  for (const auto& c : t.columns) {
    mlcore::data::Column s = c;
    s.numbers.assign(c.numbers.begin() + static_cast<std::ptrdiff_t>(begin),
                     c.numbers.begin() + static_cast<std::ptrdiff_t>(end));
    out.columns.push_back(std::move(s));
  }
  return out;
}

std::vector<std::size_t> range(std::size_t begin, std::size_t end) {
  std::vector<std::size_t> r(end - begin);
  std::iota(r.begin(), r.end(), begin);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_train DIR N_CLASSES ROWS FITS_JSON\n";
    return 2;
  }
  const std::string dir = argv[1];
  mlcore::data::ClassificationSpec spec;
  spec.n_classes = std::stoul(argv[2]);
  spec.n_samples = std::stoul(argv[3]);
  spec.n_features = 20;
  spec.n_informative = 6;
  spec.class_sep = 0.5;
  spec.seed = 42;
  const json fits = json::parse(argv[4]);

  const auto table = std::make_shared<const Table>(mlcore::data::make_classification(spec));
  const std::size_t n = table->rows();
  const std::size_t n_train = n * 3 / 4;
  const std::string tag = std::to_string(spec.n_classes) + "class";
  const std::string train_csv = dir + "/train-" + tag + ".csv", test_csv = dir + "/test-" + tag + ".csv";
  std::ofstream(train_csv, std::ios::binary) << mlcore::data::write_csv(slice(*table, 0, n_train));
  std::ofstream(test_csv, std::ios::binary) << mlcore::data::write_csv(slice(*table, n_train, n));

  std::vector<std::string> features;
  for (const auto& c : table->columns)
    if (c.name != "target") features.push_back(c.name);
  const auto train_rows = range(0, n_train), test_rows = range(n_train, n);
  const auto task = mlcore::models::Task::Classification;

  json out = {{"rows", n},        {"train", n_train},         {"test", n - n_train},
              {"classes", spec.n_classes}, {"n_informative", spec.n_informative},
              {"train_csv", train_csv}, {"test_csv", test_csv}, {"fits", json::array()}};
  for (const auto& f : fits) {
    const std::string family_name = f.at("family").get<std::string>();
    const json params = f.value("params", json::object());
    const int reps = f.value("reps", 1);
    double run_best = 1e9, fit_best = 1e9, run_accuracy = 0, fit_accuracy = 0;
    for (int rep = 0; rep < reps; ++rep) {
      // The whole run, as train.run does it in wasm.
      auto t0 = std::chrono::steady_clock::now();
      mlcore::eval::TrainRequest request;
      request.family = family_name;
      request.params = params;
      request.target = "target";
      request.task = "classification";
      request.split = "time";
      request.test_size = static_cast<double>(n - n_train);
      request.seed = 42;
      mlcore::eval::TrainingJob job(table, request);
      while (!job.step()) {
      }
      run_best = std::min(run_best, seconds_since(t0));
      run_accuracy = job.result().at("metrics").at("accuracy").get<double>();

      // The estimator's fit alone, on rows already preprocessed.
      const auto& family = mlcore::models::find_family(family_name);
      mlcore::models::Preprocessor pre;
      mlcore::models::PreprocessOptions po;
      po.scale = family.needs_scaling;
      pre.fit(*table, features, train_rows, po);
      mlcore::models::TargetEncoder target;
      target.fit(table->column("target"), task);
      mlcore::models::TrainingSet data;
      data.X = pre.transform(*table, train_rows);
      data.y = target.encode(table->column("target"), train_rows);
      data.task = task;
      data.n_classes = target.n_classes();
      data.feature_names = pre.output_names();
      auto estimator = family.make(mlcore::models::resolve_params(family, params, task), task);
      auto t1 = std::chrono::steady_clock::now();
      estimator->fit(data, 42);
      fit_best = std::min(fit_best, seconds_since(t1));
      const Eigen::VectorXd pred = estimator->predict(pre.transform(*table, test_rows));
      const Eigen::VectorXd truth = target.encode(table->column("target"), test_rows);
      std::size_t correct = 0;
      for (Eigen::Index i = 0; i < pred.size(); ++i) correct += std::lround(pred[i]) == std::lround(truth[i]);
      fit_accuracy = static_cast<double>(correct) / static_cast<double>(pred.size());
    }
    out["fits"].push_back({{"family", family_name},
                           {"params", params},
                           {"run_seconds", run_best},
                           {"fit_seconds", fit_best},
                           {"accuracy", run_accuracy},
                           {"fit_accuracy", fit_accuracy}});
  }
  std::cout << out.dump() << "\n";
  return 0;
}

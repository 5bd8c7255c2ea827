// One training run, from a table and a request to a fitted model bundle with its metrics:
// split (hold-out, stratified or time-ordered), optional k-fold cross-validation on the training
// part, preprocessing fitted on training rows only, the model's fit, then evaluation on the test
// part. It advances one unit of work per step() (a tree, an iteration, a fold's fit) so the page
// can show progress and cancel between units.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "../models/model_file.hpp"

namespace mlcore::eval {

struct TrainRequest {
  std::string family = "decision_tree";
  nlohmann::json params = nlohmann::json::object();
  std::string target;                 // required
  std::vector<std::string> features;  // empty = every column but the target
  std::string task;                   // "" = inferred from the target column
  double test_size = 0.25;            // share (or count >= 1) of rows held out for the test metrics
  bool stratify = true;               // classification with a random split only
  std::string split = "random";       // "random" or "time" (the last rows are the test part)
  int cv = 0;                         // k-fold cross-validation on the training part; 0 = none
  std::uint64_t seed = 0;
  std::string impute = "mean";        // mean | median | most_frequent
  nlohmann::json dataset;             // {"name", "version", "hash"} of the dataset version, if any
  std::string source;                 // what the page calls the data ("iris.csv", "IRIS:2")
};

// From a command's JSON arguments; api.bad_args names a field of the wrong type.
TrainRequest train_request_from_json(const nlohmann::json& j);

class TrainingJob {
 public:
  // Checks the request at once (unknown family, parameter or column, missing target, a
  // non-numeric target for regression) so mistakes surface before any work.
  TrainingJob(std::shared_ptr<const data::Table> table, TrainRequest request);
  ~TrainingJob();

  bool step();  // one unit of work; true when the run is complete
  bool done() const { return done_; }
  double progress() const;
  std::string message() const;

  // After done(): {"family", "display_name", "task", "target", "features", "params", "seed",
  // "rows": {"train", "test"}, "classes", "metrics", "cv"?, "importances", "importances_kind",
  // "curve", "source", "dataset"}.
  const nlohmann::json& result() const { return result_; }
  // After done(): the test part's predictions, one per test row, in test order.
  struct TestPrediction {
    std::size_t row;  // 0-based row of the table
    double actual, predicted, confidence;
  };
  const std::vector<TestPrediction>& test_predictions() const { return test_predictions_; }
  models::ModelBundle& model() { return bundle_; }
  const std::shared_ptr<const data::Table>& table() const { return table_; }

 private:
  struct Fit;
  void start_fit(const std::vector<std::size_t>& rows);
  void finish_fold();
  void finish_final();

  std::shared_ptr<const data::Table> table_;
  TrainRequest request_;
  models::Task task_ = models::Task::Classification;
  nlohmann::json params_;
  std::vector<std::string> features_;
  models::TargetEncoder target_;
  std::vector<std::size_t> train_rows_, test_rows_;
  std::vector<std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> folds_;
  std::vector<double> fold_scores_;
  std::size_t phase_ = 0;  // folds first, then the final fit
  std::unique_ptr<Fit> fit_;
  models::ModelBundle bundle_;
  std::vector<TestPrediction> test_predictions_;
  nlohmann::json result_;
  bool done_ = false;
};

}  // namespace mlcore::eval

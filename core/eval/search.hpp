// A hyper-parameter search scored by k-fold cross-validation, scikit-learn's GridSearchCV and
// RandomizedSearchCV without the final refit: every candidate of a SearchSpace is fitted and
// scored on the same folds (stratified for classification, shuffled with the seed), so the
// candidates differ only in their parameters. Like TrainingJob it advances one unit of work per
// step() (a tree, an iteration, a block of solver iterations) so the page can show progress and
// cancel between units. To use the best parameters, start a training run with them.
//
// The score is accuracy for classification and R² for regression, as TrainingJob's cv. Each
// fold's preprocessing is fitted on that fold's training rows only and, within a memory budget,
// kept for the next candidate rather than fitted again.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "../models/target.hpp"
#include "search_space.hpp"

namespace mlcore::eval {

struct SearchRequest {
  std::string family = "decision_tree";
  nlohmann::json space = nlohmann::json::object();   // see search_space.hpp
  nlohmann::json params = nlohmann::json::object();  // fixed for every candidate, not searched
  std::string target;                                // required
  std::vector<std::string> features;                 // empty = every column but the target
  std::string task;                                  // "" = inferred from the target column
  int cv = 5;                                        // folds, at least 2
  std::uint64_t seed = 0;                            // the folds, a random space, every fit
  std::string impute = "mean";                       // mean | median | most_frequent
};

// From a command's JSON arguments; api.bad_args names a field of the wrong type or value.
SearchRequest search_request_from_json(const nlohmann::json& j);

class SearchJob {
 public:
  // Checks everything at once (family, task, columns, the space and every candidate's
  // parameters through resolve_params, the folds) so mistakes surface before any fit.
  // Throws search.bad_space, search.param_conflict (a parameter both fixed and searched),
  // model.*, data.unknown_column, eval.bad_split, eval.too_few_in_class.
  SearchJob(std::shared_ptr<const data::Table> table, SearchRequest request);
  ~SearchJob();

  bool step();  // one unit of work; true when every candidate is scored
  bool done() const { return done_; }
  double progress() const;
  std::string message() const;  // "candidate 3 of 12, fold 2 of 5: tree 40 of 100"
  std::size_t candidate_count() const { return candidates_.size(); }

  // After done(): {"family", "task", "target", "features", "mode": "grid"|"random", "seed",
  // "metric": "accuracy"|"r2", "cv": k, "fixed": the fixed parameters given,
  // "candidates": [{"params", "scores": [one per fold], "mean", "std", "rank"}] in candidate
  // order, "best": {"params", "mean", "std"}, "warnings": [{"code", "message"}]}. "params" holds
  // the searched parameters only, as resolve_params writes them (5.0 -> 5); "std" is the
  // population std over folds (scikit-learn's std_test_score); ranks are 1..n by mean, highest
  // first, ties to the lower index.
  const nlohmann::json& result() const { return result_; }

 private:
  struct FoldData;
  struct Fit;
  const FoldData& fold_data(std::size_t fold);
  void finish_fit();
  void finish_search();

  std::shared_ptr<const data::Table> table_;
  SearchRequest request_;
  SearchSpace space_;
  models::Task task_ = models::Task::Classification;
  std::vector<std::string> features_;
  models::TargetEncoder target_;
  std::vector<std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> folds_;
  std::vector<nlohmann::json> candidates_;  // searched parameters, canonical
  std::vector<nlohmann::json> resolved_;    // every parameter of each candidate, for make()
  std::vector<std::vector<double>> scores_;
  std::vector<std::unique_ptr<FoldData>> cache_;
  std::unique_ptr<FoldData> scratch_;  // the current fold when the cache is full
  std::size_t cached_values_ = 0;
  std::size_t candidate_ = 0, fold_ = 0;
  std::unique_ptr<Fit> fit_;
  nlohmann::json warnings_ = nlohmann::json::array();
  nlohmann::json result_;
  bool done_ = false;
};

}  // namespace mlcore::eval

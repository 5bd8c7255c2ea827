// See training_job.hpp. The order of the phases: k cross-validation folds (each: preprocess on
// the fold's training rows, fit, score on its validation rows), then the final fit on the whole
// training part, evaluated on the held-out test part.
#include "training_job.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../error.hpp"
#include "../json_fields.hpp"
#include "../models/family.hpp"
#include "metrics_classification.hpp"
#include "metrics_regression.hpp"
#include "permutation_importance.hpp"
#include "splits.hpp"

namespace mlcore::eval {

using nlohmann::json;

struct TrainingJob::Fit {
  models::Preprocessor pre;
  models::TrainingSet data;
  std::unique_ptr<models::Estimator> estimator;
  std::vector<std::size_t> rows;
};

namespace {

std::vector<int> class_indices(const Eigen::VectorXd& v) {
  std::vector<int> out(static_cast<std::size_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<int>(std::lround(v[i]));
  return out;
}

std::vector<std::size_t> map_rows(const std::vector<std::size_t>& base, const std::vector<std::size_t>& idx) {
  std::vector<std::size_t> out(idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i) out[i] = base[idx[i]];
  return out;
}

}  // namespace

TrainRequest train_request_from_json(const json& j) {
  TrainRequest r;
  if (!j.is_object()) throw Error("api.bad_args", "The training request must be a JSON object.");
  r.family = optional_field<std::string>(j, "family", r.family);
  if (j.contains("params") && !j["params"].is_null()) r.params = j["params"];
  r.target = optional_field<std::string>(j, "target", "");
  r.features = optional_field<std::vector<std::string>>(j, "features", {});
  r.task = optional_field<std::string>(j, "task", "");
  r.test_size = optional_field<double>(j, "test_size", r.test_size);
  r.stratify = optional_field<bool>(j, "stratify", r.stratify);
  r.split = optional_field<std::string>(j, "split", r.split);
  r.cv = optional_field<int>(j, "cv", 0);
  r.seed = optional_field<std::uint64_t>(j, "seed", 0);
  r.impute = optional_field<std::string>(j, "impute", r.impute);
  if (j.contains("dataset")) r.dataset = j["dataset"];
  r.source = optional_field<std::string>(j, "source", "");
  if (r.target.empty()) throw Error("api.bad_args", "Name the target column: the 'target' argument is required.");
  if (r.split != "random" && r.split != "time")
    throw Error("api.bad_args", "'split' is \"random\" or \"time\", got '" + r.split + "'.");
  if (r.cv < 0 || r.cv == 1) throw Error("api.bad_args", "'cv' is 0 (none) or a number of folds of at least 2.");
  return r;
}

TrainingJob::TrainingJob(std::shared_ptr<const data::Table> table, TrainRequest request)
    : table_(std::move(table)), request_(std::move(request)) {
  const auto& family = models::find_family(request_.family);
  const data::Column& target = table_->column(request_.target);
  task_ = request_.task.empty() ? models::infer_task(target) : models::task_from_string(request_.task);
  params_ = models::resolve_params(family, request_.params, task_);
  features_ = models::feature_columns(*table_, request_.features, request_.target);
  const std::size_t n = table_->rows();
  target_.fit(target, task_);  // the classes of every row, so a rare class in the test part is known
  const Eigen::VectorXd y = target_.encode(target);
  const bool classify = task_ == models::Task::Classification;
  const std::vector<int> labels = classify ? class_indices(y) : std::vector<int>{};

  if (request_.split == "time") {
    const double t = request_.test_size;
    const auto n_test = static_cast<std::size_t>(t >= 1 ? t : std::ceil(t * static_cast<double>(n)));
    if (t <= 0 || n_test == 0 || n_test >= n)
      throw Error("eval.bad_split", "test_size must leave rows on both sides of a time-ordered split.");
    train_rows_.resize(n - n_test);
    std::iota(train_rows_.begin(), train_rows_.end(), 0);
    test_rows_.resize(n_test);
    std::iota(test_rows_.begin(), test_rows_.end(), n - n_test);
  } else {
    Split s = classify && request_.stratify ? train_test_split(n, request_.test_size, request_.seed, labels)
                                            : train_test_split(n, request_.test_size, request_.seed);
    train_rows_ = std::move(s.train);
    test_rows_ = std::move(s.test);
  }
  if (request_.cv >= 2) {
    std::vector<Split> folds;
    if (request_.split == "time") {
      folds = time_series_split(train_rows_.size(), request_.cv);
    } else if (classify) {
      std::vector<int> train_labels(train_rows_.size());
      for (std::size_t i = 0; i < train_rows_.size(); ++i) train_labels[i] = labels[train_rows_[i]];
      folds = stratified_kfold(train_labels, request_.cv, true, request_.seed);
    } else {
      folds = kfold(train_rows_.size(), request_.cv, true, request_.seed);
    }
    for (const auto& f : folds) folds_.emplace_back(map_rows(train_rows_, f.train), map_rows(train_rows_, f.test));
  }
}

TrainingJob::~TrainingJob() = default;

void TrainingJob::start_fit(const std::vector<std::size_t>& rows) {
  const auto& family = models::find_family(request_.family);
  fit_ = std::make_unique<Fit>();
  fit_->rows = rows;
  models::PreprocessOptions po;
  po.impute = request_.impute;
  po.scale = family.needs_scaling;
  fit_->pre.fit(*table_, features_, rows, po);
  fit_->data.X = fit_->pre.transform(*table_, rows);
  fit_->data.y = target_.encode(table_->column(request_.target), rows);
  fit_->data.task = task_;
  fit_->data.n_classes = task_ == models::Task::Classification ? target_.n_classes() : 0;
  fit_->data.feature_names = fit_->pre.output_names();
  fit_->estimator = family.make(params_, task_);
  fit_->estimator->begin_fit(fit_->data, request_.seed);
}

bool TrainingJob::step() {
  if (done_) return true;
  if (!fit_) start_fit(phase_ < folds_.size() ? folds_[phase_].first : train_rows_);
  if (!fit_->estimator->fit_step()) return false;
  if (phase_ < folds_.size()) finish_fold();
  else finish_final();
  return done_;
}

double TrainingJob::progress() const {
  if (done_) return 1.0;
  const double within = fit_ ? fit_->estimator->fit_progress() : 0.0;
  return (static_cast<double>(phase_) + within) / static_cast<double>(folds_.size() + 1);
}

std::string TrainingJob::message() const {
  if (done_) return "done";
  std::string what = phase_ < folds_.size()
                         ? "fold " + std::to_string(phase_ + 1) + " of " + std::to_string(folds_.size())
                         : "final fit on " + std::to_string(train_rows_.size()) + " rows";
  std::string inner = fit_ ? fit_->estimator->progress_message() : "";
  return inner.empty() ? what : what + ": " + inner;
}

void TrainingJob::finish_fold() {
  const auto& val = folds_[phase_].second;
  const Eigen::VectorXd pred = fit_->estimator->predict(fit_->pre.transform(*table_, val));
  const Eigen::VectorXd truth = target_.encode(table_->column(request_.target), val);
  fold_scores_.push_back(task_ == models::Task::Classification
                             ? accuracy_score(class_indices(truth), class_indices(pred))
                             : r2_score(truth, pred));
  fit_.reset();
  ++phase_;
}

void TrainingJob::finish_final() {
  const auto& family = models::find_family(request_.family);
  const bool classify = task_ == models::Task::Classification;
  const Eigen::MatrixXd X_test = fit_->pre.transform(*table_, test_rows_);
  const Eigen::VectorXd truth = target_.encode(table_->column(request_.target), test_rows_);
  const Eigen::VectorXd pred = fit_->estimator->predict(X_test);
  json metrics;
  Eigen::MatrixXd proba;
  if (classify) {
    proba = fit_->estimator->predict_proba(X_test);
    metrics = classification_report(class_indices(truth), class_indices(pred), target_.classes(), proba);
  } else {
    metrics = regression_report(truth, pred);
  }
  for (std::size_t i = 0; i < test_rows_.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    test_predictions_.push_back({test_rows_[i], truth[r], pred[r], classify ? proba.row(r).maxCoeff() : std::nan("")});
  }

  json importances = json::array();
  std::string kind = "impurity-based";
  std::vector<double> imp = fit_->estimator->feature_importances();
  std::vector<std::string> names = fit_->data.feature_names;
  if (imp.empty()) {
    // Families without impurity importances get permutation importance on the test part.
    auto perm = permutation_importance(*fit_->estimator, fit_->pre, *table_, test_rows_, truth, task_, request_.seed);
    imp = perm.mean;
    names = perm.features;
    kind = "permutation, on the test part";
  }
  for (std::size_t i = 0; i < imp.size() && i < names.size(); ++i) importances.push_back({{"name", names[i]}, {"value", imp[i]}});

  json summary = json::object();  // the headline metrics, kept in the model file
  for (const char* k : {"accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss", "r2", "rmse", "mae"})
    if (metrics.contains(k)) summary[k] = metrics[k];

  result_ = {{"family", request_.family}, {"display_name", family.display_name}, {"task", models::to_string(task_)},
             {"target", request_.target}, {"features", features_}, {"params", params_}, {"seed", request_.seed},
             {"rows", {{"train", train_rows_.size()}, {"test", test_rows_.size()}}},
             {"classes", target_.classes()}, {"metrics", metrics}, {"importances", importances},
             {"importances_kind", kind}, {"curve", fit_->estimator->training_curve()},
             {"source", request_.source}, {"dataset", request_.dataset}, {"split", request_.split},
             {"test_size", request_.test_size}};
  if (!fold_scores_.empty()) {
    double mean = std::accumulate(fold_scores_.begin(), fold_scores_.end(), 0.0) / static_cast<double>(fold_scores_.size());
    double ss = 0;
    for (double s : fold_scores_) ss += (s - mean) * (s - mean);
    result_["cv"] = {{"metric", classify ? "accuracy" : "r2"}, {"folds", fold_scores_}, {"mean", mean},
                     {"std", std::sqrt(ss / static_cast<double>(fold_scores_.size()))}};
    summary["cv_mean"] = mean;
  }

  bundle_.family = request_.family;
  bundle_.task = task_;
  bundle_.params = params_;
  bundle_.pre = fit_->pre;
  bundle_.target = target_;
  bundle_.estimator = std::move(fit_->estimator);
  bundle_.dataset = request_.dataset;
  bundle_.metrics = summary;
  fit_.reset();
  done_ = true;
}

}  // namespace mlcore::eval

// See search.hpp. The loop runs candidates outside and folds inside (scikit-learn's order), so
// each candidate's mean is final as soon as its last fold is scored and the page can show a
// growing ranking. Fold data is built once per fold and reused while it fits the budget: the
// preprocessing is the same for every candidate, since only the model's parameters change.
#include "search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "../error.hpp"
#include "../json_fields.hpp"
#include "../models/preprocess.hpp"
#include "metrics_classification.hpp"
#include "metrics_regression.hpp"
#include "splits.hpp"

namespace mlcore::eval {

using nlohmann::json;

namespace {

// Doubles of fold matrices kept between candidates (32 MB): beyond it, a fold is rebuilt for
// each fit instead, so a large table costs time rather than the page's memory.
constexpr std::size_t kCacheBudget = std::size_t{4} << 20;

std::vector<int> class_indices(const Eigen::VectorXd& v) {
  std::vector<int> out(static_cast<std::size_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<int>(std::lround(v[i]));
  return out;
}

}  // namespace

struct SearchJob::FoldData {
  models::TrainingSet train;  // what the estimator learns from; outlives its fit
  Eigen::MatrixXd X_val;
  Eigen::VectorXd y_val;
};

struct SearchJob::Fit {
  std::unique_ptr<models::Estimator> estimator;
  const FoldData* data = nullptr;
};

SearchRequest search_request_from_json(const json& j) {
  SearchRequest r;
  if (!j.is_object()) throw Error("api.bad_args", "The search request must be a JSON object.");
  r.family = optional_field<std::string>(j, "family", r.family);
  if (j.contains("space") && !j["space"].is_null()) r.space = j["space"];
  if (j.contains("params") && !j["params"].is_null()) r.params = j["params"];
  r.target = optional_field<std::string>(j, "target", "");
  r.features = optional_field<std::vector<std::string>>(j, "features", {});
  r.task = optional_field<std::string>(j, "task", "");
  r.cv = optional_field<int>(j, "cv", r.cv);
  r.seed = optional_field<std::uint64_t>(j, "seed", 0);
  r.impute = optional_field<std::string>(j, "impute", r.impute);
  if (r.target.empty()) throw Error("api.bad_args", "Name the target column: the 'target' argument is required.");
  if (r.cv < 2) throw Error("api.bad_args", "'cv' is the number of cross-validation folds, at least 2.");
  return r;
}

SearchJob::SearchJob(std::shared_ptr<const data::Table> table, SearchRequest request)
    : table_(std::move(table)), request_(std::move(request)) {
  const auto& family = models::find_family(request_.family);
  const data::Column& target = table_->column(request_.target);
  task_ = request_.task.empty() ? models::infer_task(target) : models::task_from_string(request_.task);
  models::resolve_params(family, request_.params, task_);  // the task and the fixed parameters
  space_ = search_space_from_json(request_.space);
  check_space(space_, family, task_);
  for (const auto& p : space_.params)
    if (request_.params.is_object() && request_.params.contains(p.name))
      throw Error("search.param_conflict", "'" + p.name + "' is both fixed and searched; keep it in one place.");
  features_ = models::feature_columns(*table_, request_.features, request_.target);

  const std::size_t n = table_->rows();
  const auto k = static_cast<std::size_t>(request_.cv);
  if (request_.cv < 2) throw Error("eval.bad_split", "cv is the number of folds, at least 2.");
  target_.fit(target, task_);  // every row's classes, so a class missing from a fold is known
  const Eigen::VectorXd y = target_.encode(target);
  std::vector<Split> folds;
  if (task_ == models::Task::Classification) {
    std::vector<Warning> warnings;
    folds = stratified_kfold(class_indices(y), request_.cv, true, request_.seed, &warnings);
    for (const auto& w : warnings) warnings_.push_back({{"code", w.code}, {"message", w.message}});
  } else {
    // R² of a single row is undefined (NaN), so every validation fold needs two.
    if (n < 2 * k)
      throw Error("eval.bad_split", "cv = " + std::to_string(k) + " needs at least " + std::to_string(2 * k) +
                                        " rows for R² on every fold; the table has " + std::to_string(n) + ". Use fewer folds.");
    folds = kfold(n, request_.cv, true, request_.seed);
  }
  for (auto& f : folds) folds_.emplace_back(std::move(f.train), std::move(f.test));

  for (const json& c : search_candidates(space_, request_.seed)) {
    json resolved = resolve_candidate(family, request_.params, c, task_);
    json shown = json::object();
    for (const auto& [key, value] : c.items()) shown[key] = resolved[key];
    candidates_.push_back(std::move(shown));
    resolved_.push_back(std::move(resolved));
  }
  scores_.resize(candidates_.size());
  cache_.resize(folds_.size());
}

SearchJob::~SearchJob() = default;

const SearchJob::FoldData& SearchJob::fold_data(std::size_t fold) {
  if (cache_[fold]) return *cache_[fold];
  const auto& [train_rows, val_rows] = folds_[fold];
  const data::Column& target = table_->column(request_.target);
  models::Preprocessor pre;
  models::PreprocessOptions po;
  po.impute = request_.impute;
  po.scale = models::find_family(request_.family).needs_scaling;
  pre.fit(*table_, features_, train_rows, po);
  auto d = std::make_unique<FoldData>();
  d->train.X = pre.transform(*table_, train_rows);
  d->train.y = target_.encode(target, train_rows);
  d->train.task = task_;
  d->train.n_classes = task_ == models::Task::Classification ? target_.n_classes() : 0;
  d->train.feature_names = pre.output_names();
  d->X_val = pre.transform(*table_, val_rows);
  d->y_val = target_.encode(target, val_rows);
  const auto size = static_cast<std::size_t>(d->train.X.size() + d->X_val.size());
  if (cached_values_ + size <= kCacheBudget) {
    cached_values_ += size;
    cache_[fold] = std::move(d);
    return *cache_[fold];
  }
  scratch_ = std::move(d);  // no fit holds the previous scratch: fold_data runs between fits
  return *scratch_;
}

bool SearchJob::step() {
  if (done_) return true;
  if (!fit_) {
    const FoldData& d = fold_data(fold_);
    fit_ = std::make_unique<Fit>();
    fit_->data = &d;
    fit_->estimator = models::find_family(request_.family).make(resolved_[candidate_], task_);
    fit_->estimator->begin_fit(d.train, request_.seed);
  }
  if (!fit_->estimator->fit_step()) return false;
  finish_fit();
  return done_;
}

double SearchJob::progress() const {
  if (done_) return 1.0;
  const double within = fit_ ? fit_->estimator->fit_progress() : 0.0;
  const double fits = static_cast<double>(candidates_.size() * folds_.size());
  return (static_cast<double>(candidate_ * folds_.size() + fold_) + within) / fits;
}

std::string SearchJob::message() const {
  if (done_) return "done";
  std::string what = "candidate " + std::to_string(candidate_ + 1) + " of " + std::to_string(candidates_.size()) +
                     ", fold " + std::to_string(fold_ + 1) + " of " + std::to_string(folds_.size());
  std::string inner = fit_ ? fit_->estimator->progress_message() : "";
  return inner.empty() ? what : what + ": " + inner;
}

void SearchJob::finish_fit() {
  const FoldData& d = *fit_->data;
  const Eigen::VectorXd pred = fit_->estimator->predict(d.X_val);
  scores_[candidate_].push_back(task_ == models::Task::Classification
                                    ? accuracy_score(class_indices(d.y_val), class_indices(pred))
                                    : r2_score(d.y_val, pred));
  fit_.reset();
  if (++fold_ < folds_.size()) return;
  fold_ = 0;
  if (++candidate_ == candidates_.size()) finish_search();
}

void SearchJob::finish_search() {
  const std::size_t n = candidates_.size();
  std::vector<double> means(n), stds(n);
  for (std::size_t c = 0; c < n; ++c) {
    const auto& s = scores_[c];
    means[c] = std::accumulate(s.begin(), s.end(), 0.0) / static_cast<double>(s.size());
    double ss = 0;
    for (double v : s) ss += (v - means[c]) * (v - means[c]);
    stds[c] = std::sqrt(ss / static_cast<double>(s.size()));
  }
  // A NaN mean cannot be compared, so it ranks last rather than breaking the sort's order.
  auto key = [&](std::size_t c) { return std::isnan(means[c]) ? -std::numeric_limits<double>::infinity() : means[c]; };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  std::vector<std::size_t> rank(n);
  for (std::size_t r = 0; r < n; ++r) rank[order[r]] = r + 1;

  json candidates = json::array();
  for (std::size_t c = 0; c < n; ++c)
    candidates.push_back({{"params", candidates_[c]}, {"scores", scores_[c]}, {"mean", means[c]},
                          {"std", stds[c]}, {"rank", rank[c]}});
  const std::size_t best = order.front();
  result_ = {{"family", request_.family},
             {"task", models::to_string(task_)},
             {"target", request_.target},
             {"features", features_},
             {"mode", to_string(space_.mode)},
             {"seed", request_.seed},
             {"metric", task_ == models::Task::Classification ? "accuracy" : "r2"},
             {"cv", folds_.size()},
             {"fixed", request_.params.is_object() ? request_.params : json::object()},
             {"candidates", candidates},
             {"best", {{"params", candidates_[best]}, {"mean", means[best]}, {"std", stds[best]}}},
             {"warnings", warnings_}};
  cache_.clear();
  scratch_.reset();
  done_ = true;
}

}  // namespace mlcore::eval

// The gradient boosting loop; see boosting.hpp. Binning, histograms, split search and tree growth
// are the shared pieces (binning.hpp .. tree_grower.hpp); this file only holds the ensemble loop.
#include "boosting.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../error.hpp"
#include "fit_checks.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

const char* const kName = "Gradient boosting";

[[noreturn]] void bad_param(const std::string& name, const nlohmann::json& v, const std::string& range) {
  throw Error("model.bad_param", "Parameter " + name + " = " + v.dump() + " is not allowed: " + name +
                                     " must be " + range + ".");
}

// A number from the parameters, checked against [lo, hi] (lo excluded when `open`); null gives
// `null_value` where the schema allows null.
double number(const nlohmann::json& p, const char* name, double fallback, double lo, double hi,
              bool open = false, bool integer = false, double null_value = NAN) {
  if (!p.contains(name)) return fallback;
  const auto& v = p.at(name);
  if (v.is_null() && !std::isnan(null_value)) return null_value;
  const std::string range = std::string(integer ? "an integer" : "a number") + (open ? " > " : " >= ") +
                            std::to_string(lo) + (std::isfinite(hi) ? " and <= " + std::to_string(hi) : "");
  if (!v.is_number()) bad_param(name, v, range);
  const double x = v.get<double>();
  if (!(open ? x > lo : x >= lo) || !(x <= hi) || (integer && std::floor(x) != x)) bad_param(name, v, range);
  return x;
}

// Rows held out for validation: ceil(fraction * n) of them, as scikit-learn's train_test_split;
// classification keeps each class's share (largest remainders get the leftover rows).
void holdout(const TrainingSet& data, double fraction, data::Rng& rng, std::vector<std::uint32_t>& train,
             std::vector<std::uint32_t>& validation) {
  const auto n = static_cast<std::size_t>(data.X.rows());
  const auto n_val = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(fraction * n)), 1, n - 1);
  const int groups = data.task == Task::Classification ? std::max(data.n_classes, 1) : 1;
  std::vector<std::vector<std::uint32_t>> members(static_cast<std::size_t>(groups));
  for (std::size_t i = 0; i < n; ++i)
    members[groups == 1 ? 0 : static_cast<std::size_t>(data.y[static_cast<Eigen::Index>(i)])].push_back(
        static_cast<std::uint32_t>(i));
  std::vector<std::size_t> take(members.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  std::size_t given = 0;
  for (std::size_t g = 0; g < members.size(); ++g) {
    const double exact = static_cast<double>(n_val) * static_cast<double>(members[g].size()) / static_cast<double>(n);
    take[g] = static_cast<std::size_t>(exact);
    given += take[g];
    remainders.emplace_back(-(exact - static_cast<double>(take[g])), g);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t i = 0; given < n_val && i < remainders.size(); ++i) {
    const std::size_t g = remainders[i].second;
    if (take[g] < members[g].size()) ++take[g], ++given;
  }
  train.clear();
  validation.clear();
  for (std::size_t g = 0; g < members.size(); ++g) {
    rng.shuffle(members[g]);
    validation.insert(validation.end(), members[g].begin(), members[g].begin() + static_cast<std::ptrdiff_t>(take[g]));
    train.insert(train.end(), members[g].begin() + static_cast<std::ptrdiff_t>(take[g]), members[g].end());
  }
  std::sort(train.begin(), train.end());
  std::sort(validation.begin(), validation.end());
}

}  // namespace

BoostingParams boosting_params_from_json(const nlohmann::json& p) {
  BoostingParams b;
  const double inf = HUGE_VAL;
  b.learning_rate = number(p, "learning_rate", b.learning_rate, 0, inf, true);
  b.max_iter = static_cast<int>(number(p, "max_iter", b.max_iter, 1, 10000, false, true));
  b.max_leaf_nodes = static_cast<int>(number(p, "max_leaf_nodes", b.max_leaf_nodes, 2, 1e9, false, true, 0));
  b.max_depth = static_cast<int>(number(p, "max_depth", b.max_depth, 1, 1e9, false, true, -1));
  b.min_samples_leaf = static_cast<int>(number(p, "min_samples_leaf", b.min_samples_leaf, 1, 1e9, false, true));
  b.l2_regularization = number(p, "l2_regularization", b.l2_regularization, 0, inf);
  b.max_bins = static_cast<int>(number(p, "max_bins", b.max_bins, 2, kMaxBins, false, true));
  if (p.contains("early_stopping")) {
    const auto& v = p.at("early_stopping");
    if (v.is_boolean()) b.early_stopping = v.get<bool>() ? "true" : "false";
    else if (v.is_string() && (v == "auto" || v == "true" || v == "false")) b.early_stopping = v.get<std::string>();
    else bad_param("early_stopping", v, "auto, true or false");
  }
  b.validation_fraction = number(p, "validation_fraction", b.validation_fraction, 0, 1, true);
  if (b.validation_fraction >= 1) bad_param("validation_fraction", b.validation_fraction, "below 1");
  b.n_iter_no_change = static_cast<int>(number(p, "n_iter_no_change", b.n_iter_no_change, 1, 1e9, false, true));
  b.tol = number(p, "tol", b.tol, 0, inf);
  return b;
}

nlohmann::json boosting_params_to_json(const BoostingParams& b) {
  auto nullable = [](int v, int none) { return v == none ? nlohmann::json(nullptr) : nlohmann::json(v); };
  return {{"learning_rate", b.learning_rate},       {"max_iter", b.max_iter},
          {"max_leaf_nodes", nullable(b.max_leaf_nodes, 0)}, {"max_depth", nullable(b.max_depth, -1)},
          {"min_samples_leaf", b.min_samples_leaf}, {"l2_regularization", b.l2_regularization},
          {"max_bins", b.max_bins},                 {"early_stopping", b.early_stopping},
          {"validation_fraction", b.validation_fraction}, {"n_iter_no_change", b.n_iter_no_change},
          {"tol", b.tol}};
}

GradientBoosting::GradientBoosting(Task task, BoostingParams params) : task_(task), params_(std::move(params)) {}

void GradientBoosting::begin_fit(const TrainingSet& data, std::uint64_t seed) {
  check_task(task_, data.task, "gradient boosting model");
  check_training_set(data, kName);
  if (task_ == Task::Classification && data.n_classes < 2)
    throw Error("model.one_class", "Gradient boosting needs at least two classes in the target; this "
                                   "target has only one. Choose another target.");
  data_ = &data;
  n_classes_ = task_ == Task::Classification ? data.n_classes : 0;
  n_features_ = static_cast<int>(data.X.cols());
  loss_.kind = task_ == Task::Regression ? LossKind::SquaredError
               : n_classes_ == 2         ? LossKind::BinaryLogLoss
                                         : LossKind::MultinomialLogLoss;
  loss_.n_outputs = loss_.kind == LossKind::MultinomialLogLoss ? n_classes_ : 1;
  trees_.clear();
  train_loss_.clear();
  validation_loss_.clear();
  validation_scores_.clear();
  stopped_early_ = false;

  const auto n = static_cast<std::size_t>(data.X.rows());
  early_stopping_ = n >= 2 && (params_.early_stopping == "true" ||
                               (params_.early_stopping == "auto" && n > 10000));
  data::Rng rng(seed);
  if (early_stopping_) holdout(data, params_.validation_fraction, rng, train_rows_, validation_rows_);
  else train_rows_ = all_rows(n), validation_rows_.clear();
  binned_ = mapper_.fit_transform(data.X, train_rows_, params_.max_bins, rng);
  auto targets_of = [&](const std::vector<std::uint32_t>& rows) {
    std::vector<double> y(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) y[i] = data.y[static_cast<Eigen::Index>(rows[i])];
    return y;
  };
  y_train_ = targets_of(train_rows_);
  y_validation_ = targets_of(validation_rows_);
  baseline_ = loss_.baseline(y_train_.data(), y_train_.size());
  raw_train_.assign(y_train_.size() * baseline_.size(), 0.0);
  raw_validation_.assign(y_validation_.size() * baseline_.size(), 0.0);
  for (std::size_t k = 0; k < baseline_.size(); ++k) {
    std::fill_n(raw_train_.begin() + static_cast<std::ptrdiff_t>(k * y_train_.size()), y_train_.size(), baseline_[k]);
    std::fill_n(raw_validation_.begin() + static_cast<std::ptrdiff_t>(k * y_validation_.size()),
                y_validation_.size(), baseline_[k]);
  }
  // Gradients for the first iteration; each later iteration's come with the previous one's loss.
  loss_.gradients(y_train_.data(), raw_train_, y_train_.size(), gradients_, hessians_);
  if (early_stopping_)
    validation_scores_.push_back(-loss_.mean(y_validation_.data(), raw_validation_, y_validation_.size()));

  GrowerConfig config;
  config.rules.criterion = Criterion::Gradient;
  config.rules.min_samples_leaf = params_.min_samples_leaf;
  config.rules.l2_regularization = params_.l2_regularization;
  config.max_depth = params_.max_depth;
  config.max_leaf_nodes = params_.max_leaf_nodes;
  config.shuffle_features = false;  // no randomness after the split: the lowest feature wins ties
  grower_ = std::make_unique<TreeGrower>(binned_, mapper_, config);
}

bool GradientBoosting::fit_step() {
  if (!data_) return true;
  const std::size_t n = y_train_.size(), n_val = y_validation_.size();
  data::Rng unused(0);  // the grower draws nothing with shuffle_features off
  std::vector<FlatTree> iteration;
  for (std::size_t k = 0; k < baseline_.size(); ++k) {
    rows_.resize(n);
    std::iota(rows_.begin(), rows_.end(), 0u);  // the grower reorders them: reset per tree
    RowTargets targets;
    targets.gradients = gradients_.data() + k * n;
    targets.hessians = hessians_.empty() ? nullptr : hessians_.data() + k * n;
    FlatTree tree = grower_->grow(rows_, targets, unused);
    tree.scale_values(params_.learning_rate);
    // The grower left each leaf's training rows contiguous: add its value to them directly.
    double* raw = raw_train_.data() + k * n;
    for (int id = 0; id < static_cast<int>(tree.size()); ++id) {
      if (tree.node(id).feature >= 0) continue;
      const auto [begin, end] = grower_->node_rows(id);
      const double v = tree.value(id)[0];
      for (std::uint32_t i = begin; i < end; ++i) raw[rows_[i]] += v;
    }
    double* raw_val = raw_validation_.data() + k * n_val;
    for (std::size_t i = 0; i < n_val; ++i)
      raw_val[i] += tree.value(tree.leaf(data_->X, static_cast<Eigen::Index>(validation_rows_[i])))[0];
    iteration.push_back(std::move(tree));
  }
  trees_.push_back(std::move(iteration));
  train_loss_.push_back(loss_.gradients(y_train_.data(), raw_train_, n, gradients_, hessians_));
  if (early_stopping_) {
    validation_loss_.push_back(loss_.mean(y_validation_.data(), raw_validation_, n_val));
    validation_scores_.push_back(-validation_loss_.back());
    stopped_early_ = should_stop();
  }
  if (stopped_early_ || static_cast<int>(trees_.size()) >= params_.max_iter) {
    finish();
    return true;
  }
  return false;
}

bool GradientBoosting::should_stop() const {
  // scikit-learn's rule: stop unless one of the last n_iter_no_change scores beats the score
  // n_iter_no_change + 1 iterations back by more than tol.
  const auto window = static_cast<std::size_t>(params_.n_iter_no_change);
  const auto& s = validation_scores_;
  if (s.size() < window + 1) return false;
  const double reference = s[s.size() - window - 1] + params_.tol;
  for (std::size_t i = s.size() - window; i < s.size(); ++i)
    if (s[i] > reference) return false;
  return true;
}

void GradientBoosting::finish() {
  data_ = nullptr;
  grower_.reset();
  binned_ = BinnedData{};
  for (auto* v : {&y_train_, &y_validation_, &raw_train_, &raw_validation_, &gradients_, &hessians_})
    std::vector<double>().swap(*v);
  for (auto* v : {&train_rows_, &validation_rows_, &rows_}) std::vector<std::uint32_t>().swap(*v);
}

double GradientBoosting::fit_progress() const {
  if (!data_) return trees_.empty() ? 0.0 : 1.0;
  return static_cast<double>(trees_.size()) / params_.max_iter;
}

std::string GradientBoosting::progress_message() const {
  const std::string it = std::to_string(trees_.size());
  if (stopped_early_)
    return "stopped early after iteration " + it + ": the validation loss did not improve by more than tol in " +
           std::to_string(params_.n_iter_no_change) + " iterations";
  return "iteration " + it + " of " + std::to_string(params_.max_iter);
}

}  // namespace mlcore::models

// The shared tree learner; see tree_grower.hpp.
#include "tree_grower.hpp"

#include <algorithm>
#include <cfloat>
#include <numeric>

namespace mlcore::models {
namespace {

// Best-first order: the largest gain on top, and among equal gains the older node, so the order
// never depends on how the heap happens to arrange ties.
bool heap_less(const SplitCandidate& ga, int a, const SplitCandidate& gb, int b) {
  if (ga.gain != gb.gain) return ga.gain < gb.gain;
  return a > b;
}

}  // namespace

TreeGrower::TreeGrower(const BinnedData& binned, const BinMapper& mapper, const GrowerConfig& config)
    : binned_(binned),
      mapper_(mapper),
      config_(config),
      kind_(histogram_kind(config.rules.criterion)),
      channels_(histogram_channels(config.rules.criterion, config.rules.n_classes)),
      layout_(mapper, channels_),
      finder_(config.rules),
      tree_(kind_ == HistogramKind::ClassCounts ? config.rules.n_classes : 1) {
  feature_order_.resize(binned.features);
  std::iota(feature_order_.begin(), feature_order_.end(), 0);
  value_.resize(static_cast<std::size_t>(tree_.n_values()));
  left_totals_.resize(static_cast<std::size_t>(channels_));
  right_totals_.resize(static_cast<std::size_t>(channels_));
}

FlatTree TreeGrower::grow(std::vector<std::uint32_t>& rows, const RowTargets& targets, data::Rng& rng) {
  tree_ = FlatTree(tree_.n_values());
  rows_ = &rows;
  targets_ = targets;
  rng_ = &rng;
  ranges_.clear();
  totals_.clear();
  frontier_.clear();
  n_leaves_ = 1;
  pool_.reset(layout_.size());
  scratch_.resize(rows.size());
  // From the identity every tree, so a forest's tree depends on its own seed only.
  std::iota(feature_order_.begin(), feature_order_.end(), 0);

  const int hist = pool_.acquire();
  builder_.build(binned_, layout_, kind_, targets, rows.data(), rows.size(), pool_.data(hist));
  row_totals(left_totals_.data());
  const int root = make_node(left_totals_.data(), 0, static_cast<std::uint32_t>(rows.size()));
  open(root, 0, hist);
  while (!frontier_.empty()) {
    if (config_.max_leaf_nodes > 0 && n_leaves_ >= config_.max_leaf_nodes) {
      for (const Open& o : frontier_) pool_.release(o.hist);  // out of leaves: they stay leaves
      frontier_.clear();
      break;
    }
    if (config_.max_leaf_nodes > 0) {
      std::pop_heap(frontier_.begin(), frontier_.end(), [](const Open& a, const Open& b) {
        return heap_less(a.split, a.node, b.split, b.node);
      });
    }
    const Open next = frontier_.back();
    frontier_.pop_back();
    split(next);
  }
  return std::move(tree_);
}

void TreeGrower::row_totals(double* out) const {
  std::fill(out, out + channels_, 0.0);
  for (std::uint32_t r : *rows_) {
    if (kind_ == HistogramKind::ClassCounts) {
      out[targets_.classes[r]] += 1;
      continue;
    }
    out[0] += kind_ == HistogramKind::ValueSums ? targets_.values[r] : targets_.gradients[r];
    out[channels_ - 1] += 1;
    if (kind_ == HistogramKind::GradientSums) out[1] += targets_.hessians ? targets_.hessians[r] : 1.0;
  }
}

int TreeGrower::make_node(const double* totals, std::uint32_t begin, std::uint32_t end) {
  const SplitRules& rules = config_.rules;
  const double n = count_of(totals, rules);
  double impurity = 0;
  switch (rules.criterion) {
    case Criterion::Gini:
    case Criterion::Entropy:
      impurity = class_impurity(totals, rules.n_classes, rules.criterion);
      for (int k = 0; k < rules.n_classes; ++k) value_[static_cast<std::size_t>(k)] = n > 0 ? totals[k] / n : 0.0;
      break;
    case Criterion::SquaredError:
      value_[0] = n > 0 ? totals[0] / n : 0.0;
      impurity = variance(begin, end, value_[0]);
      break;
    case Criterion::Gradient:
      // scikit-learn's leaf value; the 1e-15 keeps an all-zero hessian from dividing by zero.
      value_[0] = -totals[0] / (totals[1] + rules.l2_regularization + 1e-15);
      break;
  }
  totals_.insert(totals_.end(), totals, totals + channels_);
  ranges_.emplace_back(begin, end);
  return tree_.add_node(n, impurity, value_.data());
}

double TreeGrower::variance(std::uint32_t begin, std::uint32_t end, double mean) const {
  // Two passes (the mean is known) so a constant node has exactly zero variance and stays a leaf.
  if (end <= begin) return 0.0;
  const auto& rows = *rows_;
  double acc = 0;
  for (std::uint32_t i = begin; i < end; ++i) {
    const double d = targets_.values[rows[i]] - mean;
    acc += d * d;
  }
  return acc / (end - begin);
}

bool TreeGrower::can_split(int node, int depth) const {
  const TreeNode& n = tree_.node(node);
  const SplitRules& rules = config_.rules;
  if (config_.max_leaf_nodes > 0 && n_leaves_ >= config_.max_leaf_nodes) return false;
  if (config_.max_depth >= 0 && depth >= config_.max_depth) return false;
  if (n.n_samples < config_.min_samples_split || n.n_samples < 2 * rules.min_samples_leaf) return false;
  if (rules.criterion == Criterion::Gradient)
    return totals(node)[1] >= 2 * rules.min_hessian_to_split;
  return n.impurity > DBL_EPSILON;  // pure: nothing left to gain
}

void TreeGrower::open(int node, int depth, int hist) {
  if (!can_split(node, depth)) {
    pool_.release(hist);
    return;
  }
  const double* h = pool_.data(hist);
  SplitCandidate best = finder_.no_split();
  finder_.start_node(totals(node));
  const int n_features = static_cast<int>(binned_.features);
  const int wanted = config_.max_features > 0 ? std::min(config_.max_features, n_features) : n_features;
  int seen = 0;
  for (int i = 0; i < n_features && seen < wanted; ++i) {
    if (config_.shuffle_features) {
      // Fisher-Yates one step at a time: only as many draws as features looked at.
      const int j = i + static_cast<int>(rng_->uniform_int(static_cast<std::uint64_t>(n_features - i)));
      std::swap(feature_order_[static_cast<std::size_t>(i)], feature_order_[static_cast<std::size_t>(j)]);
    }
    const int f = feature_order_[static_cast<std::size_t>(i)];
    const auto fu = static_cast<std::size_t>(f);
    if (finder_.consider(layout_.feature(h, fu), layout_.n_bins[fu], f, best)) ++seen;
  }
  if (!best.found()) {
    pool_.release(hist);
    return;
  }
  frontier_.push_back({node, depth, hist, best});
  if (config_.max_leaf_nodes > 0) {
    std::push_heap(frontier_.begin(), frontier_.end(), [](const Open& a, const Open& b) {
      return heap_less(a.split, a.node, b.split, b.node);
    });
  }
}

std::uint32_t TreeGrower::partition(std::uint32_t begin, std::uint32_t end, int feature, int bin) {
  // Stable, so each node's rows stay in increasing order and histogram passes read the bins
  // mostly forwards.
  auto& rows = *rows_;
  const std::uint8_t* col = binned_.column(static_cast<std::size_t>(feature));
  const auto b = static_cast<std::uint8_t>(bin);
  std::uint32_t w = begin, s = 0;
  for (std::uint32_t i = begin; i < end; ++i) {
    const std::uint32_t r = rows[i];
    if (col[r] <= b) rows[w++] = r;
    else scratch_[s++] = r;
  }
  std::copy(scratch_.begin(), scratch_.begin() + s, rows.begin() + w);
  return w;
}

double TreeGrower::threshold(int feature, int bin, std::uint32_t begin, std::uint32_t mid,
                             std::uint32_t end) const {
  const double edge = mapper_.thresholds(static_cast<std::size_t>(feature))[static_cast<std::size_t>(bin)];
  if (!config_.raw_features) return edge;
  const double* x = config_.raw_features->col(feature).data();
  const auto& rows = *rows_;
  double lo = x[rows[begin]], hi = x[rows[mid]];
  for (std::uint32_t i = begin; i < mid; ++i) lo = std::max(lo, x[rows[i]]);
  for (std::uint32_t i = mid; i < end; ++i) hi = std::min(hi, x[rows[i]]);
  // scikit-learn's rule: halves first, and the lower value when the midpoint rounds onto the
  // upper one. lo <= edge < hi holds, so the training rows split exactly as the bins did.
  const double m = 0.5 * lo + 0.5 * hi;
  return m < hi ? m : lo;
}

void TreeGrower::split(const Open& o) {
  const auto [begin, end] = ranges_[static_cast<std::size_t>(o.node)];
  const int f = o.split.feature;
  const auto fu = static_cast<std::size_t>(f);
  const std::uint32_t mid = partition(begin, end, f, o.split.bin);
  double* parent_hist = pool_.data(o.hist);
  finder_.left_totals(layout_.feature(parent_hist, fu), o.split.bin, left_totals_.data());
  const double* parent = totals(o.node);
  for (int k = 0; k < channels_; ++k)
    right_totals_[static_cast<std::size_t>(k)] = parent[k] - left_totals_[static_cast<std::size_t>(k)];
  const int left = make_node(left_totals_.data(), begin, mid);
  const int right = make_node(right_totals_.data(), mid, end);
  tree_.set_split(o.node, f, threshold(f, o.split.bin, begin, mid, end), o.split.gain, left, right);
  ++n_leaves_;

  const bool split_left = can_split(left, o.depth + 1), split_right = can_split(right, o.depth + 1);
  if (!split_left && !split_right) {  // both leaves: no histogram needed
    pool_.release(o.hist);
    return;
  }
  const bool left_smaller = mid - begin <= end - mid;
  const int small = left_smaller ? left : right, big = left_smaller ? right : left;
  const bool split_small = left_smaller ? split_left : split_right;
  const bool split_big = left_smaller ? split_right : split_left;
  const int small_hist = pool_.acquire();  // buffers are separate vectors: parent_hist stays valid
  const auto [sb, se] = ranges_[static_cast<std::size_t>(small)];
  builder_.build(binned_, layout_, kind_, targets_, rows_->data() + sb, se - sb, pool_.data(small_hist));
  if (split_big) subtract_histogram(parent_hist, pool_.data(small_hist), layout_.size());
  // open() releases the histogram of a node that turns out to be a leaf.
  if (split_small) open(small, o.depth + 1, small_hist);
  else pool_.release(small_hist);
  if (split_big) open(big, o.depth + 1, o.hist);
  else pool_.release(o.hist);
}

}  // namespace mlcore::models

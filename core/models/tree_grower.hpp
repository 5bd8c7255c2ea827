// Grows one tree over binned rows: the learner shared by the decision tree, the random forest
// and gradient boosting (LightGBM's serial tree learner, in spirit). It owns the node frontier,
// the row partition and the histogram bookkeeping (the smaller child built, the larger one by
// subtraction); split.hpp decides what a good split is, histogram.hpp counts.
//   depth-first (max_leaf_nodes = 0): scikit-learn's DecisionTree order, every splittable node
//   best-first  (max_leaf_nodes > 0): HistGradientBoosting's order, the largest gain next, until
//               the tree has max_leaf_nodes leaves
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "../data/random.hpp"
#include "binning.hpp"
#include "flat_tree.hpp"
#include "histogram.hpp"
#include "split.hpp"

namespace mlcore::models {

struct GrowerConfig {
  SplitRules rules;
  int max_depth = -1;       // -1: unlimited (the root has depth 0)
  int max_leaf_nodes = 0;   // 0: unlimited, grown depth-first; else best-first
  int min_samples_split = 2;
  // Features whose splits are evaluated at each node, drawn afresh per node (scikit-learn's
  // max_features); 0 = all. Features constant in the node do not count, so a node looks further
  // until it has seen this many it could split on, or has seen every feature.
  int max_features = 0;
  // Visit features in a random order per node, so ties between equally good features are broken
  // by the seed (scikit-learn's trees); off for boosting, which takes the lowest feature index.
  bool shuffle_features = true;
  // The raw features (row r of the binned data is row r of this matrix), or null. With them a
  // split's threshold sits halfway between the node's largest value going left and smallest going
  // right, as scikit-learn's exact trees place it; without, at the bin's upper edge, as
  // HistGradientBoosting does. Same training partition either way; only unseen values between
  // the two differ, and the midpoint generalises better in small, deep nodes.
  const Eigen::MatrixXd* raw_features = nullptr;
};

class TreeGrower {
 public:
  // `binned` and `mapper` must outlive the grower; buffers are kept between trees.
  TreeGrower(const BinnedData& binned, const BinMapper& mapper, const GrowerConfig& config);

  // Grows a tree on `rows` (indices into the binned data; a row listed twice counts twice). Node
  // values: class shares (gini, entropy), the mean of y (squared error) or the Newton step
  // -G / (H + l2) (gradient). `rows` is reordered so that each node's rows are contiguous.
  FlatTree grow(std::vector<std::uint32_t>& rows, const RowTargets& targets, data::Rng& rng);
  // After grow: node `id` holds rows[first, second) of the vector given to grow.
  std::pair<std::uint32_t, std::uint32_t> node_rows(int id) const {
    return ranges_[static_cast<std::size_t>(id)];
  }

 private:
  struct Open {  // a node waiting to be split: its best split and its histogram
    int node;
    int depth;
    int hist;
    SplitCandidate split;
  };

  void row_totals(double* out) const;  // the root's histogram channels, summed over its rows
  int make_node(const double* totals, std::uint32_t begin, std::uint32_t end);
  bool can_split(int node, int depth) const;
  void open(int node, int depth, int hist);
  void split(const Open& o);
  std::uint32_t partition(std::uint32_t begin, std::uint32_t end, int feature, int bin);
  double threshold(int feature, int bin, std::uint32_t begin, std::uint32_t mid, std::uint32_t end) const;
  double variance(std::uint32_t begin, std::uint32_t end, double mean) const;
  const double* totals(int node) const { return totals_.data() + static_cast<std::size_t>(node) * channels_; }

  const BinnedData& binned_;
  const BinMapper& mapper_;
  GrowerConfig config_;
  HistogramKind kind_;
  int channels_;
  HistogramLayout layout_;
  HistogramPool pool_;
  HistogramBuilder builder_;
  SplitFinder finder_;

  // Per-tree state.
  FlatTree tree_;
  std::vector<std::uint32_t>* rows_ = nullptr;
  RowTargets targets_;
  data::Rng* rng_ = nullptr;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges_;
  std::vector<double> totals_;
  std::vector<Open> frontier_;
  int n_leaves_ = 0;
  std::vector<std::uint32_t> scratch_;
  std::vector<int> feature_order_;
  std::vector<double> value_, left_totals_, right_totals_;
};

}  // namespace mlcore::models

// Best-split search over one node's histograms. A split "feature f at bin b" sends the rows with
// bin <= b left. Every gain is the decrease of the node's total impurity, so summing gains per
// feature gives scikit-learn's impurity-based importances:
//   gini           n*gini = n - sum_k c_k^2 / n
//   entropy        n*H    = n log2 n - sum_k c_k log2 c_k (scikit-learn's trees use log base 2)
//   squared error  n*var  = sum y^2 - (sum y)^2 / n     (only the (sum y)^2 / n terms differ)
//   gradient       G_L^2/(H_L+l2) + G_R^2/(H_R+l2) - G^2/(H+l2), scikit-learn's
//                  HistGradientBoosting gain (XGBoost's without the factor 1/2)
// A split is valid when both children keep min_samples_leaf rows (and, for boosting, a hessian
// sum of at least min_hessian_to_split).
#pragma once
#include <limits>
#include <vector>

#include "histogram.hpp"

namespace mlcore::models {

enum class Criterion { Gini, Entropy, SquaredError, Gradient };

HistogramKind histogram_kind(Criterion criterion);
int histogram_channels(Criterion criterion, int n_classes);

struct SplitRules {
  Criterion criterion = Criterion::Gini;
  int n_classes = 2;  // gini and entropy only
  double min_samples_leaf = 1;
  double l2_regularization = 0.0;     // gradient only
  double min_hessian_to_split = 1e-3;  // gradient only (scikit-learn's default)
};

// Rows in a node or bin, from its channels.
double count_of(const double* totals, const SplitRules& rules);
// Gini or entropy (base 2) of class counts.
double class_impurity(const double* counts, int n_classes, Criterion criterion);

struct SplitCandidate {
  int feature = -1;
  int bin = -1;  // rows with bin <= this go left
  double gain = -std::numeric_limits<double>::infinity();
  bool found() const { return feature >= 0; }
};

class SplitFinder {
 public:
  explicit SplitFinder(const SplitRules& rules);
  const SplitRules& rules() const { return rules_; }

  // Where a search starts: the impurity criteria accept any valid split, even one with zero gain
  // (scikit-learn's trees split while they can; a zero-gain split can enable a useful one below,
  // as in XOR), while boosting needs a strictly positive gain.
  SplitCandidate no_split() const;
  // Caches the parent's terms for the node whose totals (histogram channels) these are.
  void start_node(const double* totals);
  // Scans the split points of one feature and replaces `best` by a strictly better one. Returns
  // false when all of the node's rows share one bin of this feature (nothing to split).
  bool consider(const double* feature_hist, int n_bins, int feature, SplitCandidate& best);
  // Channel sums of bins 0..bin: the left child's totals.
  void left_totals(const double* feature_hist, int bin, double* out) const;

 private:
  template <Criterion C>
  double score(const double* left, double n_left) const;
  template <Criterion C>
  bool scan(const double* feature_hist, int n_bins, int feature, SplitCandidate& best);

  SplitRules rules_;
  int channels_;
  std::vector<double> totals_, left_, right_;
  double n_ = 0, parent_term_ = 0;
};

}  // namespace mlcore::models

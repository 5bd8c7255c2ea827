// Threshold curves of a binary scorer and the areas under them, as scikit-learn computes them:
// roc_curve, precision_recall_curve, roc_auc_score (binary) and average_precision_score. Rows
// whose label equals positive_class are positives, every other row is a negative, so the same
// functions serve a binary problem (positive_class = 1, scores = P(class 1)) and each
// one-vs-rest view of a multiclass problem (positive_class = c, scores = P(class c)).
//
// Tied scores form one threshold, so a tie between a positive and a negative is a diagonal
// segment of the ROC curve and counts half, as in scikit-learn (trapezoid over distinct
// thresholds).
//
// Error codes: eval.empty_input, eval.length_mismatch, eval.bad_value (inputs.hpp) and
//   eval.undefined_metric  the curve or area needs both classes (ROC) or a positive (PR)
#pragma once
#include <vector>

#include "inputs.hpp"

namespace mlcore::eval {

struct RocCurve {
  // Increasing false and true positive rates, starting at (0, 0) and ending at (1, 1).
  std::vector<double> fpr, tpr;
  // Decreasing; thresholds[i] is the lowest score predicted positive at point i. The first is
  // +infinity (nothing predicted positive), as in scikit-learn 1.3 and later.
  std::vector<double> thresholds;
};

// drop_intermediate drops points lying on a straight segment between their neighbours, as
// scikit-learn's default does: the area is unchanged and the page gets fewer points.
// Throws eval.undefined_metric when the rows are all positive or all negative.
RocCurve roc_curve(LabelView y_true, ValueView scores, int positive_class = 1,
                   bool drop_intermediate = false);

struct PrecisionRecallCurve {
  // Ordered by increasing threshold, so recall decreases; both end with scikit-learn's extra
  // point (precision 1, recall 0), which has no threshold: thresholds has one element fewer.
  // Every distinct score is a threshold (scikit-learn 1.1 and later keep the points past full
  // recall). Precision is 0 where nothing is predicted positive (zero_division = 0).
  std::vector<double> precision, recall, thresholds;
};

// Throws eval.undefined_metric when there is no positive row (recall would divide by zero).
PrecisionRecallCurve precision_recall_curve(LabelView y_true, ValueView scores,
                                            int positive_class = 1);

// Area under the ROC curve of one positive class against the rest.
// Throws eval.undefined_metric when the rows are all positive or all negative.
double roc_auc_score(LabelView y_true, ValueView scores, int positive_class = 1);

// Sum over thresholds of (R_n - R_{n-1}) * P_n: the step-wise area, not the trapezoid, which
// over-rates a classifier (scikit-learn's reason too). Throws eval.undefined_metric when there
// is no positive row.
double average_precision_score(LabelView y_true, ValueView scores, int positive_class = 1);

}  // namespace mlcore::eval

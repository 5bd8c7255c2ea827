// ROC and precision-recall curves over distinct score thresholds, following scikit-learn's
// _binary_clf_curve: sort by decreasing score, count positives and negatives predicted positive
// at each distinct score, then turn the counts into rates.
#include "metrics_curves.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>

namespace mlcore::eval {

namespace {

// Cumulative counts of rows scored at or above each distinct score, highest score first.
// Counts are kept as doubles: exact up to 2^53 rows, and the rates need doubles anyway.
struct ThresholdCounts {
  std::vector<double> fps, tps, thresholds;
  double positives() const { return tps.empty() ? 0.0 : tps.back(); }
  double negatives() const { return fps.empty() ? 0.0 : fps.back(); }
};

ThresholdCounts count_by_threshold(LabelView y_true, ValueView scores, int positive_class) {
  require_rows(y_true.size(), "y_true");
  require_same_length(y_true.size(), "y_true", scores.size(), "scores");
  require_finite(scores, "scores");
  const std::size_t n = y_true.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // The order among tied scores does not matter: a tie group is emitted as one threshold.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  ThresholdCounts c;
  double tp = 0, fp = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t row = order[k];
    (y_true[row] == positive_class ? tp : fp) += 1;
    if (k + 1 == n || scores[order[k + 1]] != scores[row]) {
      c.tps.push_back(tp);
      c.fps.push_back(fp);
      c.thresholds.push_back(scores[row]);
    }
  }
  return c;
}

[[noreturn]] void throw_undefined(const char* metric, int positive_class, bool no_positive) {
  const std::string cls = "class " + std::to_string(positive_class);
  throw Error("eval.undefined_metric",
              std::string(metric) + " is not defined here: " +
                  (no_positive ? "no row has " + cls : "every row has " + cls) +
                  ", so there is nothing to rank it against. Score a set holding both.");
}

void require_both_classes(const ThresholdCounts& c, const char* metric, int positive_class) {
  if (c.positives() == 0) throw_undefined(metric, positive_class, true);
  if (c.negatives() == 0) throw_undefined(metric, positive_class, false);
}

}  // namespace

RocCurve roc_curve(LabelView y_true, ValueView scores, int positive_class, bool drop_intermediate) {
  ThresholdCounts c = count_by_threshold(y_true, scores, positive_class);
  require_both_classes(c, "ROC curve", positive_class);
  if (drop_intermediate && c.tps.size() > 2) {
    // scikit-learn's rule: keep a point when the second difference of fps or tps is non-zero,
    // i.e. when it is a corner rather than a point on a straight run.
    ThresholdCounts kept;
    const std::size_t m = c.tps.size();
    for (std::size_t i = 0; i < m; ++i) {
      const bool end = i == 0 || i + 1 == m;
      if (end || c.fps[i - 1] - 2 * c.fps[i] + c.fps[i + 1] != 0 ||
          c.tps[i - 1] - 2 * c.tps[i] + c.tps[i + 1] != 0) {
        kept.fps.push_back(c.fps[i]);
        kept.tps.push_back(c.tps[i]);
        kept.thresholds.push_back(c.thresholds[i]);
      }
    }
    c = std::move(kept);
  }
  const double p = c.positives(), n = c.negatives();
  RocCurve r;
  r.fpr.reserve(c.fps.size() + 1);
  r.tpr.reserve(c.fps.size() + 1);
  r.thresholds.reserve(c.fps.size() + 1);
  // The curve starts where nothing is predicted positive.
  r.fpr.push_back(0.0);
  r.tpr.push_back(0.0);
  r.thresholds.push_back(std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < c.fps.size(); ++i) {
    r.fpr.push_back(c.fps[i] / n);
    r.tpr.push_back(c.tps[i] / p);
    r.thresholds.push_back(c.thresholds[i]);
  }
  return r;
}

PrecisionRecallCurve precision_recall_curve(LabelView y_true, ValueView scores,
                                            int positive_class) {
  const ThresholdCounts c = count_by_threshold(y_true, scores, positive_class);
  if (c.positives() == 0) throw_undefined("The precision-recall curve", positive_class, true);
  const std::size_t m = c.tps.size();
  PrecisionRecallCurve r;
  r.precision.reserve(m + 1);
  r.recall.reserve(m + 1);
  r.thresholds.reserve(m);
  // Reversed so thresholds increase, as scikit-learn returns them. Every threshold has at least
  // one row at or above it, so tps + fps > 0 and precision never divides by zero here.
  for (std::size_t k = m; k-- > 0;) {
    r.precision.push_back(c.tps[k] / (c.tps[k] + c.fps[k]));
    r.recall.push_back(c.tps[k] / c.positives());
    r.thresholds.push_back(c.thresholds[k]);
  }
  r.precision.push_back(1.0);
  r.recall.push_back(0.0);
  return r;
}

double roc_auc_score(LabelView y_true, ValueView scores, int positive_class) {
  const ThresholdCounts c = count_by_threshold(y_true, scores, positive_class);
  require_both_classes(c, "ROC AUC", positive_class);
  // Trapezoids on the counts, divided once at the end: the same area as on the rates, but
  // exact whenever the answer is a simple fraction (0.75 comes out as 0.75).
  double area = 0, prev_fp = 0, prev_tp = 0;
  for (std::size_t i = 0; i < c.fps.size(); ++i) {
    area += (c.fps[i] - prev_fp) * (c.tps[i] + prev_tp) / 2;
    prev_fp = c.fps[i];
    prev_tp = c.tps[i];
  }
  return area / (c.positives() * c.negatives());
}

double average_precision_score(LabelView y_true, ValueView scores, int positive_class) {
  const PrecisionRecallCurve pr = precision_recall_curve(y_true, scores, positive_class);
  // scikit-learn's -sum(diff(recall) * precision[:-1]), term for term.
  double ap = 0;
  for (std::size_t i = 0; i + 1 < pr.recall.size(); ++i)
    ap -= (pr.recall[i + 1] - pr.recall[i]) * pr.precision[i];
  return ap;
}

}  // namespace mlcore::eval

// Classification metrics from the confusion matrix (counts first, ratios last, so the averages
// are exactly scikit-learn's), probability metrics, and the report the page shows.
#include "metrics_classification.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "../data/random.hpp"
#include "thinning.hpp"

namespace mlcore::eval {

namespace {

void require_labels(LabelView y, int n_classes, const char* what) {
  for (std::size_t i = 0; i < y.size(); ++i)
    if (y[i] < 0 || y[i] >= n_classes)
      throw Error("eval.bad_label",
                  std::string("'") + what + "' has class index " + std::to_string(y[i]) +
                      " at row " + std::to_string(i + 1) + ", but the classes are 0 to " +
                      std::to_string(n_classes - 1) + "; encode labels as class indices first.",
                  Location{i + 1, 0, {}});
}

void require_classes(long long n_classes) {
  if (n_classes < 2)
    throw Error("eval.too_few_classes",
                "Classification needs at least two classes, but there are " +
                    std::to_string(n_classes) + "; check the target column.");
}

// Rows, columns and values of a probability matrix, checked against the labels.
void require_probabilities(LabelView y_true, const Eigen::MatrixXd& p) {
  require_rows(y_true.size(), "y_true");
  require_same_length(y_true.size(), "y_true", static_cast<std::size_t>(p.rows()),
                      "probabilities");
  require_classes(p.cols());
  require_labels(y_true, static_cast<int>(p.cols()), "y_true");
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (Eigen::Index c = 0; c < p.cols(); ++c)
      if (!std::isfinite(p(i, c)))
        throw Error("eval.bad_value",
                    "'probabilities' has a missing or infinite value at row " +
                        std::to_string(i + 1) + ", column " + std::to_string(c + 1) + ".",
                    Location{static_cast<std::size_t>(i + 1),
                             static_cast<std::size_t>(c + 1), {}});
}

double ratio_or_zero(double num, double den) { return den == 0 ? 0.0 : num / den; }

Eigen::VectorXd column(const Eigen::MatrixXd& m, Eigen::Index c) { return m.col(c); }

nlohmann::json roc_json(LabelView y, const Eigen::VectorXd& scores, int cls,
                        const std::string& label) {
  const RocCurve r = roc_curve(y, scores, cls, /*drop_intermediate=*/true);
  const auto keep = evenly_spaced_indices(r.fpr.size(), kMaxCurvePoints);
  return {{"label", label}, {"fpr", take(r.fpr, keep)}, {"tpr", take(r.tpr, keep)}};
}

nlohmann::json pr_json(LabelView y, const Eigen::VectorXd& scores, int cls,
                       const std::string& label) {
  const PrecisionRecallCurve r = precision_recall_curve(y, scores, cls);
  const auto keep = evenly_spaced_indices(r.recall.size(), kMaxCurvePoints);
  return {{"label", label},
          {"precision", take(r.precision, keep)},
          {"recall", take(r.recall, keep)},
          {"average_precision", average_precision_score(y, scores, cls)}};
}

// A metric or curve that is not defined (a class with no row, or with every row) becomes null.
template <class MakeCurve>
nlohmann::json null_if_undefined(MakeCurve make) {
  try {
    return make();
  } catch (const Error& e) {
    if (e.code() != "eval.undefined_metric") throw;
    return nullptr;
  }
}

// The ROC and PR entries: one object for the positive class when binary, a list one-vs-rest
// otherwise; null when no curve is defined.
nlohmann::json curves_json(LabelView y, const Eigen::MatrixXd& p,
                           const std::vector<std::string>& labels, bool roc) {
  auto one = [&](int c) {
    return null_if_undefined([&] {
      const Eigen::VectorXd s = column(p, c);
      return roc ? roc_json(y, s, c, labels[c]) : pr_json(y, s, c, labels[c]);
    });
  };
  if (p.cols() == 2) return one(1);
  nlohmann::json list = nlohmann::json::array();
  for (int c = 0; c < static_cast<int>(p.cols()); ++c) {
    nlohmann::json curve = one(c);
    if (!curve.is_null()) list.push_back(std::move(curve));
  }
  return list.empty() ? nlohmann::json(nullptr) : list;
}

}  // namespace

std::vector<int> to_class_indices(const Eigen::VectorXd& predictions) {
  std::vector<int> out(static_cast<std::size_t>(predictions.size()));
  for (Eigen::Index i = 0; i < predictions.size(); ++i) {
    const double v = predictions[i];
    if (!std::isfinite(v) || v < 0 || v != std::floor(v) || v > 2147483647.0)
      throw Error("eval.bad_label",
                  "Prediction " + std::to_string(v) + " at row " + std::to_string(i + 1) +
                      " is not a class index (a whole number from 0); was a regressor used "
                      "where a classifier was expected?",
                  Location{static_cast<std::size_t>(i + 1), 0, {}});
    out[static_cast<std::size_t>(i)] = static_cast<int>(v);
  }
  return out;
}

Eigen::MatrixXi confusion_matrix(LabelView y_true, LabelView y_pred, int n_classes) {
  require_rows(y_true.size(), "y_true");
  require_same_length(y_true.size(), "y_true", y_pred.size(), "y_pred");
  require_classes(n_classes);
  require_labels(y_true, n_classes, "y_true");
  require_labels(y_pred, n_classes, "y_pred");
  Eigen::MatrixXi cm = Eigen::MatrixXi::Zero(n_classes, n_classes);
  for (std::size_t i = 0; i < y_true.size(); ++i) ++cm(y_true[i], y_pred[i]);
  return cm;
}

double accuracy_score(LabelView y_true, LabelView y_pred) {
  require_rows(y_true.size(), "y_true");
  require_same_length(y_true.size(), "y_true", y_pred.size(), "y_pred");
  std::size_t right = 0;
  for (std::size_t i = 0; i < y_true.size(); ++i) right += y_true[i] == y_pred[i];
  return static_cast<double>(right) / static_cast<double>(y_true.size());
}

double balanced_accuracy_score(LabelView y_true, LabelView y_pred, int n_classes) {
  const Eigen::MatrixXi cm = confusion_matrix(y_true, y_pred, n_classes);
  double sum = 0;
  int present = 0;
  for (int c = 0; c < n_classes; ++c) {
    const long long support = cm.row(c).cast<long long>().sum();
    if (support == 0) continue;  // scikit-learn drops (and warns about) classes absent from y_true
    sum += static_cast<double>(cm(c, c)) / static_cast<double>(support);
    ++present;
  }
  return sum / present;  // present >= 1: y_true is not empty
}

ClassScores precision_recall_fscore_support(const Eigen::MatrixXi& confusion) {
  const Eigen::Index k = confusion.rows();
  ClassScores s;
  for (Eigen::Index c = 0; c < k; ++c) {
    const auto tp = static_cast<double>(confusion(c, c));
    const auto support = confusion.row(c).cast<long long>().sum();
    const auto predicted = static_cast<double>(confusion.col(c).cast<long long>().sum());
    const double fn = static_cast<double>(support) - tp, fp = predicted - tp;
    s.precision.push_back(ratio_or_zero(tp, predicted));
    s.recall.push_back(ratio_or_zero(tp, static_cast<double>(support)));
    s.f1.push_back(ratio_or_zero(2 * tp, 2 * tp + fp + fn));
    s.support.push_back(support);
  }
  return s;
}

ClassScores precision_recall_fscore_support(LabelView y_true, LabelView y_pred, int n_classes) {
  return precision_recall_fscore_support(confusion_matrix(y_true, y_pred, n_classes));
}

AveragedScores average_scores(const Eigen::MatrixXi& confusion, Average how) {
  const ClassScores s = precision_recall_fscore_support(confusion);
  AveragedScores a;
  double total = 0;
  for (Eigen::Index c = 0; c < confusion.rows(); ++c) {
    const auto i = static_cast<std::size_t>(c);
    double w = static_cast<double>(s.support[i]);
    if (how == Average::Macro) {
      const bool seen = s.support[i] > 0 || confusion.col(c).cast<long long>().sum() > 0;
      w = seen ? 1.0 : 0.0;
    }
    a.precision += w * s.precision[i];
    a.recall += w * s.recall[i];
    a.f1 += w * s.f1[i];
    total += w;
  }
  if (total > 0) {
    a.precision /= total;
    a.recall /= total;
    a.f1 /= total;
  }
  return a;
}

double roc_auc_from_probabilities(LabelView y_true, const Eigen::MatrixXd& probabilities) {
  require_probabilities(y_true, probabilities);
  if (probabilities.cols() == 2) return roc_auc_score(y_true, column(probabilities, 1), 1);
  const int k = static_cast<int>(probabilities.cols());
  // scikit-learn refuses one-vs-rest when a class is missing from y_true rather than averaging
  // over fewer classes; name the missing class so the student can fix the split.
  std::vector<bool> present(static_cast<std::size_t>(k), false);
  for (std::size_t i = 0; i < y_true.size(); ++i)
    present[static_cast<std::size_t>(y_true[i])] = true;
  for (int c = 0; c < k; ++c)
    if (!present[static_cast<std::size_t>(c)])
      throw Error("eval.undefined_metric",
                  "One-vs-rest ROC AUC is not defined: class " + std::to_string(c) +
                      " has no row in y_true. Use a stratified split so every class is scored.");
  double sum = 0;
  for (int c = 0; c < k; ++c) sum += roc_auc_score(y_true, column(probabilities, c), c);
  return sum / k;
}

double log_loss(LabelView y_true, const Eigen::MatrixXd& probabilities, double eps) {
  require_probabilities(y_true, probabilities);
  double total = 0;
  for (std::size_t i = 0; i < y_true.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    double row_sum = 0;
    for (Eigen::Index c = 0; c < probabilities.cols(); ++c)
      row_sum += std::clamp(probabilities(r, c), eps, 1 - eps);
    const double p = std::clamp(probabilities(r, y_true[i]), eps, 1 - eps) / row_sum;
    // deterministic_log, not std::log: the CLI and the page must log the same number for a run.
    total -= data::deterministic_log(p);
  }
  return total / static_cast<double>(y_true.size());
}

nlohmann::json classification_report(LabelView y_true, LabelView y_pred,
                                     const std::vector<std::string>& labels) {
  require_classes(static_cast<long long>(labels.size()));
  const int k = static_cast<int>(labels.size());
  const Eigen::MatrixXi cm = confusion_matrix(y_true, y_pred, k);
  const ClassScores s = precision_recall_fscore_support(cm);
  const AveragedScores macro = average_scores(cm, Average::Macro);
  const AveragedScores weighted = average_scores(cm, Average::Weighted);

  nlohmann::json per_class = nlohmann::json::array();
  nlohmann::json matrix = nlohmann::json::array();
  for (int c = 0; c < k; ++c) {
    const auto i = static_cast<std::size_t>(c);
    per_class.push_back({{"label", labels[i]},
                         {"precision", s.precision[i]},
                         {"recall", s.recall[i]},
                         {"f1", s.f1[i]},
                         {"support", s.support[i]}});
    nlohmann::json row = nlohmann::json::array();
    for (int p = 0; p < k; ++p) row.push_back(cm(c, p));
    matrix.push_back(std::move(row));
  }
  return {{"accuracy", accuracy_score(y_true, y_pred)},
          {"balanced_accuracy", balanced_accuracy_score(y_true, y_pred, k)},
          {"precision_macro", macro.precision},
          {"recall_macro", macro.recall},
          {"f1_macro", macro.f1},
          {"precision_weighted", weighted.precision},
          {"recall_weighted", weighted.recall},
          {"f1_weighted", weighted.f1},
          {"roc_auc", nullptr},
          {"log_loss", nullptr},
          {"per_class", std::move(per_class)},
          {"confusion_matrix", std::move(matrix)},
          {"roc", nullptr},
          {"pr", nullptr}};
}

nlohmann::json classification_report(LabelView y_true, LabelView y_pred,
                                     const std::vector<std::string>& labels,
                                     const Eigen::MatrixXd& probabilities) {
  nlohmann::json report = classification_report(y_true, y_pred, labels);
  if (static_cast<std::size_t>(probabilities.cols()) != labels.size())
    throw Error("eval.shape_mismatch",
                "The probabilities have " + std::to_string(probabilities.cols()) +
                    " columns but there are " + std::to_string(labels.size()) +
                    " class labels; pass one probability column per class, in class index order.");
  report["log_loss"] = log_loss(y_true, probabilities);
  report["roc_auc"] = null_if_undefined(
      [&] { return nlohmann::json(roc_auc_from_probabilities(y_true, probabilities)); });
  report["roc"] = curves_json(y_true, probabilities, labels, /*roc=*/true);
  report["pr"] = curves_json(y_true, probabilities, labels, /*roc=*/false);
  return report;
}

}  // namespace mlcore::eval

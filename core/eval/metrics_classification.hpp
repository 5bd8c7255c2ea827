// Classification metrics, with scikit-learn's names and conventions, and the report the page
// shows after a run. Labels are class indices 0..n_classes-1 (the model's encoding); the page's
// class names are passed as text to classification_report only.
//
// Conventions (all scikit-learn's):
//   - confusion matrix rows are true classes, columns predicted classes;
//   - zero_division = 0: a class never predicted has precision 0, a class absent from y_true has
//     recall 0, and F1 = 2TP / (2TP + FP + FN) is 0 when that denominator is;
//   - macro and weighted averages run over the classes seen in y_true or y_pred (scikit-learn's
//     default labels = unique_labels(y_true, y_pred)): a class with no row and no prediction has
//     nothing to score and would only drag the macro average to 0;
//   - balanced accuracy is the mean recall over classes present in y_true;
//   - ROC AUC: binary from P(class 1); multiclass one-vs-rest, unweighted mean over classes
//     (roc_auc_score(multi_class='ovr', average='macro')), undefined when a class is absent;
//   - log loss clips probabilities to [1e-15, 1 - 1e-15] and renormalises rows (scikit-learn 1.2).
//
// Error codes: eval.empty_input, eval.length_mismatch, eval.bad_value (inputs.hpp),
// eval.undefined_metric (metrics_curves.hpp), and
//   eval.bad_label          a class index outside 0..n_classes-1, or not a whole number
//   eval.shape_mismatch     probability columns differ from the number of classes
//   eval.too_few_classes    fewer than two classes
#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "inputs.hpp"
#include "metrics_curves.hpp"

namespace mlcore::eval {

// A model's predict() gives class indices as doubles; this checks and converts them.
// Throws eval.bad_label for a negative, fractional or non-finite value.
std::vector<int> to_class_indices(const Eigen::VectorXd& predictions);

// n_classes x n_classes counts, rows = true class, columns = predicted class.
Eigen::MatrixXi confusion_matrix(LabelView y_true, LabelView y_pred, int n_classes);

double accuracy_score(LabelView y_true, LabelView y_pred);
double balanced_accuracy_score(LabelView y_true, LabelView y_pred, int n_classes);

// One entry per class, class index order.
struct ClassScores {
  std::vector<double> precision, recall, f1;
  std::vector<long long> support;  // rows whose true class is this one
};
ClassScores precision_recall_fscore_support(const Eigen::MatrixXi& confusion);
ClassScores precision_recall_fscore_support(LabelView y_true, LabelView y_pred, int n_classes);

enum class Average { Macro, Weighted };
struct AveragedScores {
  double precision = 0, recall = 0, f1 = 0;
};
// Macro: unweighted mean over classes seen in y_true or y_pred. Weighted: mean weighted by
// support (the F1 is the mean of per-class F1s, not the F1 of the mean P and R).
AveragedScores average_scores(const Eigen::MatrixXi& confusion, Average how);

// Probabilities are rows x n_classes. Binary (2 columns): the AUC of column 1. Multiclass:
// one-vs-rest macro. Throws eval.undefined_metric when a class has no row in y_true. Not an
// overload of roc_auc_score: an Eigen::VectorXd converts to both a ValueView and a MatrixXd, so
// the call would be ambiguous.
double roc_auc_from_probabilities(LabelView y_true, const Eigen::MatrixXd& probabilities);

// Mean negative log-likelihood of the true class, in nats.
double log_loss(LabelView y_true, const Eigen::MatrixXd& probabilities, double eps = 1e-15);

// Curves in the report are thinned to at most this many points (ends kept).
inline constexpr std::size_t kMaxCurvePoints = 200;

// The whole evaluation of a classifier for the page, one class name per class index:
// {"accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro",
//  "precision_weighted", "recall_weighted", "f1_weighted",
//  "roc_auc", "log_loss"                       null without probabilities; roc_auc also null
//                                              when a class has no row in y_true,
//  "per_class": [{"label", "precision", "recall", "f1", "support"}],
//  "confusion_matrix": [[...]]                 rows = true, columns = predicted,
//  "roc": binary {"label", "fpr", "tpr"} for the positive class (labels[1]);
//         multiclass [{"label", "fpr", "tpr"}] one-vs-rest, classes without a defined curve
//         left out; null without probabilities or when no curve is defined,
//  "pr":  likewise with {"label", "precision", "recall", "average_precision"}}.
// Throws eval.too_few_classes for fewer than two labels.
nlohmann::json classification_report(LabelView y_true, LabelView y_pred,
                                     const std::vector<std::string>& labels);
nlohmann::json classification_report(LabelView y_true, LabelView y_pred,
                                     const std::vector<std::string>& labels,
                                     const Eigen::MatrixXd& probabilities);

}  // namespace mlcore::eval

// Classification metrics: counts-based scores worked by hand, scikit-learn's zero_division and
// averaging conventions, probability metrics against published values, and the report's shape.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/eval/metrics_classification.hpp"
#include "error_checks.hpp"

using namespace mlcore::eval;
using mlplay_test::code_of;

namespace {

// Worked example shared by several tests, 3 classes with supports 4, 3, 3:
//   confusion (rows true, cols predicted)   [[2,1,1],
//                                            [1,2,0],
//                                            [0,1,2]]
const std::vector<int> kTrue3 = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
const std::vector<int> kPred3 = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

}  // namespace

TEST_CASE("the confusion matrix has true classes in rows and predictions in columns",
          "[metrics]") {
  const Eigen::MatrixXi cm = confusion_matrix(kTrue3, kPred3, 3);
  Eigen::MatrixXi want(3, 3);
  want << 2, 1, 1, 1, 2, 0, 0, 1, 2;
  CHECK(cm == want);
  // Eigen vectors are accepted as they are.
  Eigen::VectorXi t(2), p(2);
  t << 0, 1;
  p << 1, 1;
  CHECK(confusion_matrix(t, p, 2)(0, 1) == 1);
}

TEST_CASE("per-class precision, recall and F1 match a hand-worked 3-class example",
          "[metrics]") {
  const ClassScores s = precision_recall_fscore_support(kTrue3, kPred3, 3);
  // Class 0: TP 2, predicted 3, support 4 -> P 2/3, R 1/2, F1 2*2/(4+1+2) = 4/7.
  // Class 1: TP 2, predicted 4, support 3 -> P 1/2, R 2/3, F1 4/(4+2+1) = 4/7.
  // Class 2: TP 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 4/(4+1+1) = 2/3.
  CHECK(s.precision[0] == Approx(2.0 / 3));
  CHECK(s.recall[0] == Approx(0.5));
  CHECK(s.f1[0] == Approx(4.0 / 7));
  CHECK(s.precision[1] == Approx(0.5));
  CHECK(s.recall[1] == Approx(2.0 / 3));
  CHECK(s.f1[1] == Approx(4.0 / 7));
  CHECK(s.precision[2] == Approx(2.0 / 3));
  CHECK(s.recall[2] == Approx(2.0 / 3));
  CHECK(s.f1[2] == Approx(2.0 / 3));
  CHECK(s.support == std::vector<long long>{4, 3, 3});
}

TEST_CASE("accuracy, balanced accuracy and the averages match the hand-worked example",
          "[metrics]") {
  CHECK(accuracy_score(kTrue3, kPred3) == Approx(0.6));  // 6 of 10 on the diagonal
  // Mean recall: (1/2 + 2/3 + 2/3) / 3 = 11/18.
  CHECK(balanced_accuracy_score(kTrue3, kPred3, 3) == Approx(11.0 / 18));
  const Eigen::MatrixXi cm = confusion_matrix(kTrue3, kPred3, 3);
  const AveragedScores macro = average_scores(cm, Average::Macro);
  CHECK(macro.precision == Approx(11.0 / 18));  // (2/3 + 1/2 + 2/3) / 3
  CHECK(macro.recall == Approx(11.0 / 18));
  CHECK(macro.f1 == Approx(38.0 / 63));  // (4/7 + 4/7 + 2/3) / 3
  const AveragedScores weighted = average_scores(cm, Average::Weighted);
  CHECK(weighted.precision == Approx(37.0 / 60));  // (4*2/3 + 3*1/2 + 3*2/3) / 10
  CHECK(weighted.recall == Approx(0.6));           // weighted recall is always the accuracy
  CHECK(weighted.f1 == Approx(0.6));               // (4*4/7 + 3*4/7 + 3*2/3) / 10
}

TEST_CASE("zero_division is 0 and averages skip classes never seen, as scikit-learn",
          "[metrics]") {
  // Class 1 is never predicted, class 2 is predicted once but has no row, class 3 appears
  // nowhere. Confusion: true 0 -> [2,0,0,0], true 1 -> [1,0,1,0].
  const std::vector<int> t = {0, 0, 1, 1}, p = {0, 0, 0, 2};
  const ClassScores s = precision_recall_fscore_support(t, p, 4);
  CHECK(s.precision[0] == Approx(2.0 / 3));
  CHECK(s.recall[0] == 1.0);
  CHECK(s.f1[0] == Approx(0.8));  // 2*2 / (2*2 + 1 + 0)
  CHECK(s.precision[1] == 0.0);   // never predicted: 0/0 -> 0
  CHECK(s.recall[1] == 0.0);
  CHECK(s.f1[1] == 0.0);
  CHECK(s.precision[2] == 0.0);  // predicted once, wrongly
  CHECK(s.recall[2] == 0.0);     // no row: 0/0 -> 0
  CHECK(s.f1[3] == 0.0);
  // Macro over the 3 classes seen in y_true or y_pred, not the 4 declared.
  const AveragedScores macro = average_scores(confusion_matrix(t, p, 4), Average::Macro);
  CHECK(macro.precision == Approx(2.0 / 9));
  CHECK(macro.recall == Approx(1.0 / 3));
  CHECK(macro.f1 == Approx(0.8 / 3));
  // Balanced accuracy averages recall over classes present in y_true only: (1 + 0) / 2.
  CHECK(balanced_accuracy_score(t, p, 4) == Approx(0.5));
}

TEST_CASE("log loss matches hand values and scikit-learn's published example", "[metrics]") {
  Eigen::MatrixXd p(2, 2);
  p << 0.9, 0.1, 0.2, 0.8;
  CHECK(log_loss(std::vector<int>{0, 1}, p) == Approx(-(std::log(0.9) + std::log(0.8)) / 2));
  // scikit-learn's docs: log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]])
  // with ham = 0, spam = 1.
  Eigen::MatrixXd q(4, 2);
  q << 0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65;
  CHECK(log_loss(std::vector<int>{1, 0, 0, 1}, q) == Approx(0.21616187468057912));
}

TEST_CASE("log loss clips a certain wrong answer at eps instead of returning infinity",
          "[metrics]") {
  Eigen::MatrixXd p(1, 2);
  p << 1.0, 0.0;
  CHECK(log_loss(std::vector<int>{1}, p) == Approx(-std::log(1e-15)));  // 34.5388
  CHECK(log_loss(std::vector<int>{0}, p) == Approx(0.0).margin(1e-12));
}

TEST_CASE("ROC AUC from probabilities: binary uses column 1, multiclass is one-vs-rest macro",
          "[metrics]") {
  Eigen::MatrixXd b(4, 2);
  b << 0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8;
  CHECK(roc_auc_from_probabilities(std::vector<int>{0, 0, 1, 1}, b) == 0.75);
  // Class 0 vs rest: scores .6 | .2 .2 -> 1. Class 1: .5 | .3 .5 -> (1 + 1/2) / 2 = .75 (a tie
  // counts half). Class 2: .3 | .1 .3 -> .75. Macro: 2.5 / 3.
  Eigen::MatrixXd m(3, 3);
  m << 0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.2, 0.5, 0.3;
  CHECK(roc_auc_from_probabilities(std::vector<int>{0, 1, 2}, m) == Approx(2.5 / 3));
  // A class with no row makes one-vs-rest undefined, as in scikit-learn.
  CHECK(code_of([&] { roc_auc_from_probabilities(std::vector<int>{0, 1, 1}, m); }) ==
        "eval.undefined_metric");
}

TEST_CASE("bad inputs are refused with stable codes", "[metrics]") {
  const std::vector<int> two = {0, 1}, three = {0, 1, 1}, none, out_of_range = {0, 3};
  CHECK(code_of([&] { accuracy_score(two, three); }) == "eval.length_mismatch");
  CHECK(code_of([&] { accuracy_score(none, none); }) == "eval.empty_input");
  CHECK(code_of([&] { confusion_matrix(two, out_of_range, 3); }) == "eval.bad_label");
  CHECK(code_of([&] { confusion_matrix(two, two, 1); }) == "eval.too_few_classes");
  Eigen::MatrixXd p(2, 2);
  p << 0.5, 0.5, std::nan(""), 0.5;
  CHECK(code_of([&] { log_loss(two, p); }) == "eval.bad_value");
  Eigen::VectorXd predictions(2);
  predictions << 1.0, 0.5;
  CHECK(code_of([&] { to_class_indices(predictions); }) == "eval.bad_label");
  predictions << 1.0, 0.0;
  CHECK(to_class_indices(predictions) == std::vector<int>{1, 0});
  Eigen::MatrixXd three_columns = Eigen::MatrixXd::Constant(2, 3, 1.0 / 3);
  CHECK(code_of([&] { classification_report(two, two, {"a", "b"}, three_columns); }) ==
        "eval.shape_mismatch");
}

TEST_CASE("the binary report has every field, with curves for the positive class",
          "[metrics]") {
  const std::vector<int> t = {0, 0, 1, 1}, p = {0, 1, 0, 1};
  Eigen::MatrixXd proba(4, 2);
  proba << 0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8;
  const nlohmann::json r = classification_report(t, p, {"no", "yes"}, proba);
  for (const char* key : {"accuracy", "balanced_accuracy", "precision_macro", "recall_macro",
                          "f1_macro", "precision_weighted", "recall_weighted", "f1_weighted",
                          "roc_auc", "log_loss", "per_class", "confusion_matrix", "roc", "pr"})
    CHECK(r.contains(key));
  CHECK(r["accuracy"] == 0.5);
  CHECK(r["roc_auc"] == 0.75);
  CHECK(r["confusion_matrix"] == nlohmann::json::parse("[[1,1],[1,1]]"));
  CHECK(r["per_class"][1]["label"] == "yes");
  CHECK(r["per_class"][1]["support"] == 2);
  CHECK(r["roc"]["label"] == "yes");
  CHECK(r["roc"]["fpr"].front() == 0.0);
  CHECK(r["roc"]["tpr"].back() == 1.0);
  CHECK(r["pr"]["average_precision"].get<double>() == Approx(5.0 / 6));
  // Without probabilities the probability fields are null, so the shape never changes.
  const nlohmann::json bare = classification_report(t, p, {"no", "yes"});
  CHECK(bare["roc_auc"].is_null());
  CHECK(bare["log_loss"].is_null());
  CHECK(bare["roc"].is_null());
  CHECK(bare["pr"].is_null());
}

TEST_CASE("the multiclass report has a curve per class and null AUC when a class is absent",
          "[metrics]") {
  Eigen::MatrixXd m(3, 3);
  m << 0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.2, 0.5, 0.3;
  const std::vector<std::string> abc = {"a", "b", "c"};
  const nlohmann::json r =
      classification_report(std::vector<int>{0, 1, 2}, std::vector<int>{0, 1, 1}, abc, m);
  CHECK(r["roc_auc"].get<double>() == Approx(2.5 / 3));
  REQUIRE(r["roc"].size() == 3);
  CHECK(r["roc"][2]["label"] == "c");
  CHECK(r["pr"][0]["average_precision"] == 1.0);
  // Class "c" has no row: AUC null, and only classes with a defined curve are listed.
  const nlohmann::json gap =
      classification_report(std::vector<int>{0, 1, 1}, std::vector<int>{0, 1, 1}, abc, m);
  CHECK(gap["roc_auc"].is_null());
  CHECK(gap["log_loss"].is_number());
  REQUIRE(gap["roc"].size() == 2);
  CHECK(gap["roc"][1]["label"] == "b");
  CHECK(gap["pr"].size() == 2);
}

TEST_CASE("report curves are thinned to at most 200 points, ends kept", "[metrics]") {
  // 2,000 rows whose scores only loosely follow the label: many corners on the ROC curve.
  const int n = 2000;
  std::vector<int> t(n), p(n);
  Eigen::MatrixXd proba(n, 2);
  for (int i = 0; i < n; ++i) {
    t[i] = (i * 7919) % 3 == 0 ? 1 : 0;
    const double s = ((i * 104729) % 1000) / 1000.0 * 0.8 + 0.2 * t[i];
    proba(i, 0) = 1 - s;
    proba(i, 1) = s;
    p[i] = s > 0.5 ? 1 : 0;
  }
  const Eigen::VectorXd positive = proba.col(1);
  REQUIRE(roc_curve(t, positive, 1, true).fpr.size() > kMaxCurvePoints);  // thinning has work
  const nlohmann::json r = classification_report(t, p, {"no", "yes"}, proba);
  CHECK(r["roc"]["fpr"].size() <= kMaxCurvePoints);
  CHECK(r["roc"]["fpr"].size() == r["roc"]["tpr"].size());
  CHECK(r["roc"]["fpr"].front() == 0.0);
  CHECK(r["roc"]["tpr"].front() == 0.0);
  CHECK(r["roc"]["fpr"].back() == 1.0);
  CHECK(r["roc"]["tpr"].back() == 1.0);
  CHECK(r["pr"]["recall"].size() <= kMaxCurvePoints);
  CHECK(r["pr"]["recall"].back() == 0.0);
  CHECK(r["pr"]["precision"].back() == 1.0);
  CHECK(r["pr"]["recall"].front() == 1.0);
}

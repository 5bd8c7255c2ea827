// ROC and precision-recall curves and their areas, against scikit-learn's documented examples
// and hand-counted ties.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/eval/metrics_curves.hpp"
#include "core/eval/thinning.hpp"
#include "error_checks.hpp"

using namespace mlcore::eval;
using mlplay_test::code_of;

namespace {

// The example of scikit-learn's roc_auc_score, average_precision_score and
// precision_recall_curve docs.
const std::vector<int> kTrue = {0, 0, 1, 1};
const std::vector<double> kScores = {0.1, 0.4, 0.35, 0.8};

}  // namespace

TEST_CASE("ROC AUC of the scikit-learn docs example is 0.75", "[metrics]") {
  // Pairs (positive, negative): .35>.1, .35<.4, .8>.1, .8>.4 -> 3 of 4.
  CHECK(roc_auc_score(kTrue, kScores) == 0.75);
  Eigen::VectorXd s(4);
  s << 0.1, 0.4, 0.35, 0.8;
  CHECK(roc_auc_score(kTrue, s) == 0.75);
}

TEST_CASE("tied scores are one threshold and a positive-negative tie counts half", "[metrics]") {
  CHECK(roc_auc_score(std::vector<int>{0, 1}, std::vector<double>{0.5, 0.5}) == 0.5);
  // .9 beats both negatives (2), the tied .5 is half of each (1): 3 of 4 pairs.
  CHECK(roc_auc_score(std::vector<int>{0, 0, 1, 1}, std::vector<double>{0.5, 0.5, 0.5, 0.9}) ==
        0.75);
  const RocCurve r =
      roc_curve(std::vector<int>{0, 0, 1, 1}, std::vector<double>{0.5, 0.5, 0.5, 0.9});
  CHECK(r.fpr == std::vector<double>{0, 0, 1});  // the tie is one diagonal step
  CHECK(r.tpr == std::vector<double>{0, 0.5, 1});
}

TEST_CASE("roc_curve matches scikit-learn's docs example with pos_label 2", "[metrics]") {
  const RocCurve r = roc_curve(std::vector<int>{1, 1, 2, 2}, kScores, 2);
  CHECK(r.fpr == std::vector<double>{0, 0, 0.5, 0.5, 1});
  CHECK(r.tpr == std::vector<double>{0, 0.5, 0.5, 1, 1});
  REQUIRE(r.thresholds.size() == 5);
  CHECK(std::isinf(r.thresholds[0]));
  CHECK(std::vector<double>(r.thresholds.begin() + 1, r.thresholds.end()) ==
        std::vector<double>{0.8, 0.4, 0.35, 0.1});
}

TEST_CASE("drop_intermediate keeps only the corners of the ROC curve", "[metrics]") {
  // A perfect ranking: tps 1,2,3,3,3,3 and fps 0,0,0,1,2,3; the corners are (0,1/3) (the first
  // point), (0,1) and (1,1).
  const std::vector<int> t = {0, 0, 0, 1, 1, 1};
  const std::vector<double> s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  CHECK(roc_curve(t, s).fpr.size() == 7);
  const RocCurve r = roc_curve(t, s, 1, true);
  CHECK(r.fpr == std::vector<double>{0, 0, 0, 1});
  CHECK(r.tpr == std::vector<double>{0, 1.0 / 3, 1, 1});
  CHECK(r.thresholds.back() == 0.1);
}

TEST_CASE("precision_recall_curve matches scikit-learn's docs example", "[metrics]") {
  const PrecisionRecallCurve pr = precision_recall_curve(kTrue, kScores);
  REQUIRE(pr.precision.size() == 5);
  CHECK(pr.precision[0] == 0.5);
  CHECK(pr.precision[1] == Approx(2.0 / 3));
  CHECK(pr.precision[2] == 0.5);
  CHECK(pr.precision[3] == 1.0);
  CHECK(pr.precision[4] == 1.0);  // the final point, by convention
  CHECK(pr.recall == std::vector<double>{1, 1, 0.5, 0.5, 0});
  CHECK(pr.thresholds == std::vector<double>{0.1, 0.35, 0.4, 0.8});
}

TEST_CASE("average precision of the docs example is 0.8333", "[metrics]") {
  // Steps in recall: 1/2 at precision 1 (threshold .8) and 1/2 at precision 2/3 (threshold
  // .35): 1/2 + 1/3 = 5/6.
  CHECK(average_precision_score(kTrue, kScores) == Approx(5.0 / 6));
  CHECK(average_precision_score(std::vector<int>{1, 0}, std::vector<double>{0.9, 0.1}) == 1.0);
}

TEST_CASE("curves needing both classes refuse one-class input", "[metrics]") {
  const std::vector<int> all_positive = {1, 1}, all_negative = {0, 0};
  const std::vector<double> s = {0.2, 0.7};
  CHECK(code_of([&] { roc_auc_score(all_positive, s); }) == "eval.undefined_metric");
  CHECK(code_of([&] { roc_curve(all_negative, s); }) == "eval.undefined_metric");
  CHECK(code_of([&] { average_precision_score(all_negative, s); }) == "eval.undefined_metric");
  // Only positives: precision is 1 everywhere, still defined.
  CHECK(average_precision_score(all_positive, s) == 1.0);
  CHECK(code_of([&] { roc_auc_score(all_positive, std::vector<double>{0.1}); }) ==
        "eval.length_mismatch");
  CHECK(code_of([&] { roc_auc_score(std::vector<int>{0, 1}, std::vector<double>{0.1, NAN}); }) ==
        "eval.bad_value");
}

TEST_CASE("evenly spaced thinning keeps both ends and never repeats a point", "[metrics]") {
  CHECK(evenly_spaced_indices(3, 200) == std::vector<std::size_t>{0, 1, 2});
  CHECK(evenly_spaced_indices(10, 4) == std::vector<std::size_t>{0, 3, 6, 9});
  const auto big = evenly_spaced_indices(100001, 200);
  REQUIRE(big.size() == 200);
  CHECK(big.front() == 0);
  CHECK(big.back() == 100000);
  for (std::size_t i = 1; i < big.size(); ++i) CHECK(big[i] > big[i - 1]);
}

// Regression metrics on scikit-learn's docs example worked by hand, R^2's constant-target rule,
// and the report's thinned residuals.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/eval/metrics_regression.hpp"
#include "error_checks.hpp"

using namespace mlcore::eval;
using mlplay_test::code_of;

namespace {

// scikit-learn's docs example for mean_absolute_error, mean_squared_error and r2_score.
const std::vector<double> kTrue = {3, -0.5, 2, 7};
const std::vector<double> kPred = {2.5, 0.0, 2, 8};

}  // namespace

TEST_CASE("MAE, MSE and RMSE of the docs example", "[metrics]") {
  // Errors .5, -.5, 0, -1: MAE 2/4, MSE (.25 + .25 + 0 + 1) / 4.
  CHECK(mean_absolute_error(kTrue, kPred) == 0.5);
  CHECK(mean_squared_error(kTrue, kPred) == 0.375);
  CHECK(root_mean_squared_error(kTrue, kPred) == Approx(std::sqrt(0.375)));
}

TEST_CASE("R^2 of the docs example worked by hand", "[metrics]") {
  // Mean 2.875; SS_tot = .125^2 + 3.375^2 + .875^2 + 4.125^2 = 29.1875; SS_res = 1.5.
  CHECK(r2_score(kTrue, kPred) == Approx(1 - 1.5 / 29.1875));  // 0.948608...
  // Predicting the mean scores 0; worse than the mean is negative.
  CHECK(r2_score(kTrue, std::vector<double>(4, 2.875)) == Approx(0.0).margin(1e-12));
  CHECK(r2_score(std::vector<double>{1, 2, 3}, std::vector<double>{3, 2, 1}) == Approx(-3.0));
}

TEST_CASE("R^2 of a constant target is 1 when perfect and 0 otherwise", "[metrics]") {
  // 0.1 is not exact in binary, so a rounded SS_tot might not be 0; the rule looks at values.
  const std::vector<double> flat = {0.1, 0.1, 0.1};
  CHECK(r2_score(flat, flat) == 1.0);
  CHECK(r2_score(flat, std::vector<double>{0.1, 0.2, 0.1}) == 0.0);
  // One row: undefined, as in scikit-learn; the report shows null.
  CHECK(std::isnan(r2_score(std::vector<double>{1}, std::vector<double>{1})));
  CHECK(regression_report(std::vector<double>{1}, std::vector<double>{2})["r2"].is_null());
}

TEST_CASE("residuals are y_true minus y_pred", "[metrics]") {
  const Eigen::VectorXd r = residuals(kTrue, kPred);
  CHECK(r[0] == 0.5);
  CHECK(r[1] == -0.5);
  CHECK(r[3] == -1.0);
}

TEST_CASE("the regression report has the metrics and at most 500 residual points", "[metrics]") {
  const nlohmann::json small = regression_report(kTrue, kPred);
  CHECK(small["mae"] == 0.5);
  CHECK(small["mse"] == 0.375);
  CHECK(small["rmse"].get<double>() == Approx(std::sqrt(0.375)));
  CHECK(small["r2"].get<double>() == Approx(1 - 1.5 / 29.1875));
  REQUIRE(small["residuals"].size() == 4);
  CHECK(small["residuals"][3]["predicted"] == 8.0);
  CHECK(small["residuals"][3]["residual"] == -1.0);

  Eigen::VectorXd t(1234), p(1234);
  for (int i = 0; i < 1234; ++i) {
    t[i] = i;
    p[i] = i + (i % 2 ? 0.5 : -0.5);
  }
  const nlohmann::json big = regression_report(t, p);
  REQUIRE(big["residuals"].size() == kMaxResidualPoints);
  CHECK(big["residuals"].front()["predicted"] == -0.5);   // row 0 kept
  CHECK(big["residuals"].back()["predicted"] == 1233.5);  // row 1233 kept
  CHECK(big["mae"] == 0.5);
}

TEST_CASE("regression metrics refuse empty, misaligned and missing values", "[metrics]") {
  const std::vector<double> none, one = {1.0}, with_nan = {1.0, NAN};
  CHECK(code_of([&] { mean_absolute_error(none, none); }) == "eval.empty_input");
  CHECK(code_of([&] { mean_squared_error(kTrue, one); }) == "eval.length_mismatch");
  CHECK(code_of([&] { r2_score(with_nan, with_nan); }) == "eval.bad_value");
}

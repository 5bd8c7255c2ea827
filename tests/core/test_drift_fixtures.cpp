// The drift statistics against SciPy: every expected value in fixtures/drift_fixtures.json was
// computed by SciPy 1.10 (make_drift_fixtures.py documents the calls) on the same samples and
// the binned vectors DRIFT.md describes; each must match within 1e-9 relative. Set
// MLPLAY_DRIFT_ERRORS=1 to print the largest relative error of each group.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <iostream>
#include <map>

#include "core/drift/binning.hpp"
#include "core/drift/kolmogorov.hpp"
#include "core/drift/ks_two_sample.hpp"
#include "core/drift/smirnov.hpp"
#include "core/drift/special_functions.hpp"
#include "core/drift/stattest.hpp"
#include "drift_samples.hpp"

namespace {

using mlcore::drift::ColumnPair;
using mlcore::drift::FeatureType;
using mlcore::drift::Sample;
using mlcore::drift::Side;
using mlplay_test::fixture_number;
using nlohmann::json;

constexpr double kRel = 1e-9;

const json& fixtures() {
  static const json j = [] {
    std::ifstream in(std::string(MLPLAY_SOURCE_DIR) + "/tests/core/fixtures/drift_fixtures.json");
    REQUIRE(in.good());
    return json::parse(in);
  }();
  return j;
}

// Checks one value and remembers the worst relative error per group for the optional summary.
struct Errors {
  std::map<std::string, double> worst;
  ~Errors() {
    if (!std::getenv("MLPLAY_DRIFT_ERRORS")) return;
    for (const auto& [group, e] : worst) std::cout << "drift fixtures: " << group << " max relative error " << e << "\n";
  }
  void check(const std::string& group, double actual, const json& expected_json) {
    const double expected = fixture_number(expected_json);
    INFO(group << ": actual " << actual << " expected " << expected);
    CHECK(mlplay_test::rel_close(actual, expected, kRel));
    if (std::isfinite(expected) && std::fabs(expected) >= std::numeric_limits<double>::min()) {  // normal numbers only
      double& w = worst[group];
      w = std::max(w, std::fabs(actual - expected) / std::fabs(expected));
    }
  }
};

Errors& errors() {
  static Errors e;
  return e;
}

std::vector<double> sorted(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("drift fixtures: K-S two-sample statistic and p-value match SciPy ks_2samp, exact and asymptotic", "[drift]") {
  for (const auto& c : fixtures()["ks_2samp"]) {
    const auto r = mlcore::drift::ks_two_sample(sorted(mlplay_test::drift_gen(c["reference"])),
                                                sorted(mlplay_test::drift_gen(c["current"])));
    INFO("n1 " << c["reference"]["n"] << " n2 " << c["current"]["n"]);
    CHECK(r.exact == c["exact"].get<bool>());
    errors().check(r.exact ? "ks_2samp D (exact)" : "ks_2samp D (asymptotic)", r.statistic, c["statistic"]);
    errors().check(r.exact ? "ks_2samp p (exact)" : "ks_2samp p (asymptotic)", r.p_value, c["pvalue"]);
  }
}

TEST_CASE("drift fixtures: the Kolmogorov distribution and smirnov match SciPy kstwo.sf on every branch", "[drift]") {
  for (const auto& c : fixtures()["kstwo"]) {
    const long n = c["n"].get<long>();
    const double x = c["x"].get<double>();
    INFO("n " << n << " x " << x);
    errors().check("kstwo.sf", mlcore::drift::kstwo_sf(n, x), c["sf"]);
    errors().check("smirnov", mlcore::drift::smirnov_sf(n, x), c["smirnov"]);
  }
}

TEST_CASE("drift fixtures: chi-square survival function and the normal CDF match SciPy", "[drift]") {
  for (const auto& c : fixtures()["chi2"]) {
    INFO("df " << c["df"] << " x " << c["x"]);
    errors().check("chi2.sf", mlcore::drift::chi2_sf(c["x"].get<double>(), c["df"].get<int>()), c["sf"]);
  }
  for (const auto& c : fixtures()["normal"]) {
    INFO("z " << c["z"]);
    errors().check("2 (1 - norm.cdf)", 2 * (1 - mlcore::drift::normal_cdf(c["z"].get<double>())), c["p"]);
  }
}

TEST_CASE("drift fixtures: chisquare, Z-test, Hellinger and TVD on category counts match SciPy and Evidently", "[drift]") {
  for (const auto& c : fixtures()["counts"]) {
    const auto ref = mlplay_test::counts_column("c", c["reference"].get<std::vector<int>>());
    const auto cur = mlplay_test::counts_column("c", c["current"].get<std::vector<int>>());
    INFO("reference " << c["reference"].dump() << " current " << c["current"].dump());
    ColumnPair pair(Sample::of(ref), Sample::of(cur));
    const auto chi = mlcore::drift::chisquare_stattest().run(pair, FeatureType::Categorical);
    errors().check("chisquare statistic", chi.statistic, c["chisquare"]["statistic"]);
    errors().check("chisquare p", chi.score, c["chisquare"]["pvalue"]);
    if (c.contains("z")) {
      const auto z = mlcore::drift::z_stattest().run(pair, FeatureType::Categorical);
      errors().check("z statistic", z.statistic, c["z"]["statistic"]);
      errors().check("z p", z.score, c["z"]["pvalue"]);
    }
    errors().check("hellinger (categorical)", mlcore::drift::hellinger_stattest().run(pair, FeatureType::Categorical).score,
                   c["hellinger"]);
    if (c.contains("tvd")) {
      const auto t = mlcore::drift::tvd_stattest().run(pair, FeatureType::Categorical);
      errors().check("TVD statistic", t.statistic, c["tvd"]["statistic"]);
      CHECK(t.score == c["tvd"]["pvalue"].get<double>());  // the same 1,000 permutations, counted exactly
    }
  }
}

TEST_CASE("drift fixtures: bins, PSI, KL, Jensen-Shannon, normed Wasserstein and Hellinger match numpy and SciPy", "[drift]") {
  for (const auto& c : fixtures()["binned"]) {
    const auto ref = mlplay_test::float_column("x", mlplay_test::drift_gen(c["reference"]));
    const auto cur = mlplay_test::float_column("x", mlplay_test::drift_gen(c["current"]));
    INFO("reference " << c["reference"].dump() << " current " << c["current"].dump());
    ColumnPair pair(Sample::of(ref), Sample::of(cur));
    const auto binned = mlcore::drift::get_binned_data(pair, FeatureType::Numerical, false);
    if (c.contains("edges")) {
      REQUIRE(binned.bins.edges.size() == c["edges"].size());
      for (std::size_t i = 0; i < binned.bins.edges.size(); ++i)
        CHECK(binned.bins.edges[i] == fixture_number(c["edges"][i]));  // the same bits
    } else {
      REQUIRE(binned.bins.labels.size() == c["keys"].size());
      for (std::size_t i = 0; i < c["keys"].size(); ++i) CHECK(pair.keys().values[i] == fixture_number(c["keys"][i]));
    }
    CHECK(binned.bins.reference == c["reference_counts"].get<std::vector<double>>());
    CHECK(binned.bins.current == c["current_counts"].get<std::vector<double>>());
    errors().check("psi", mlcore::drift::psi_stattest().run(pair, FeatureType::Numerical).score, c["psi"]);
    errors().check("kl_div", mlcore::drift::kl_div_stattest().run(pair, FeatureType::Numerical).score, c["kl_div"]);
    errors().check("jensenshannon", mlcore::drift::jensenshannon_stattest().run(pair, FeatureType::Numerical).score,
                   c["jensenshannon"]);
    const auto w = mlcore::drift::wasserstein_stattest().run(pair, FeatureType::Numerical);
    errors().check("wasserstein_distance", w.statistic, c["wasserstein"]);
    errors().check("wasserstein / std", w.score,
                   fixture_number(c["wasserstein"]) / std::max(fixture_number(c["std"]), 0.001));
    errors().check("hellinger (numerical)", mlcore::drift::hellinger_stattest().run(pair, FeatureType::Numerical).score,
                   c["hellinger"]);
  }
}

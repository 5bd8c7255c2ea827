// Feature binning for the tree learners: thresholds worked out by hand (midpoints of distinct
// values, numpy's "midpoint" percentiles), the bin of a value, and the same bins whether a column
// is binned by the sort-and-walk path (fit_transform) or by search (fit then transform).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/data/random.hpp"
#include "core/models/binning.hpp"

using namespace mlcore::models;
using mlcore::data::Rng;

TEST_CASE("few distinct values give the midpoints between them", "[binning]") {
  // Distinct values 1, 2, 3, 5 -> midpoints 1.5, 2.5, 4.
  CHECK(find_bin_thresholds({3, 1, 2, 2, 5}, 255) == std::vector<double>{1.5, 2.5, 4.0});
  // NaN is left out; -0 and +0 are one value.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(find_bin_thresholds({1, nan, -2, -0.0, 0.0}, 255) == std::vector<double>{-1.0, 0.5});
  // A constant column has one bin and no threshold.
  CHECK(find_bin_thresholds({7, 7, 7}, 255).empty());
  CHECK(find_bin_thresholds({}, 255).empty());
}

TEST_CASE("more distinct values than bins give midpoints of quantiles", "[binning]") {
  // 0..9 with 4 bins: quantiles 25/50/75 % sit at virtual index q * 9 = 2.25, 4.5, 6.75, and the
  // "midpoint" method averages the values around each: 2.5, 4.5, 6.5 (numpy gives the same).
  CHECK(find_bin_thresholds({9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, 4) == std::vector<double>{2.5, 4.5, 6.5});
  // 0..8 with 4 bins: q * 8 = 2, 4, 6 exactly, so the thresholds are those values.
  CHECK(find_bin_thresholds({0, 1, 2, 3, 4, 5, 6, 7, 8}, 4) == std::vector<double>{2, 4, 6});
  // Heavy ties repeat a quantile; repeats are dropped. 0 x 7, then 1, 2, 3 with 3 bins:
  // q * 9 = 3, 6 -> both 0 -> one threshold.
  CHECK(find_bin_thresholds({0, 0, 0, 0, 0, 0, 0, 1, 2, 3}, 3) == std::vector<double>{0});
}

TEST_CASE("a value's bin counts the thresholds strictly below it", "[binning]") {
  Eigen::MatrixXd X(4, 2);
  X << 1, 10,  //
      3, 10,   //
      2, 20,   //
      3, 30;
  BinMapper mapper;
  Rng rng(0);
  const BinnedData b = mapper.fit_transform(X, all_rows(4), 255, rng);
  REQUIRE(b.rows == 4);
  REQUIRE(b.features == 2);
  CHECK(mapper.thresholds(0) == std::vector<double>{1.5, 2.5});
  CHECK(mapper.thresholds(1) == std::vector<double>{15, 25});
  // Column-major: feature 0's four bins, then feature 1's.
  CHECK(b.bins == std::vector<std::uint8_t>{0, 2, 1, 2, 0, 0, 1, 2});
  // New data: a value equal to a threshold goes to the bin below it (x <= threshold goes left).
  CHECK(mapper.bin_of(0, 0.0) == 0);
  CHECK(mapper.bin_of(0, 1.5) == 0);
  CHECK(mapper.bin_of(0, 1.6) == 1);
  CHECK(mapper.bin_of(0, 100) == 2);
  CHECK(mapper.n_bins(0) == 3);
  // A subset of rows, in the order listed.
  const BinnedData part = mapper.transform(X, {3, 0});
  CHECK(part.bins == std::vector<std::uint8_t>{2, 0, 2, 0});
}

TEST_CASE("sort-and-walk binning equals search binning on a large random column", "[binning]") {
  Rng rng(5);
  const int n = 5000;
  Eigen::MatrixXd X(n, 3);
  for (int i = 0; i < n; ++i) {
    X(i, 0) = rng.normal();                            // continuous: quantile thresholds
    X(i, 1) = static_cast<double>(rng.uniform_int(40));  // 40 distinct integers: midpoints
    X(i, 2) = -rng.uniform() * 1e6;                    // all negative
  }
  BinMapper walked, searched;
  Rng a(1), b(1);
  const BinnedData w = walked.fit_transform(X, all_rows(n), 255, a);
  searched.fit(X, all_rows(n), 255, b);
  const BinnedData s = searched.transform(X, all_rows(n));
  CHECK(w.bins == s.bins);
  for (std::size_t f = 0; f < 3; ++f) {
    const auto& t = walked.thresholds(f);
    CHECK(t == searched.thresholds(f));
    CHECK(std::is_sorted(t.begin(), t.end()));
    CHECK(std::adjacent_find(t.begin(), t.end()) == t.end());  // strictly increasing
    CHECK(t.size() <= 254);
    // The definition of a bin, checked against std::lower_bound.
    for (int i = 0; i < n; i += 7)
      CHECK(w.column(f)[i] == std::lower_bound(t.begin(), t.end(), X(i, static_cast<Eigen::Index>(f))) - t.begin());
  }
  CHECK(walked.thresholds(0).size() == 254);  // 255 bins for a continuous column
  CHECK(walked.thresholds(1).size() == 39);
}

TEST_CASE("thresholds come from a seeded subsample when there are many rows", "[binning]") {
  Rng data(3);
  Eigen::MatrixXd X(1000, 1);
  for (int i = 0; i < 1000; ++i) X(i, 0) = data.uniform();
  BinMapper m1, m2, m3;
  Rng s1(9), s2(9), s3(10);
  m1.fit(X, all_rows(1000), 16, s1, 100);
  m2.fit(X, all_rows(1000), 16, s2, 100);
  m3.fit(X, all_rows(1000), 16, s3, 100);
  CHECK(m1.thresholds(0).size() == 15);
  CHECK(m1.thresholds(0) == m2.thresholds(0));  // same seed, same sample
  CHECK(m1.thresholds(0) != m3.thresholds(0));
  // fit_transform takes the same subsample, then bins every row.
  BinMapper m4;
  Rng s4(9);
  const BinnedData b = m4.fit_transform(X, all_rows(1000), 16, s4, 100);
  CHECK(m4.thresholds(0) == m1.thresholds(0));
  CHECK(b.bins == m1.transform(X, all_rows(1000)).bins);
}

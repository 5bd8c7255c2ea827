// Train/test and cross-validation splits: sizes by scikit-learn's rules, class proportions kept
// when stratifying, seeds that reproduce, every row tested exactly once across folds, and the
// error codes for impossible parameters.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/eval/splits.hpp"
#include "error_checks.hpp"

using namespace mlcore::eval;
using mlplay_test::code_of;

namespace {

using Rows = std::vector<std::size_t>;

// Train and test are disjoint and together hold every row 0..n-1 once.
void check_partition(const Split& s, std::size_t n) {
  Rows all = s.train;
  all.insert(all.end(), s.test.begin(), s.test.end());
  std::sort(all.begin(), all.end());
  REQUIRE(all.size() == n);
  for (std::size_t i = 0; i < n; ++i) REQUIRE(all[i] == i);
}

// Across folds, each row is in exactly one test fold, and each fold is a partition.
void check_folds(const std::vector<Split>& folds, std::size_t n) {
  std::vector<int> tested(n, 0);
  for (const Split& f : folds) {
    check_partition(f, n);
    for (std::size_t r : f.test) ++tested[r];
  }
  for (std::size_t r = 0; r < n; ++r) REQUIRE(tested[r] == 1);
}

std::map<int, std::size_t> count_classes(const std::vector<int>& labels, const Rows& rows) {
  std::map<int, std::size_t> c;
  for (std::size_t r : rows) ++c[labels[r]];
  return c;
}

// 100 rows: 50 of class 0, 30 of class 1, 20 of class 2, interleaved.
std::vector<int> imbalanced_labels() {
  std::vector<int> y;
  for (int i = 0; i < 100; ++i) y.push_back(i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2);
  return y;
}

}  // namespace

TEST_CASE("train_test_split sizes follow scikit-learn: ceil of the fraction, or a count",
          "[splits]") {
  const Split a = train_test_split(10, 0.25, 42);  // ceil(2.5) = 3
  CHECK(a.test.size() == 3);
  CHECK(a.train.size() == 7);
  check_partition(a, 10);
  CHECK(train_test_split(10, 3.0, 42).test.size() == 3);  // a whole number is a row count
  CHECK(train_test_split(100, 0.2, 1).test.size() == 20);
  CHECK(train_test_split(2, 0.5, 1).test.size() == 1);
}

TEST_CASE("the same seed gives the same split and another seed a different one", "[splits]") {
  const Split a = train_test_split(50, 0.2, 7), b = train_test_split(50, 0.2, 7);
  CHECK(a.train == b.train);
  CHECK(a.test == b.test);
  CHECK(train_test_split(50, 0.2, 8).test != a.test);
  const std::vector<int> y = imbalanced_labels();
  CHECK(train_test_split(100, 0.3, 5, y).test == train_test_split(100, 0.3, 5, y).test);
}

TEST_CASE("impossible test sizes are refused as eval.bad_split", "[splits]") {
  for (double bad : {0.0, -0.1, 1.5, 10.0, 11.0, std::nan("")})
    CHECK(code_of([&] { train_test_split(10, bad, 0); }) == "eval.bad_split");
  // One row: its only row would be the test row, leaving no training set.
  CHECK(code_of([&] { train_test_split(1, 0.5, 0); }) == "eval.bad_split");
}

TEST_CASE("a stratified split keeps each class's share within one row", "[splits]") {
  const std::vector<int> y = imbalanced_labels();
  // 20% of 50 / 30 / 20 is exactly 10 / 6 / 4.
  const Split s = train_test_split(100, 0.2, 3, y);
  check_partition(s, 100);
  const auto test = count_classes(y, s.test);
  CHECK(test.at(0) == 10);
  CHECK(test.at(1) == 6);
  CHECK(test.at(2) == 4);
  // Fractions that do not divide evenly, several seeds and awkward label values (-1, 7, 3).
  std::vector<int> odd;
  for (int i = 0; i < 37; ++i) odd.push_back(i % 7 == 0 ? -1 : i % 3 == 0 ? 7 : 3);
  const auto total = count_classes(odd, [] {
    Rows all(37);
    for (std::size_t i = 0; i < 37; ++i) all[i] = i;
    return all;
  }());
  for (double size : {0.1, 0.25, 0.33, 0.5, 0.8, 5.0, 20.0})
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      const Split t = train_test_split(37, size, seed, odd);
      check_partition(t, 37);
      const double n_test = static_cast<double>(t.test.size());
      for (const auto& [label, n_class] : total) {
        const double share = static_cast<double>(n_class) * n_test / 37.0;
        const auto got = count_classes(odd, t.test);
        const double in_test = got.count(label) ? static_cast<double>(got.at(label)) : 0.0;
        CHECK(std::fabs(in_test - share) < 1.0);
      }
    }
}

TEST_CASE("stratifying refuses a one-row class and misaligned labels", "[splits]") {
  const std::vector<int> lonely = {0, 0, 0, 1, 1, 2};
  CHECK(code_of([&] { train_test_split(6, 0.5, 0, lonely); }) == "eval.too_few_in_class");
  CHECK(code_of([&] { train_test_split(7, 0.5, 0, lonely); }) == "eval.length_mismatch");
  // Three classes cannot all reach a test set of two rows.
  const std::vector<int> three = {0, 0, 1, 1, 2, 2};
  CHECK(code_of([&] { train_test_split(6, 2.0, 0, three); }) == "eval.bad_split");
}

TEST_CASE("kfold of 10 rows in 3 folds has test sizes 4, 3, 3 in row order", "[splits]") {
  const std::vector<Split> f = kfold(10, 3);
  REQUIRE(f.size() == 3);
  CHECK(f[0].test == Rows{0, 1, 2, 3});
  CHECK(f[1].test == Rows{4, 5, 6});
  CHECK(f[2].test == Rows{7, 8, 9});
  CHECK(f[1].train == Rows{0, 1, 2, 3, 7, 8, 9});
  check_folds(f, 10);
}

TEST_CASE("shuffled kfold keeps the sizes, tests every row once and repeats for a seed",
          "[splits]") {
  const std::vector<Split> f = kfold(10, 3, true, 11);
  CHECK(f[0].test.size() == 4);
  CHECK(f[1].test.size() == 3);
  CHECK(f[2].test.size() == 3);
  CHECK(std::is_sorted(f[0].test.begin(), f[0].test.end()));
  check_folds(f, 10);
  CHECK(kfold(10, 3, true, 11)[0].test == f[0].test);
  CHECK(kfold(10, 3, true, 12)[0].test != f[0].test);
  check_folds(kfold(103, 7, true, 1), 103);
}

TEST_CASE("kfold refuses fewer than 2 folds or more folds than rows", "[splits]") {
  CHECK(code_of([] { kfold(10, 1); }) == "eval.bad_split");
  CHECK(code_of([] { kfold(10, 11); }) == "eval.bad_split");
  CHECK(kfold(10, 10).size() == 10);  // leave-one-out is the limit
}

TEST_CASE("stratified kfold deals each class over the folds like scikit-learn", "[splits]") {
  // Six of class 0 then four of class 1, two folds: sorted codes dealt alternately give each
  // fold 3 of class 0 and 2 of class 1, handed out in row order (scikit-learn's answer).
  const std::vector<int> y = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  const std::vector<Split> f = stratified_kfold(y, 2);
  REQUIRE(f.size() == 2);
  CHECK(f[0].test == Rows{0, 1, 2, 6, 7});
  CHECK(f[1].test == Rows{3, 4, 5, 8, 9});
  check_folds(f, 10);
}

TEST_CASE("stratified folds keep every class within one row of proportional", "[splits]") {
  const std::vector<int> y = imbalanced_labels();
  for (int k : {2, 3, 4, 7})
    for (bool shuffle : {false, true}) {
      const std::vector<Split> folds = stratified_kfold(y, k, shuffle, 9);
      check_folds(folds, 100);
      for (const Split& f : folds) {
        const auto c = count_classes(y, f.test);
        CHECK(std::fabs(static_cast<double>(c.at(0)) - 50.0 / k) < 1.0);
        CHECK(std::fabs(static_cast<double>(c.at(1)) - 30.0 / k) < 1.0);
        CHECK(std::fabs(static_cast<double>(c.at(2)) - 20.0 / k) < 1.0);
      }
    }
  const auto a = stratified_kfold(y, 5, true, 4), b = stratified_kfold(y, 5, true, 4);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].test == b[i].test);
  CHECK(stratified_kfold(y, 5, true, 5)[0].test != a[0].test);
}

TEST_CASE("stratified kfold warns about small classes and refuses one-row classes",
          "[splits]") {
  std::vector<mlcore::Warning> warnings;
  const std::vector<int> y = {0, 0, 0, 0, 0, 1, 1};  // class 1 has 2 rows, fewer than 3 folds
  check_folds(stratified_kfold(y, 3, false, 0, &warnings), 7);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].code == "eval.few_in_class");
  const std::vector<int> lonely = {0, 0, 0, 1};
  CHECK(code_of([&] { stratified_kfold(lonely, 2); }) == "eval.too_few_in_class");
  const std::vector<int> small = {0, 0, 1, 1};  // 3 folds, but no class has 3 rows
  CHECK(code_of([&] { stratified_kfold(small, 3); }) == "eval.bad_split");
  CHECK(code_of([&] { stratified_kfold(small, 1); }) == "eval.bad_split");
}

TEST_CASE("time series split of 10 rows in 3 folds: tests of 2 after 4, 6 and 8 rows",
          "[splits]") {
  const std::vector<Split> f = time_series_split(10, 3);
  REQUIRE(f.size() == 3);
  CHECK(f[0].train == Rows{0, 1, 2, 3});
  CHECK(f[0].test == Rows{4, 5});
  CHECK(f[1].train.size() == 6);
  CHECK(f[1].test == Rows{6, 7});
  CHECK(f[2].train.size() == 8);
  CHECK(f[2].test == Rows{8, 9});
  // scikit-learn's docs: 6 rows, 5 splits -> train [0] test [1], ..., train [0..4] test [5].
  const std::vector<Split> g = time_series_split(6, 5);
  REQUIRE(g.size() == 5);
  CHECK(g[0].train == Rows{0});
  CHECK(g[0].test == Rows{1});
  CHECK(g[4].train == Rows{0, 1, 2, 3, 4});
  CHECK(g[4].test == Rows{5});
}

TEST_CASE("time series split refuses too few folds or too few rows", "[splits]") {
  CHECK(code_of([] { time_series_split(10, 1); }) == "eval.bad_split");
  CHECK(code_of([] { time_series_split(3, 3); }) == "eval.bad_split");
  CHECK(time_series_split(4, 3).size() == 3);
}

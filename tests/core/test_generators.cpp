// Seeded synthetic tables: reproducible, shaped as documented, statistically what they claim.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/data/generators.hpp"
#include "core/error.hpp"

using namespace mlcore::data;

namespace {

// Bitwise equality of every cell, NaN included.
bool same_table(const Table& a, const Table& b) {
  if (a.cols() != b.cols() || a.rows() != b.rows()) return false;
  for (std::size_t j = 0; j < a.cols(); ++j) {
    const Column &x = a.columns[j], &y = b.columns[j];
    if (x.name != y.name || x.type != y.type || x.codes != y.codes || x.categories != y.categories)
      return false;
    if (x.numbers.size() != y.numbers.size()) return false;
    if (!x.numbers.empty() &&  // memcmp on an empty vector's null data() is undefined
        std::memcmp(x.numbers.data(), y.numbers.data(), x.numbers.size() * sizeof(double)) != 0)
      return false;
  }
  return true;
}

std::string error_code(void (*f)()) {
  try {
    f();
  } catch (const mlcore::Error& e) {
    return e.code();
  }
  return "no error";
}

std::vector<int> class_counts(const Table& t, std::size_t k) {
  std::vector<int> counts(k, 0);
  for (double v : t.column("target").numbers) ++counts[static_cast<std::size_t>(v)];
  return counts;
}

}  // namespace

TEST_CASE("make_classification has f0..f{n-1} float columns and an integer target 0..k-1", "[generators]") {
  ClassificationSpec spec;
  spec.n_samples = 300;
  spec.n_features = 6;
  spec.n_informative = 3;
  spec.n_classes = 4;
  const Table t = make_classification(spec);
  REQUIRE(t.cols() == 7);
  REQUIRE(t.rows() == 300);
  for (std::size_t j = 0; j < 6; ++j) {
    CHECK(t.columns[j].name == "f" + std::to_string(j));
    CHECK(t.columns[j].type == ColumnType::Float);
    CHECK(t.columns[j].missing_count() == 0);
  }
  CHECK(t.columns[6].name == "target");
  CHECK(t.columns[6].type == ColumnType::Integer);
  for (double v : t.columns[6].numbers) {
    REQUIRE(v == std::floor(v));
    REQUIRE(v >= 0);
    REQUIRE(v <= 3);
  }
}

TEST_CASE("make_classification: same seed, same table, another seed, another table", "[generators]") {
  ClassificationSpec spec;
  spec.seed = 17;
  const Table a = make_classification(spec), b = make_classification(spec);
  CHECK(same_table(a, b));
  spec.seed = 18;
  const Table c = make_classification(spec);
  CHECK_FALSE(same_table(a, c));
  int equal = 0;
  for (std::size_t r = 0; r < a.rows(); ++r) equal += a.columns[0].numbers[r] == c.columns[0].numbers[r];
  CHECK(equal == 0);
}

TEST_CASE("make_classification balances classes exactly without flip_y and roughly with it", "[generators]") {
  ClassificationSpec spec;
  spec.n_samples = 1001;
  spec.n_classes = 3;
  spec.flip_y = 0.0;
  spec.seed = 5;
  const auto exact = class_counts(make_classification(spec), 3);
  CHECK(exact == std::vector<int>{334, 334, 333});

  // Rows are shuffled, so the first rows already mix the classes.
  const Table t = make_classification(spec);
  std::vector<int> head(3, 0);
  for (std::size_t r = 0; r < 60; ++r) ++head[static_cast<std::size_t>(t.columns.back().numbers[r])];
  for (int c : head) CHECK(c > 5);

  spec.flip_y = 0.3;
  for (int c : class_counts(make_classification(spec), 3)) CHECK(std::abs(c - 1001 / 3.0) < 60);
}

TEST_CASE("flip_y changes only labels, about flip_y * (k-1)/k of them", "[generators]") {
  ClassificationSpec spec;
  spec.n_samples = 20000;
  spec.n_features = 3;
  spec.n_classes = 2;
  spec.flip_y = 0.0;
  spec.seed = 8;
  const Table clean = make_classification(spec);
  spec.flip_y = 0.2;
  const Table noisy = make_classification(spec);
  for (std::size_t j = 0; j < 3; ++j) CHECK(clean.columns[j].numbers == noisy.columns[j].numbers);
  int changed = 0;
  for (std::size_t r = 0; r < clean.rows(); ++r)
    changed += clean.columns[3].numbers[r] != noisy.columns[3].numbers[r];
  // Expected 0.1 of rows; binomial standard error sqrt(0.09 / 20000) ~ 0.0021, allow 5.
  CHECK(changed / 20000.0 == Approx(0.1).margin(0.011));
}

TEST_CASE("informative features separate the classes and noise features do not", "[generators]") {
  ClassificationSpec spec;
  spec.n_samples = 4000;
  spec.n_features = 4;
  spec.n_informative = 2;
  spec.class_sep = 2.0;
  spec.flip_y = 0.0;
  spec.seed = 3;
  const Table t = make_classification(spec);
  const auto& y = t.column("target").numbers;
  // Class centres sit on distinct vertices of [-2, 2]^2, so at least one informative feature's
  // class means differ by about 4; noise features have the same mean 0 in both classes.
  auto mean_gap = [&](std::size_t j) {
    double s[2] = {0, 0}, n[2] = {0, 0};
    for (std::size_t r = 0; r < y.size(); ++r) {
      s[static_cast<int>(y[r])] += t.columns[j].numbers[r];
      ++n[static_cast<int>(y[r])];
    }
    return std::fabs(s[0] / n[0] - s[1] / n[1]);
  };
  CHECK(std::max(mean_gap(0), mean_gap(1)) > 3.0);
  CHECK(mean_gap(2) < 0.15);
  CHECK(mean_gap(3) < 0.15);
}

TEST_CASE("make_classification rejects impossible specs with generators.invalid_parameter", "[generators]") {
  CHECK(error_code([] { ClassificationSpec s; s.n_informative = 21; make_classification(s); }) ==
        "generators.invalid_parameter");
  CHECK(error_code([] { ClassificationSpec s; s.n_classes = 1; make_classification(s); }) ==
        "generators.invalid_parameter");
  CHECK(error_code([] { ClassificationSpec s; s.n_informative = 2; s.n_classes = 5; make_classification(s); }) ==
        "generators.invalid_parameter");
  CHECK(error_code([] { ClassificationSpec s; s.flip_y = 1.5; make_classification(s); }) ==
        "generators.invalid_parameter");
  CHECK(error_code([] { ClassificationSpec s; s.n_samples = 0; make_classification(s); }) ==
        "generators.invalid_parameter");
  CHECK(error_code([] { ClassificationSpec s; s.n_samples = 100000000; make_classification(s); }) ==
        "generators.too_large");
  // Four classes on the four vertices of a square: the tightest legal case still finishes.
  ClassificationSpec s;
  s.n_informative = 2;
  s.n_classes = 4;
  CHECK(make_classification(s).rows() == 100);
  // class_sep 0 puts every centre at the origin; the classes still get distinct vertices.
  s.class_sep = 0.0;
  CHECK(make_classification(s).rows() == 100);
}

TEST_CASE("make_regression with noise 0 is exactly linear in its features", "[generators]") {
  RegressionSpec spec;
  spec.n_samples = 60;
  spec.n_features = 5;
  spec.n_informative = 3;
  spec.bias = 2.5;
  spec.seed = 11;
  const Table t = make_regression(spec);
  REQUIRE(t.cols() == 6);
  REQUIRE(t.rows() == 60);
  CHECK(t.columns[5].name == "target");
  CHECK(t.columns[5].type == ColumnType::Float);

  Eigen::MatrixXd x(60, 6);
  Eigen::VectorXd y(60);
  for (int r = 0; r < 60; ++r) {
    for (int j = 0; j < 5; ++j) x(r, j) = t.columns[static_cast<std::size_t>(j)].numbers[static_cast<std::size_t>(r)];
    x(r, 5) = 1.0;
    y(r) = t.columns[5].numbers[static_cast<std::size_t>(r)];
  }
  const Eigen::VectorXd beta = x.colPivHouseholderQr().solve(y);
  CHECK((x * beta - y).norm() < 1e-9 * y.norm());
  const auto w = regression_coefficients(spec);
  REQUIRE(w.size() == 5);
  for (int j = 0; j < 5; ++j) CHECK(beta(j) == Approx(w[static_cast<std::size_t>(j)]).margin(1e-9));
  CHECK(w[3] == 0.0);
  CHECK(w[4] == 0.0);
  CHECK(w[0] > 0.0);
  CHECK(beta(5) == Approx(2.5).margin(1e-9));
}

TEST_CASE("make_regression noise has the requested standard deviation", "[generators]") {
  RegressionSpec spec;
  spec.n_samples = 5000;
  spec.n_features = 4;
  spec.n_informative = 4;
  spec.noise = 3.0;
  spec.seed = 12;
  const Table t = make_regression(spec);
  const auto w = regression_coefficients(spec);
  double s2 = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    double fit = 0;
    for (std::size_t j = 0; j < 4; ++j) fit += w[j] * t.columns[j].numbers[r];
    const double e = t.columns[4].numbers[r] - fit;
    s2 += e * e;
  }
  // Standard error of the sd estimate ~ 3 / sqrt(2 * 5000) = 0.03; allow 5.
  CHECK(std::sqrt(s2 / 5000) == Approx(3.0).margin(0.15));
  // The features are the same as without noise: noise is drawn last.
  spec.noise = 0;
  CHECK(make_regression(spec).columns[0].numbers == t.columns[0].numbers);
}

TEST_CASE("make_regression: same seed, same table, another seed, another table", "[generators]") {
  RegressionSpec spec;
  spec.noise = 1.0;
  spec.seed = 99;
  CHECK(same_table(make_regression(spec), make_regression(spec)));
  RegressionSpec other = spec;
  other.seed = 100;
  CHECK_FALSE(same_table(make_regression(spec), make_regression(other)));
  CHECK(regression_coefficients(spec) != regression_coefficients(other));
  CHECK(error_code([] { RegressionSpec s; s.noise = -1; make_regression(s); }) == "generators.invalid_parameter");
  CHECK(error_code([] { RegressionSpec s; s.n_informative = 101; make_regression(s); }) ==
        "generators.invalid_parameter");
}

TEST_CASE("the CSV benchmark table has 8 float, 1 integer and 1 five-valued categorical column", "[generators]") {
  const Table t = make_csv_bench_table(2000, 1);
  REQUIRE(t.cols() == 10);
  REQUIRE(t.rows() == 2000);
  for (std::size_t j = 0; j < 8; ++j) {
    CHECK(t.columns[j].name == "f" + std::to_string(j));
    CHECK(t.columns[j].type == ColumnType::Float);
    CHECK(t.columns[j].missing_count() == 0);
  }
  CHECK(t.columns[8].name == "count");
  CHECK(t.columns[8].type == ColumnType::Integer);
  for (double v : t.columns[8].numbers) REQUIRE((v == std::floor(v) && v >= 0 && v < 1e6));
  const Column& cat = t.columns[9];
  CHECK(cat.name == "category");
  CHECK(cat.type == ColumnType::Categorical);
  CHECK(cat.categories.size() == 5);
  CHECK(cat.missing_count() == 0);
  // Codes follow first-seen order, as a CSV reader would number them.
  std::int32_t next = 0;
  for (auto c : cat.codes) {
    REQUIRE(c <= next);
    if (c == next) ++next;
  }
  // Values print as short decimals, not 17-digit noise.
  CHECK(t.columns[1].text(0).size() <= 8);
  CHECK(same_table(t, make_csv_bench_table(2000, 1)));
  CHECK_FALSE(same_table(t, make_csv_bench_table(2000, 2)));
  CHECK(make_csv_bench_table(0, 1).rows() == 0);
}

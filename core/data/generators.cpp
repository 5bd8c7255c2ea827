// Synthetic tables from a seed. Every draw happens in a fixed order from one Rng, so a spec
// names exactly one table; changing the order of draws here changes every generated dataset
// (and the tests' pinned values), so treat it as part of the format.
#include "generators.hpp"

#include <cmath>
#include <string>

#include "../error.hpp"
#include "random.hpp"

namespace mlcore::data {
namespace {

// Keeps a page from asking wasm for more memory than it can have (a failed allocation aborts
// the module): 100 million cells is 800 MB of doubles.
constexpr double kMaxCells = 1e8;

[[noreturn]] void invalid(const std::string& parameter, const std::string& why) {
  throw Error("generators.invalid_parameter", "Parameter " + parameter + " " + why + ".");
}

void check_shape(std::size_t n_samples, std::size_t n_features, std::size_t n_informative) {
  if (n_samples < 1) invalid("n_samples", "must be at least 1");
  if (n_features < 1) invalid("n_features", "must be at least 1");
  if (n_informative > n_features)
    invalid("n_informative", "is " + std::to_string(n_informative) +
                                 " but must not exceed n_features (" + std::to_string(n_features) + ")");
  if (static_cast<double>(n_samples) * static_cast<double>(n_features + 1) > kMaxCells)
    throw Error("generators.too_large",
                "A table of " + std::to_string(n_samples) + " rows and " + std::to_string(n_features + 1) +
                    " columns is too large to generate; keep n_samples x n_features under 100 million.");
}

Column float_column(std::string name, std::size_t rows) {
  Column c;
  c.name = std::move(name);
  c.type = ColumnType::Float;
  c.numbers.resize(rows);
  return c;
}

// Feature columns f0..f{p-1} from a row-major buffer, rows taken in the order `order` gives.
void add_features(Table& t, const std::vector<double>& x, std::size_t p,
                  const std::vector<std::size_t>& order) {
  for (std::size_t j = 0; j < p; ++j) {
    Column c = float_column("f" + std::to_string(j), order.size());
    for (std::size_t r = 0; r < order.size(); ++r) c.numbers[r] = x[order[r] * p + j];
    t.columns.push_back(std::move(c));
  }
}

std::vector<double> draw_weights(Rng& rng, const RegressionSpec& spec) {
  // As scikit-learn: informative weights uniform in [0, 100), so targets have a visible scale.
  std::vector<double> w(spec.n_features, 0.0);
  for (std::size_t j = 0; j < spec.n_informative; ++j) w[j] = 100.0 * rng.uniform();
  return w;
}

void check_regression(const RegressionSpec& spec) {
  check_shape(spec.n_samples, spec.n_features, spec.n_informative);
  if (!std::isfinite(spec.noise) || spec.noise < 0) invalid("noise", "must be a number >= 0");
  if (!std::isfinite(spec.bias)) invalid("bias", "must be a finite number");
}

// Rounds to `decimals` places; m / 10^d is then the double nearest the short decimal, so
// format_number prints it short, the way measured data look in a real CSV.
double round_to(double v, int decimals) {
  static const double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  return std::round(v * kPow10[decimals]) / kPow10[decimals];
}

}  // namespace

Table make_classification(const ClassificationSpec& spec) {
  check_shape(spec.n_samples, spec.n_features, spec.n_informative);
  const std::size_t n = spec.n_samples, p = spec.n_features, q = spec.n_informative,
                    k = spec.n_classes;
  if (k < 2) invalid("n_classes", "must be at least 2");
  if (q < 1) invalid("n_informative", "must be at least 1 for classes to differ");
  if (q < 63 && (std::uint64_t{1} << q) < k)
    invalid("n_classes", "is " + std::to_string(k) + " but n_informative = " + std::to_string(q) +
                             " only gives 2^" + std::to_string(q) +
                             " distinct class centres; raise n_informative or lower n_classes");
  if (!std::isfinite(spec.class_sep)) invalid("class_sep", "must be a finite number");
  if (!(spec.flip_y >= 0 && spec.flip_y <= 1)) invalid("flip_y", "must be between 0 and 1");

  Rng rng(spec.seed);
  // 1. Class centres on distinct vertices of the cube [-class_sep, class_sep]^q.
  // Vertices are told apart by their sign pattern, not their coordinates, which all coincide
  // when class_sep is 0.
  std::vector<std::vector<bool>> vertex;
  std::vector<std::vector<double>> centre;
  while (centre.size() < k) {
    std::vector<bool> bits(q);
    for (std::size_t j = 0; j < q; ++j) bits[j] = rng.uniform_int(2) == 1;
    bool seen = false;
    for (const auto& o : vertex) seen = seen || o == bits;
    if (seen) continue;
    std::vector<double> c(q);
    for (std::size_t j = 0; j < q; ++j) c[j] = bits[j] ? spec.class_sep : -spec.class_sep;
    vertex.push_back(std::move(bits));
    centre.push_back(std::move(c));
  }
  // 2. A random linear map per class, so clusters are tilted ellipsoids with correlated
  // informative features rather than round balls.
  std::vector<std::vector<double>> mix(k, std::vector<double>(q * q));
  for (auto& a : mix)
    for (auto& v : a) v = rng.uniform(-1.0, 1.0);

  // 3. Rows in class order (balanced: the first n % k classes get one extra row).
  std::vector<double> x(n * p);
  std::vector<double> y(n);
  std::vector<double> z(q);
  for (std::size_t i = 0, cls = 0, end = n / k + (0 < n % k); i < n; ++i) {
    while (i == end) {
      ++cls;
      end += n / k + (cls < n % k);
    }
    y[i] = static_cast<double>(cls);
    for (auto& v : z) v = rng.normal();
    const auto& a = mix[cls];
    for (std::size_t j = 0; j < q; ++j) {
      double s = centre[cls][j];
      for (std::size_t l = 0; l < q; ++l) s += z[l] * a[l * q + j];
      x[i * p + j] = s;
    }
    for (std::size_t j = q; j < p; ++j) x[i * p + j] = rng.normal();
  }
  // 4. Label noise. Both draws happen for every row whatever flip_y is, so two specs that
  // differ only in flip_y share X and differ only in the flipped labels.
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform();
    const auto c = static_cast<double>(rng.uniform_int(k));
    if (u < spec.flip_y) y[i] = c;
  }
  // 5. Shuffle rows, so a head() of the table shows every class.
  const std::vector<std::size_t> order = rng.permutation(n);

  Table t;
  add_features(t, x, p, order);
  Column target;
  target.name = "target";
  target.type = ColumnType::Integer;
  target.numbers.resize(n);
  for (std::size_t r = 0; r < n; ++r) target.numbers[r] = y[order[r]];
  t.columns.push_back(std::move(target));
  return t;
}

std::vector<double> regression_coefficients(const RegressionSpec& spec) {
  check_regression(spec);
  Rng rng(spec.seed);
  return draw_weights(rng, spec);
}

Table make_regression(const RegressionSpec& spec) {
  check_regression(spec);
  const std::size_t n = spec.n_samples, p = spec.n_features;
  Rng rng(spec.seed);
  // Weights first, so regression_coefficients can replay them without drawing X.
  const std::vector<double> w = draw_weights(rng, spec);
  std::vector<double> x(n * p);
  for (auto& v : x) v = rng.normal();
  Column target = float_column("target", n);
  for (std::size_t i = 0; i < n; ++i) {
    double s = spec.bias;
    for (std::size_t j = 0; j < spec.n_informative; ++j) s += x[i * p + j] * w[j];
    target.numbers[i] = s;
  }
  // Drawn after the clean targets and only when asked for, so noise = 0 is exactly linear.
  if (spec.noise > 0)
    for (auto& v : target.numbers) v += spec.noise * rng.normal();

  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  Table t;
  add_features(t, x, p, order);
  t.columns.push_back(std::move(target));
  return t;
}

Table make_csv_bench_table(std::size_t rows, std::uint64_t seed) {
  if (static_cast<double>(rows) * 10 > kMaxCells)
    throw Error("generators.too_large", "A benchmark table of " + std::to_string(rows) +
                                            " rows is too large to generate; keep it under 10 million rows.");
  // (centre, spread, decimals): magnitudes from 1e-5 to 1e5, so the parser meets short and long
  // mantissas, negative numbers and exponent notation (format_number prints 1.2e-05).
  struct Spec {
    double centre, spread;
    int decimals;
  };
  static const Spec kFloats[8] = {{0, 1, 4},      {500, 290, 2}, {50, 10, 1},  {0, 0.01, 6},
                                  {1e5, 2e4, 1},  {0, 0.5, 5},   {0, 1e3, 3},  {0, 1e-5, 9}};
  static const char* const kCategories[5] = {"alpha", "beta", "gamma", "delta", "epsilon"};

  Rng rng(seed);
  Table t;
  for (int j = 0; j < 8; ++j) t.columns.push_back(float_column("f" + std::to_string(j), rows));
  Column count;
  count.name = "count";
  count.type = ColumnType::Integer;
  count.numbers.resize(rows);
  Column category;
  category.name = "category";
  category.type = ColumnType::Categorical;
  category.codes.resize(rows);
  int code_of[5] = {-1, -1, -1, -1, -1};

  for (std::size_t r = 0; r < rows; ++r) {
    for (int j = 0; j < 8; ++j) {
      const Spec& s = kFloats[j];
      t.columns[static_cast<std::size_t>(j)].numbers[r] =
          round_to(rng.normal(s.centre, s.spread), s.decimals);
    }
    count.numbers[r] = static_cast<double>(rng.uniform_int(1000000));
    // Categories are numbered in first-seen order, as the CSV reader numbers them, so
    // write_csv followed by a read gives back an equal table.
    const auto c = static_cast<std::size_t>(rng.uniform_int(5));
    if (code_of[c] < 0) {
      code_of[c] = static_cast<int>(category.categories.size());
      category.categories.emplace_back(kCategories[c]);
    }
    category.codes[r] = code_of[c];
  }
  t.columns.push_back(std::move(count));
  t.columns.push_back(std::move(category));
  return t;
}

}  // namespace mlcore::data

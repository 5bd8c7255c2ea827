// wasserstein: the first Wasserstein (earth mover's) distance divided by the reference standard
// deviation (Evidently's wasserstein_distance_norm.py). Columns: numerical. Returns
// scipy.stats.wasserstein_distance(reference, current) / max(std(reference), 0.001), std with
// ddof = 0, on the raw values (no binning). Drift when the score >= 0.1: the distributions are at
// least a tenth of a reference standard deviation apart. The automatic choice for numeric columns
// with more than 5 distinct values when the reference has more than 1,000 rows.
// W1 = sum over the sorted values of both samples of |U(x_i) - V(x_i)| (x_{i+1} - x_i), U and V
// the two empirical CDFs, summed in numpy's order so the value is SciPy's to the last bit.
#include <algorithm>
#include <cmath>

#include "numpy_sum.hpp"
#include "stattest.hpp"

namespace mlcore::drift {
namespace {

double w1(const std::vector<double>& u, const std::vector<double>& v) {
  const std::size_t nu = u.size(), nv = v.size(), n = nu + nv;
  const double du = static_cast<double>(nu), dv = static_cast<double>(nv);
  NumpySum sum;
  std::size_t mu = 0, mv = 0;  // merge positions: the next value of all = sort(u ++ v)
  std::size_t cu = 0, cv = 0;  // searchsorted(u, all[i], 'right') and the same for v
  auto next = [&]() { return mv >= nv || (mu < nu && u[mu] <= v[mv]) ? u[mu++] : v[mv++]; };
  double x = next();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const double x_next = next();
    while (cu < nu && u[cu] <= x) ++cu;
    while (cv < nv && v[cv] <= x) ++cv;
    sum.add(std::fabs(static_cast<double>(cu) / du - static_cast<double>(cv) / dv) * (x_next - x));
    x = x_next;
  }
  return sum.total();
}

// np.std(reference): the mean and the squared deviations each summed in numpy's order, over the
// cleaned values in row order.
double reference_std(const ColumnPair& pair) {
  const double n = static_cast<double>(pair.rows(Side::Reference));
  NumpySum sum, squares;
  pair.for_each_value(Side::Reference, [&](double x) { sum.add(x); });
  const double mean = sum.total() / n;
  pair.for_each_value(Side::Reference, [&](double x) {
    const double d = mean - x;
    squares.add(d * d);
  });
  return std::sqrt(squares.total() / n);
}

TestOutcome run(ColumnPair& pair, FeatureType) {
  TestOutcome out;
  const double distance = w1(pair.sorted(Side::Reference), pair.sorted(Side::Current));
  const double sd = reference_std(pair);
  out.score = distance / std::max(sd, 0.001);
  out.statistic = distance;
  out.statistic_name = "W1";
  if (sd < 0.001) out.notes.push_back("the reference standard deviation is below 0.001, so the distance is divided by 0.001");
  return out;
}

}  // namespace

const StatTest& wasserstein_stattest() {
  static const StatTest test = [] {
    StatTest t;
    t.name = "wasserstein";
    t.display_name = "Wasserstein distance (normed)";
    t.short_name = "normed Wasserstein";
    t.score_name = "distance";
    t.score_label = "normed Wasserstein distance";
    t.allowed_types = {FeatureType::Numerical};
    t.default_threshold = 0.1;
    t.drift_when = DriftWhen::ScoreAtLeast;
    t.needs_order = true;
    t.description =
        "Wasserstein-1 distance between the raw values divided by the reference standard deviation (SciPy "
        "wasserstein_distance / np.std); drift when the distance >= threshold.";
    t.drift_meaning = "the distributions are at least that many reference standard deviations apart";
    t.no_drift_meaning = "the distributions are closer than that many reference standard deviations";
    t.run = run;
    return t;
  }();
  return test;
}

}  // namespace mlcore::drift

// Boosting losses and a deterministic exp; see loss.hpp.
#include "loss.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "../data/random.hpp"

namespace mlcore::models {
namespace {

using data::deterministic_log;

// 2^e for e in [-1022, 1023], built from its bits.
double power_of_two(int e) {
  const std::uint64_t bits = static_cast<std::uint64_t>(e + 1023) << 52;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// Sums log p over many rows with one multiply per row: the running product is renormalised with
// frexp (exact) before it can underflow, and one log is taken at the end. Probabilities below
// 2^-500 (a row loss above 346) are rare enough to take their exact log on the spot.
class LogProduct {
 public:
  void add(double p) {
    mantissa_ *= p;
    if (mantissa_ < 0x1p-500) {
      int e = 0;
      mantissa_ = std::frexp(mantissa_, &e);
      exponent_ += e;
    }
  }
  void add_log(double log_p) { extra_ += log_p; }
  static bool tiny(double p) { return !(p >= 0x1p-500); }
  double log() const {
    return deterministic_log(mantissa_) + static_cast<double>(exponent_) * 0.6931471805599453 + extra_;
  }

 private:
  double mantissa_ = 1.0;
  long long exponent_ = 0;
  double extra_ = 0.0;
};

double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + deterministic_exp(-x));
  const double e = deterministic_exp(x);
  return e / (1.0 + e);
}

// log(1 + e^x) without overflow for large x.
double softplus(double x) {
  return x > 0 ? x + deterministic_log(1.0 + deterministic_exp(-x)) : deterministic_log(1.0 + deterministic_exp(x));
}

}  // namespace

// log softmax_c of row i, exactly, for rows whose probability is too small for LogProduct.
double Loss::row_log_softmax(const std::vector<double>& raw, std::size_t n, std::size_t i, std::size_t c) const {
  double top = raw[i];
  for (int k = 1; k < n_outputs; ++k) top = std::max(top, raw[static_cast<std::size_t>(k) * n + i]);
  double s = 0;
  for (int k = 0; k < n_outputs; ++k) s += deterministic_exp(raw[static_cast<std::size_t>(k) * n + i] - top);
  return raw[c * n + i] - top - deterministic_log(s);
}

double deterministic_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return HUGE_VAL;
  if (x < -745.1332191019412) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; ln2 split as in fdlibm so k * ln2_hi is exact.
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double k = std::floor(x * 1.44269504088896338700 + 0.5);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // Taylor series to r^13 / 13! (the first omitted term is below 2^-60 for |r| <= 0.35) in
  // Horner form; the coefficients are the doubles nearest 1 / k!.
  static const double inv_factorial[14] = {
      1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333,
      0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05, 2.7557319223985893e-06,
      2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09, 1.6059043836821613e-10};
  double p = inv_factorial[13];
  for (int i = 12; i >= 0; --i) p = p * r + inv_factorial[i];
  // Scale by 2^k through the exponent bits (std::ldexp is a slow library call): exact while the
  // result is normal; below that, one rounding in the second multiply, as ldexp would round.
  const int e = static_cast<int>(k);
  if (e >= -1022 && e <= 1023) return p * power_of_two(e);
  return e > 0 ? p * power_of_two(e - 1) * 2.0 : p * power_of_two(e + 600) * power_of_two(-600);
}

std::vector<double> Loss::baseline(const double* y, std::size_t n) const {
  if (kind == LossKind::SquaredError) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += y[i];
    return {n > 0 ? s / static_cast<double>(n) : 0.0};
  }
  // Class priors, clipped like scikit-learn so an absent class gives a large finite log-odds.
  const int k = kind == LossKind::BinaryLogLoss ? 2 : n_outputs;
  std::vector<double> prior(static_cast<std::size_t>(k), 0.0);
  for (std::size_t i = 0; i < n; ++i) prior[static_cast<std::size_t>(y[i])] += 1;
  for (double& p : prior) p = std::clamp(n > 0 ? p / static_cast<double>(n) : 0.5, DBL_EPSILON, 1 - DBL_EPSILON);
  if (kind == LossKind::BinaryLogLoss) return {deterministic_log(prior[1] / (1 - prior[1]))};
  std::vector<double> out(prior.size());
  double mean = 0;
  for (std::size_t c = 0; c < prior.size(); ++c) mean += (out[c] = deterministic_log(prior[c]));
  mean /= static_cast<double>(prior.size());
  for (double& v : out) v -= mean;
  return out;
}

double Loss::gradients(const double* y, const std::vector<double>& raw, std::size_t n,
                       std::vector<double>& g, std::vector<double>& h) const {
  const std::size_t m = static_cast<std::size_t>(n_outputs);
  g.resize(n * m);
  if (kind == LossKind::SquaredError) {
    h.clear();
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      g[i] = raw[i] - y[i];
      total += 0.5 * g[i] * g[i];
    }
    return n > 0 ? total / static_cast<double>(n) : 0.0;
  }
  h.resize(n * m);
  LogProduct sum;
  if (kind == LossKind::BinaryLogLoss) {
    for (std::size_t i = 0; i < n; ++i) {
      // One exp gives both sigmoid(x) and sigmoid(-x) without the cancellation of 1 - p.
      const double x = raw[i], e = deterministic_exp(-std::fabs(x));
      const double big = 1.0 / (1.0 + e), small = e / (1.0 + e);
      const double p = x >= 0 ? big : small, q = x >= 0 ? small : big;
      g[i] = p - y[i];
      h[i] = p * q;
      const double p_true = y[i] == 1 ? p : q;
      if (!LogProduct::tiny(p_true)) sum.add(p_true);
      else sum.add_log(-softplus(y[i] == 1 ? -x : x));
    }
  } else {
    std::vector<double> p(m);
    for (std::size_t i = 0; i < n; ++i) {
      probabilities(raw.data() + i, n, p.data());
      const auto c = static_cast<std::size_t>(y[i]);
      for (std::size_t k = 0; k < m; ++k) {
        g[k * n + i] = p[k] - (c == k ? 1.0 : 0.0);
        h[k * n + i] = p[k] * (1 - p[k]);
      }
      if (!LogProduct::tiny(p[c])) sum.add(p[c]);
      else sum.add_log(row_log_softmax(raw, n, i, c));
    }
  }
  return n > 0 ? -sum.log() / static_cast<double>(n) : 0.0;
}

double Loss::mean(const double* y, const std::vector<double>& raw, std::size_t n) const {
  if (n == 0) return 0.0;
  if (kind == LossKind::SquaredError) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) total += 0.5 * (y[i] - raw[i]) * (y[i] - raw[i]);
    return total / static_cast<double>(n);
  }
  // Log loss is minus the mean log-probability of the true class.
  LogProduct sum;
  std::vector<double> p(static_cast<std::size_t>(kind == LossKind::BinaryLogLoss ? 2 : n_outputs));
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(y[i]);
    // Binary: sigmoid of the signed margin, not 1 - p, which cancels for confident rows.
    if (kind == LossKind::BinaryLogLoss) p[c] = sigmoid(c == 1 ? raw[i] : -raw[i]);
    else probabilities(raw.data() + i, n, p.data());
    if (!LogProduct::tiny(p[c])) {
      sum.add(p[c]);
    } else if (kind == LossKind::BinaryLogLoss) {  // log sigmoid(s) = -softplus(-s), exactly
      sum.add_log(-softplus(c == 1 ? -raw[i] : raw[i]));
    } else {
      sum.add_log(row_log_softmax(raw, n, i, c));
    }
  }
  return -sum.log() / static_cast<double>(n);
}

void Loss::probabilities(const double* raw_row, std::size_t stride, double* proba) const {
  if (kind == LossKind::BinaryLogLoss) {
    proba[1] = sigmoid(raw_row[0]);
    proba[0] = 1 - proba[1];
    return;
  }
  double top = raw_row[0];
  for (int c = 1; c < n_outputs; ++c) top = std::max(top, raw_row[static_cast<std::size_t>(c) * stride]);
  double s = 0;
  for (int c = 0; c < n_outputs; ++c) s += (proba[c] = deterministic_exp(raw_row[static_cast<std::size_t>(c) * stride] - top));
  for (int c = 0; c < n_outputs; ++c) proba[c] /= s;
}

}  // namespace mlcore::models

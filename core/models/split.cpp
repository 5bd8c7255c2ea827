// Split criteria and the scan over a feature's bins; see split.hpp.
#include "split.hpp"

#include <algorithm>

#include "../data/random.hpp"

namespace mlcore::models {
namespace {

constexpr double kInvLn2 = 1.4426950408889634074;  // entropy in bits, as scikit-learn

// c log c with the same bits natively and in wasm (std::log differs in the last bit between
// glibc and musl, enough to flip a near-tie between two splits).
double xlogx(double c) { return c > 0 ? c * data::deterministic_log(c) : 0.0; }

}  // namespace

HistogramKind histogram_kind(Criterion criterion) {
  switch (criterion) {
    case Criterion::Gini:
    case Criterion::Entropy: return HistogramKind::ClassCounts;
    case Criterion::SquaredError: return HistogramKind::ValueSums;
    case Criterion::Gradient: return HistogramKind::GradientSums;
  }
  return HistogramKind::ClassCounts;
}

int histogram_channels(Criterion criterion, int n_classes) {
  switch (histogram_kind(criterion)) {
    case HistogramKind::ClassCounts: return n_classes;
    case HistogramKind::ValueSums: return 2;
    case HistogramKind::GradientSums: return 3;
  }
  return 1;
}

double count_of(const double* totals, const SplitRules& rules) {
  switch (histogram_kind(rules.criterion)) {
    case HistogramKind::ClassCounts: {
      double n = 0;
      for (int k = 0; k < rules.n_classes; ++k) n += totals[k];
      return n;
    }
    case HistogramKind::ValueSums: return totals[1];
    case HistogramKind::GradientSums: return totals[2];
  }
  return 0;
}

double class_impurity(const double* counts, int n_classes, Criterion criterion) {
  double n = 0;
  for (int k = 0; k < n_classes; ++k) n += counts[k];
  if (n <= 0) return 0.0;
  double acc = 0;
  if (criterion == Criterion::Entropy) {
    for (int k = 0; k < n_classes; ++k) acc += xlogx(counts[k]);
    return std::max(0.0, (xlogx(n) - acc) / n * kInvLn2);
  }
  for (int k = 0; k < n_classes; ++k) acc += counts[k] * counts[k];
  return 1.0 - acc / (n * n);
}

SplitFinder::SplitFinder(const SplitRules& rules)
    : rules_(rules), channels_(histogram_channels(rules.criterion, rules.n_classes)) {
  totals_.resize(static_cast<std::size_t>(channels_));
  left_.resize(totals_.size());
  right_.resize(totals_.size());
}

SplitCandidate SplitFinder::no_split() const {
  SplitCandidate c;
  if (rules_.criterion == Criterion::Gradient) c.gain = 0.0;
  return c;
}

void SplitFinder::start_node(const double* totals) {
  std::copy(totals, totals + channels_, totals_.begin());
  n_ = count_of(totals, rules_);
  const double* t = totals;
  switch (rules_.criterion) {
    case Criterion::Gini: {
      double sq = 0;
      for (int k = 0; k < channels_; ++k) sq += t[k] * t[k];
      parent_term_ = sq / n_;
      break;
    }
    case Criterion::Entropy: {
      double acc = 0;
      for (int k = 0; k < channels_; ++k) acc += xlogx(t[k]);
      parent_term_ = xlogx(n_) - acc;
      break;
    }
    case Criterion::SquaredError: parent_term_ = t[0] * t[0] / n_; break;
    case Criterion::Gradient: parent_term_ = t[0] * t[0] / (t[1] + rules_.l2_regularization); break;
  }
}

// The criteria are template arguments so the per-bin loop below has no switch in it: the scan
// runs for every feature of every node and is the forest's hottest loop on deep trees.
template <Criterion C>
double SplitFinder::score(const double* left, double n_left) const {
  const double n_right = n_ - n_left;
  const double* t = totals_.data();
  if constexpr (C == Criterion::Gini) {
    double sl = 0, sr = 0;
    for (int k = 0; k < channels_; ++k) {
      const double r = t[k] - left[k];
      sl += left[k] * left[k];
      sr += r * r;
    }
    return sl / n_left + sr / n_right - parent_term_;
  } else if constexpr (C == Criterion::Entropy) {
    double al = 0, ar = 0;
    for (int k = 0; k < channels_; ++k) {
      al += xlogx(left[k]);
      ar += xlogx(t[k] - left[k]);
    }
    return (parent_term_ - (xlogx(n_left) - al) - (xlogx(n_right) - ar)) * kInvLn2;
  } else if constexpr (C == Criterion::SquaredError) {
    const double sr = t[0] - left[0];
    return left[0] * left[0] / n_left + sr * sr / n_right - parent_term_;
  } else {
    const double hl = left[1], hr = t[1] - left[1];
    if (hl < rules_.min_hessian_to_split || hr < rules_.min_hessian_to_split)
      return -std::numeric_limits<double>::infinity();
    const double gr = t[0] - left[0], l2 = rules_.l2_regularization;
    return left[0] * left[0] / (hl + l2) + gr * gr / (hr + l2) - parent_term_;
  }
}

template <Criterion C>
bool SplitFinder::scan(const double* feature_hist, int n_bins, int feature, SplitCandidate& best) {
  constexpr bool kClasses = C == Criterion::Gini || C == Criterion::Entropy;
  const int channels = channels_;
  double* left = left_.data();
  std::fill(left, left + channels, 0.0);
  double n_left = 0;
  bool splittable = false;
  for (int b = 0; b + 1 < n_bins; ++b) {
    const double* bin = feature_hist + b * channels;
    double c = 0;
    if constexpr (kClasses) {
      for (int k = 0; k < channels; ++k) c += bin[k];
    } else {
      c = bin[channels - 1];  // the count is the last channel
    }
    if (c == 0) continue;  // an empty bin moves no row: same split as the previous bin
    for (int k = 0; k < channels; ++k) left[k] += bin[k];
    n_left += c;
    const double n_right = n_ - n_left;
    if (n_right <= 0) break;
    splittable = true;
    if (n_left < rules_.min_samples_leaf) continue;
    if (n_right < rules_.min_samples_leaf) break;  // only shrinks from here on
    const double gain = score<C>(left, n_left);
    if (gain > best.gain) {
      best.feature = feature;
      best.bin = b;
      best.gain = gain;
    }
  }
  return splittable;
}

bool SplitFinder::consider(const double* feature_hist, int n_bins, int feature,
                           SplitCandidate& best) {
  switch (rules_.criterion) {
    case Criterion::Gini: return scan<Criterion::Gini>(feature_hist, n_bins, feature, best);
    case Criterion::Entropy: return scan<Criterion::Entropy>(feature_hist, n_bins, feature, best);
    case Criterion::SquaredError: return scan<Criterion::SquaredError>(feature_hist, n_bins, feature, best);
    case Criterion::Gradient: return scan<Criterion::Gradient>(feature_hist, n_bins, feature, best);
  }
  return false;
}

void SplitFinder::left_totals(const double* feature_hist, int bin, double* out) const {
  std::fill(out, out + channels_, 0.0);
  for (int b = 0; b <= bin; ++b)
    for (int k = 0; k < channels_; ++k) out[k] += feature_hist[b * channels_ + k];
}

}  // namespace mlcore::models

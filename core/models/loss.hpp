// The losses gradient boosting minimises, as scikit-learn 1.2's HistGradientBoosting defines them:
//   squared error  (regression)       0.5 (y - f)^2, gradient f - y, hessian 1
//   binary log loss (two classes)      log(1 + e^f) - y f, gradient p - y, hessian p (1 - p)
//   multinomial log loss (three or more) logsumexp(f) - f_y, per class gradient p_k - [y = k],
//                                       hessian p_k (1 - p_k)
// Raw predictions f are stored output by output: raw[k * n + i] is output k of row i, so each
// output's gradients are one contiguous array for its tree. exp and log are computed from
// +, -, *, / only, so the same seed gives the same model natively and in wasm.
#pragma once
#include <cstddef>
#include <vector>

namespace mlcore::models {

enum class LossKind { SquaredError, BinaryLogLoss, MultinomialLogLoss };

// e^x to within about 1 ulp, with the same bits on every IEEE 754 target (std::exp is not).
double deterministic_exp(double x);

struct Loss {
  LossKind kind = LossKind::SquaredError;
  int n_outputs = 1;  // 1, or n_classes for the multinomial loss

  // The constant raw prediction that minimises the loss on y (mean; log-odds of the prior;
  // centred log priors), one per output.
  std::vector<double> baseline(const double* y, std::size_t n) const;
  // Gradients and hessians at raw for every output (same layout as raw); returns the mean loss
  // at raw, from the same probabilities (one exp per row serves both). Squared error leaves
  // `hessians` empty: they are all 1 and the histogram builder takes that shortcut.
  double gradients(const double* y, const std::vector<double>& raw, std::size_t n,
                   std::vector<double>& gradients, std::vector<double>& hessians) const;
  // Mean loss over the n rows.
  double mean(const double* y, const std::vector<double>& raw, std::size_t n) const;
  // Class probabilities of one row from its raw outputs (stride n between outputs);
  // `proba` receives n_classes values (2 for the binary loss).
  void probabilities(const double* raw_row, std::size_t stride, double* proba) const;

 private:
  double row_log_softmax(const std::vector<double>& raw, std::size_t n, std::size_t i, std::size_t c) const;
};

}  // namespace mlcore::models

// What metrics and splits accept, and the checks they all make at the edge. LabelView and
// ValueView let one function take a std::vector or an Eigen vector without copying: labels come
// from models as Eigen::VectorXi and from tests and the CLI as std::vector<int>. A view only
// borrows, so it is for parameters, never for storage.
//
// Error codes thrown here (tests assert the code, not the wording):
//   eval.empty_input      no rows to score
//   eval.length_mismatch  two inputs that must be row-aligned have different lengths
//   eval.bad_value        NaN or infinity where a number is needed
#pragma once
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "../error.hpp"

namespace mlcore::eval {

// Class indices (or, for stratification, any integer group labels), one per row.
class LabelView {
 public:
  LabelView() = default;
  // Implicit on purpose: callers pass either container as is.
  LabelView(const std::vector<int>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT
  LabelView(const Eigen::VectorXi& v)  // NOLINT: implicit by design
      : data_(v.data()), size_(static_cast<std::size_t>(v.size())) {}
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int operator[](std::size_t i) const { return data_[i]; }

 private:
  const int* data_ = nullptr;
  std::size_t size_ = 0;
};

// Real values, one per row: targets, predictions, scores.
class ValueView {
 public:
  ValueView() = default;
  ValueView(const std::vector<double>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT
  ValueView(const Eigen::VectorXd& v)  // NOLINT: implicit by design
      : data_(v.data()), size_(static_cast<std::size_t>(v.size())) {}
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  double operator[](std::size_t i) const { return data_[i]; }

 private:
  const double* data_ = nullptr;
  std::size_t size_ = 0;
};

// The shared checks, named after the arguments so the message points at what to fix.
inline void require_rows(std::size_t n, const char* what) {
  if (n == 0)
    throw Error("eval.empty_input",
                std::string("'") + what + "' is empty: a metric needs at least one row to score.");
}

inline void require_same_length(std::size_t a, const char* name_a, std::size_t b,
                                const char* name_b) {
  if (a != b)
    throw Error("eval.length_mismatch", std::string("'") + name_a + "' has " + std::to_string(a) +
                                            " rows but '" + name_b + "' has " + std::to_string(b) +
                                            "; pass one value per row for both.");
}

inline void require_finite(ValueView v, const char* what) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i]))
      throw Error("eval.bad_value",
                  std::string("'") + what + "' has a missing or infinite value at row " +
                      std::to_string(i + 1) + "; impute or drop it before scoring.",
                  Location{i + 1, 0, {}});
}

}  // namespace mlcore::eval

// One column's reference and current values, as every drift test sees them: missing values
// and infinities dropped (Evidently's `replace([-inf, inf], nan).dropna()`), then whatever
// view a test needs, computed once and kept: the sorted values (K-S, Wasserstein, numeric bins),
// or the distinct values with their counts in each sample (chi-square, Z, the binned distances).
// A Sample only points at the rows, so a monitor can test a window of a stream without copying.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../data/table.hpp"

namespace mlcore::drift {

// Rows [begin, end) of a column, not owned: the column must outlive the Sample.
struct Sample {
  data::ColumnType type = data::ColumnType::Float;
  const double* numbers = nullptr;         // numeric storage (integer, float, boolean, datetime)
  const std::int32_t* codes = nullptr;     // categorical storage: index into *categories, -1 missing
  const std::vector<std::string>* categories = nullptr;
  std::size_t size = 0;

  static Sample of(const data::Column& column);
  static Sample of(const data::Column& column, std::size_t begin, std::size_t end);
  static Sample of_numbers(const std::vector<double>& values, data::ColumnType type = data::ColumnType::Float);
  bool numeric() const { return codes == nullptr; }
};

enum class Side { Reference, Current };

// The distinct values of both samples together (sorted: numbers ascending, labels by bytes),
// with how often each occurs in each sample.
struct KeyCounts {
  bool numeric = true;
  std::vector<double> values;        // numeric keys
  std::vector<std::string> labels;   // categorical keys
  std::vector<double> reference;     // counts, as doubles for the arithmetic that follows
  std::vector<double> current;
  std::size_t size() const { return reference.size(); }
  std::string label(std::size_t i, data::ColumnType type) const;
};

class ColumnPair {
 public:
  // Throws drift.type_mismatch when one sample is numeric and the other categorical.
  ColumnPair(Sample reference, Sample current);

  bool numeric() const { return reference_.numeric(); }
  data::ColumnType reference_type() const { return reference_.type; }
  data::ColumnType current_type() const { return current_.type; }
  // Rows left after dropping missing values and infinities.
  std::size_t rows(Side side) const { return side == Side::Reference ? n_ref_ : n_cur_; }
  // Missing values in the current sample before cleaning (NaN only, not infinities).
  std::size_t current_missing() const { return cur_missing_; }

  // Numeric samples only: the cleaned values, ascending.
  const std::vector<double>& sorted(Side side);
  // Distinct values of one sample, or of both together (pandas nunique).
  std::size_t distinct(Side side);
  std::size_t distinct_both();
  // Distinct values of both samples with their counts.
  const KeyCounts& keys();
  // For each cleaned row, in row order, the index of its value in keys() (permutation tests).
  std::vector<std::int32_t> key_index(Side side);
  // f(value) for each cleaned value in row order (numeric samples only), without a copy.
  template <class F>
  void for_each_value(Side side, F f) const {
    const Sample& s = sample(side);
    for (std::size_t i = 0; i < s.size; ++i)
      if (std::isfinite(s.numbers[i])) f(s.numbers[i]);
  }

 private:
  const Sample& sample(Side side) const { return side == Side::Reference ? reference_ : current_; }
  Sample reference_, current_;
  std::size_t n_ref_ = 0, n_cur_ = 0, cur_missing_ = 0;
  std::unique_ptr<std::vector<double>> sorted_ref_, sorted_cur_;
  std::unique_ptr<KeyCounts> keys_;
  long distinct_ref_ = -1, distinct_cur_ = -1, distinct_both_ = -1;
};

}  // namespace mlcore::drift

// Train/test and cross-validation splits. The allocation rules are scikit-learn's (see
// splits.hpp); the randomness is data::Rng's, so a seed gives the same rows natively and in wasm.
#include "splits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>

#include "../data/random.hpp"

namespace mlcore::eval {

namespace {

using data::Rng;

[[noreturn]] void bad_split(const std::string& message) { throw Error("eval.bad_split", message); }

// As a person typed it: "0.25", "30", not "0.250000".
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void require_n_splits(int n_splits, std::size_t n) {
  if (n_splits < 2)
    bad_split("n_splits=" + std::to_string(n_splits) +
              " is too small: cross-validation needs at least 2 folds.");
  if (static_cast<std::size_t>(n_splits) > n)
    bad_split("n_splits=" + std::to_string(n_splits) + " is more than the " + std::to_string(n) +
              " rows: every fold needs at least one test row. Use fewer folds.");
}

// The number of test rows, by scikit-learn's rules for test_size.
std::size_t test_count(std::size_t n, double test_size) {
  const std::string shown = "test_size=" + number_text(test_size);
  std::size_t n_test = 0;
  if (test_size > 0 && test_size < 1) {
    // Same expression as scikit-learn, so the same n and fraction give the same count.
    n_test = static_cast<std::size_t>(std::ceil(test_size * static_cast<double>(n)));
  } else if (test_size >= 1 && test_size == std::floor(test_size) && test_size < 1e18) {
    n_test = static_cast<std::size_t>(test_size);
  } else {
    bad_split(shown + " is neither a fraction between 0 and 1 nor a whole number of rows; use "
                      "e.g. 0.2 for a fifth of the rows or 30 for thirty rows.");
  }
  if (n_test >= n)
    bad_split("With " + std::to_string(n) + " rows and " + shown +
              ", the training set would be empty; use a smaller test_size or more rows.");
  return n_test;
}

// Rows of each class in ascending row order, classes in ascending label order.
std::map<int, std::vector<std::size_t>> rows_by_class(LabelView labels) {
  std::map<int, std::vector<std::size_t>> by;
  for (std::size_t i = 0; i < labels.size(); ++i) by[labels[i]].push_back(i);
  return by;
}

void require_two_in_class(int label, std::size_t count) {
  if (count < 2)
    throw Error("eval.too_few_in_class",
                "Class " + std::to_string(label) + " has only " + std::to_string(count) +
                    " row, too few to stratify: a class needs at least 2 rows (one for each "
                    "side). Merge rare classes, drop them, or split without stratify.");
}

// scikit-learn's _approximate_mode: draws allocated to classes in proportion to their counts,
// floored, then the leftover draws to the classes with the largest remainders, ties broken at
// random. Remainders are compared as exact integers (count * draws mod total), not as floats.
std::vector<std::size_t> approximate_mode(const std::vector<std::size_t>& counts,
                                          std::size_t draws, Rng& rng) {
  std::size_t total = 0;
  for (std::size_t c : counts) total += c;
  std::vector<std::size_t> out(counts.size()), remainder(counts.size());
  std::size_t given = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto product = static_cast<unsigned long long>(counts[i]) * draws;
    out[i] = static_cast<std::size_t>(product / total);
    remainder[i] = static_cast<std::size_t>(product % total);
    given += out[i];
  }
  std::size_t need = draws - given;
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t start = 0; start < order.size() && need > 0;) {
    std::size_t end = start;
    while (end < order.size() && remainder[order[end]] == remainder[order[start]]) ++end;
    std::vector<std::size_t> tied(order.begin() + static_cast<std::ptrdiff_t>(start),
                                  order.begin() + static_cast<std::ptrdiff_t>(end));
    if (tied.size() > need) rng.shuffle(tied);  // only a partial group needs a draw
    for (std::size_t k = 0; k < tied.size() && need > 0; ++k, --need) ++out[tied[k]];
    start = end;
  }
  return out;
}

Split stratified_train_test(LabelView labels, std::size_t n_test, double test_size, Rng& rng) {
  const auto by = rows_by_class(labels);
  for (const auto& [label, rows] : by) require_two_in_class(label, rows.size());
  const std::size_t n_train = labels.size() - n_test;
  const std::string shown = "test_size=" + number_text(test_size);
  if (n_test < by.size() || n_train < by.size())
    bad_split(shown + " gives " + std::to_string(n_test) + " test and " + std::to_string(n_train) +
              " training rows, but stratifying needs at least one row of each of the " +
              std::to_string(by.size()) + " classes on each side; change test_size.");
  std::vector<std::size_t> counts;
  for (const auto& entry : by) counts.push_back(entry.second.size());
  const std::vector<std::size_t> train_per_class = approximate_mode(counts, n_train, rng);
  Split s;
  std::size_t c = 0;
  for (const auto& entry : by) {
    std::vector<std::size_t> rows = entry.second;
    rng.shuffle(rows);
    const auto cut = rows.begin() + static_cast<std::ptrdiff_t>(train_per_class[c++]);
    s.train.insert(s.train.end(), rows.begin(), cut);
    s.test.insert(s.test.end(), cut, rows.end());
  }
  // Otherwise the rows would come grouped by class, which order-sensitive learners would feel.
  rng.shuffle(s.train);
  rng.shuffle(s.test);
  return s;
}

// Test rows from a fold number per row; train is every other row; both ascending.
std::vector<Split> folds_from_assignment(const std::vector<int>& fold_of_row, int n_splits) {
  std::vector<Split> folds(static_cast<std::size_t>(n_splits));
  for (std::size_t row = 0; row < fold_of_row.size(); ++row)
    for (int f = 0; f < n_splits; ++f) {
      Split& s = folds[static_cast<std::size_t>(f)];
      (fold_of_row[row] == f ? s.test : s.train).push_back(row);
    }
  return folds;
}

}  // namespace

Split train_test_split(std::size_t n, double test_size, std::uint64_t seed, LabelView stratify) {
  const std::size_t n_test = test_count(n, test_size);
  Rng rng(seed);
  if (!stratify.empty()) {
    require_same_length(stratify.size(), "stratify", n, "the dataset");
    return stratified_train_test(stratify, n_test, test_size, rng);
  }
  const std::vector<std::size_t> p = rng.permutation(n);
  const auto cut = p.begin() + static_cast<std::ptrdiff_t>(n_test);
  return Split{std::vector<std::size_t>(cut, p.end()), std::vector<std::size_t>(p.begin(), cut)};
}

std::vector<Split> kfold(std::size_t n, int n_splits, bool shuffle, std::uint64_t seed) {
  require_n_splits(n_splits, n);
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  if (shuffle) {
    Rng rng(seed);
    rng.shuffle(rows);
  }
  const auto k = static_cast<std::size_t>(n_splits);
  std::vector<int> fold_of_row(n);
  std::size_t start = 0;
  for (std::size_t f = 0; f < k; ++f) {
    const std::size_t size = n / k + (f < n % k ? 1 : 0);
    for (std::size_t i = start; i < start + size; ++i) fold_of_row[rows[i]] = static_cast<int>(f);
    start += size;
  }
  return folds_from_assignment(fold_of_row, n_splits);
}

std::vector<Split> stratified_kfold(LabelView labels, int n_splits, bool shuffle,
                                    std::uint64_t seed, std::vector<Warning>* warnings) {
  const std::size_t n = labels.size();
  require_n_splits(n_splits, n);
  const auto k = static_cast<std::size_t>(n_splits);
  // Classes numbered by first appearance, as scikit-learn encodes them, so the allocation below
  // deals the same rows to the same folds as scikit-learn does without shuffle.
  std::map<int, std::size_t> code_of;
  std::vector<int> first_label;
  std::vector<std::size_t> code(n), counts;
  for (std::size_t i = 0; i < n; ++i) {
    auto [it, added] = code_of.emplace(labels[i], counts.size());
    if (added) {
      counts.push_back(0);
      first_label.push_back(labels[i]);
    }
    code[i] = it->second;
    ++counts[it->second];
  }
  const std::size_t n_classes = counts.size();
  for (std::size_t c = 0; c < n_classes; ++c) require_two_in_class(first_label[c], counts[c]);
  if (*std::max_element(counts.begin(), counts.end()) < k)
    bad_split("n_splits=" + std::to_string(n_splits) +
              " is more than the rows of every class; use at most " +
              std::to_string(*std::max_element(counts.begin(), counts.end())) + " folds.");
  if (warnings)
    for (std::size_t c = 0; c < n_classes; ++c)
      if (counts[c] < k)
        warnings->push_back({"eval.few_in_class",
                             "Class " + std::to_string(first_label[c]) + " has only " +
                                 std::to_string(counts[c]) + " rows, fewer than n_splits=" +
                                 std::to_string(n_splits) + ": some folds will test no row of it.",
                             {}});
  // scikit-learn's round robin: sort the class codes, deal position p to fold p % k. Each
  // class's count in a fold is then within one of count / k.
  std::vector<std::vector<std::size_t>> allocation(k, std::vector<std::size_t>(n_classes, 0));
  std::size_t p = 0;
  for (std::size_t c = 0; c < n_classes; ++c)
    for (std::size_t j = 0; j < counts[c]; ++j, ++p) ++allocation[p % k][c];
  // Each class's fold numbers in blocks (fold 0's share first), shuffled when asked, then handed
  // to the class's rows in row order.
  Rng rng(seed);
  std::vector<std::vector<int>> folds_for_class(n_classes);
  for (std::size_t c = 0; c < n_classes; ++c) {
    for (std::size_t f = 0; f < k; ++f)
      folds_for_class[c].insert(folds_for_class[c].end(), allocation[f][c], static_cast<int>(f));
    if (shuffle) rng.shuffle(folds_for_class[c]);
  }
  std::vector<int> fold_of_row(n);
  std::vector<std::size_t> next(n_classes, 0);
  for (std::size_t row = 0; row < n; ++row)
    fold_of_row[row] = folds_for_class[code[row]][next[code[row]]++];
  return folds_from_assignment(fold_of_row, n_splits);
}

std::vector<Split> time_series_split(std::size_t n, int n_splits) {
  if (n_splits < 2)
    bad_split("n_splits=" + std::to_string(n_splits) +
              " is too small: a time-series split needs at least 2 folds.");
  const auto k = static_cast<std::size_t>(n_splits);
  if (k + 1 > n)
    bad_split("n_splits=" + std::to_string(n_splits) + " needs at least " +
              std::to_string(k + 1) + " rows (one training block and " + std::to_string(k) +
              " test blocks), but there are " + std::to_string(n) + ". Use fewer folds.");
  const std::size_t test_size = n / (k + 1);
  std::vector<Split> folds;
  for (std::size_t start = n - k * test_size; start < n; start += test_size) {
    Split s;
    s.train.resize(start);
    std::iota(s.train.begin(), s.train.end(), std::size_t{0});
    s.test.resize(test_size);
    std::iota(s.test.begin(), s.test.end(), start);
    folds.push_back(std::move(s));
  }
  return folds;
}

}  // namespace mlcore::eval

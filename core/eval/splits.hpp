// Index splits over the rows of a dataset, with scikit-learn's names and conventions: a
// train/test split (optionally stratified), k-fold, stratified k-fold and time-series folds.
// Every random choice draws from data::Rng seeded by the caller, so a seed names a split on
// every target (CLI and page). scikit-learn's random stream is not reproduced, only its rules.
//
// Error codes (tests assert the code, not the wording):
//   eval.bad_split          a parameter out of range; the message names it (test_size, n_splits)
//   eval.too_few_in_class   stratifying with a class of a single row: that row can never be on
//                           both sides, so no split can keep the class's proportion. scikit-learn
//                           raises this for a stratified train/test split and only warns for
//                           stratified k-fold; here both raise, so the two agree.
//   eval.length_mismatch    stratify labels not one per row
// Warning (stratified_kfold, as scikit-learn warns):
//   eval.few_in_class       a class has fewer rows than n_splits, so some test folds lack it
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../error.hpp"
#include "inputs.hpp"

namespace mlcore::eval {

// Row indices into the dataset; train and test are disjoint.
struct Split {
  std::vector<std::size_t> train, test;
};

// test_size in (0, 1) is a fraction: ceil(test_size * n) test rows, as scikit-learn. A whole
// number >= 1 is a count of rows (so 1.0 means one row, where scikit-learn would refuse the float
// 1.0). Without stratify: a seeded permutation, the first rows of it for test, the rest for train
// (both in permutation order). With stratify (one label per row, any integers): each class is
// split on its own, train rows allocated to classes like scikit-learn's StratifiedShuffleSplit
// (floor of the proportional share, the leftover rows to the largest remainders, ties drawn
// at random), so each class's test count is within one row of its proportional share; train
// and test are then shuffled.
Split train_test_split(std::size_t n, double test_size, std::uint64_t seed,
                       LabelView stratify = {});

// n_splits folds over rows 0..n-1 (shuffled first when shuffle is set); the first n % n_splits
// folds have one row more. Each fold's test and train lists are in ascending row order, as
// scikit-learn returns them.
std::vector<Split> kfold(std::size_t n, int n_splits, bool shuffle = false,
                         std::uint64_t seed = 0);

// scikit-learn's StratifiedKFold: each class's rows are dealt over the folds so that every
// fold's count of each class is within one of proportional; without shuffle the rows of a class
// go to folds in blocks, in row order. Appends an eval.few_in_class warning per class with fewer
// rows than n_splits when warnings is given.
std::vector<Split> stratified_kfold(LabelView labels, int n_splits, bool shuffle = false,
                                    std::uint64_t seed = 0,
                                    std::vector<Warning>* warnings = nullptr);

// scikit-learn's TimeSeriesSplit: n_splits test folds of n / (n_splits + 1) rows at the end of
// the data, each trained on every row before it (an expanding window); rows never move.
std::vector<Split> time_series_split(std::size_t n, int n_splits);

}  // namespace mlcore::eval

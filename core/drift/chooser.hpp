// Which test a column gets when nobody says, as Evidently decides (_get_default_stattest in
// stattests/registry.py), with the reason as a sentence. First the column's type, inferred on
// the *current* sample as Evidently's data definition does:
//   float -> numerical; whole numbers -> categorical when they take at most 10 distinct values,
//   else numerical (and numerical whenever a value is missing: pandas reads them as floats);
//   true/false -> categorical (unknown, and not tested, with a missing value: pandas reads them as
//   objects); text labels and dates -> text when more than half the values are distinct, else
//   categorical.
// Then, with n_ref the reference rows and n_values the distinct values of both samples:
//                        n_ref <= 1,000                    n_ref > 1,000
//   numerical, <= 2      z                                 jensenshannon
//   numerical, 3 to 5    chisquare                         jensenshannon
//   numerical, > 5       ks                                wasserstein
//   categorical, <= 2    z                                 jensenshannon
//   categorical, > 2     chisquare                         jensenshannon
//   text                 not tested (Evidently uses a text classifier this project does not have)
//   unknown              not tested (Evidently leaves it out)
#pragma once
#include <cstddef>
#include <string>

#include "stattest.hpp"

namespace mlcore::drift {

constexpr std::size_t kSmallReferenceRows = 1000;  // the boundary is n_ref <= 1000
constexpr std::size_t kCategoricalIntegerLimit = 10;

struct TypeGuess {
  FeatureType type = FeatureType::Numerical;
  std::string reason;  // a clause for the verdict, empty when the type is obvious (floats, labels)
};

TypeGuess infer_feature_type(ColumnPair& pair);

struct TestChoice {
  const StatTest* test = nullptr;  // nullptr: not tested
  std::string reason;              // "K-S because the column is numeric with 22 distinct values ..."
};

TestChoice choose_stattest(FeatureType type, std::size_t reference_rows, std::size_t distinct_values);

// 1,000 -> "1,000"
std::string with_commas(std::size_t n);

}  // namespace mlcore::drift

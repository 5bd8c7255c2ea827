// The histogram a column's verdict is drawn with: the bins or categories the test compared
// when it binned (so the picture is the evidence), otherwise 20 equal bins over both samples'
// range for numbers, or the categories (the 49 most frequent plus one "other" bar when there are
// more than 50). Counts, not shares: the page divides by the row counts it also gets.
#pragma once
#include "stattest.hpp"

namespace mlcore::drift {

constexpr std::size_t kDisplayBins = 20;
constexpr std::size_t kMaxDisplayCategories = 50;

Histogram display_histogram(ColumnPair& pair, const TestOutcome* outcome);

}  // namespace mlcore::drift

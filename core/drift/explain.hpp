// The sentences of a drift report: numbers written so a reader can check the comparison
// (never "0.1 >= 0.1" when the score is 0.0999), and the verdict sentence of a column.
#pragma once
#include <string>

#include "column_drift.hpp"

namespace mlcore::drift {

// Three significant digits, more when needed to tell `v` from `other` on screen.
std::string format_score(double v, double other);
// "0.05", "0.1": a threshold as written.
std::string format_threshold(double v);

// "PetalLengthCm: drift. K-S p-value 0.0001 <= 0.05: the two samples are unlikely to come from
// one distribution. K-S because ..." from a filled ColumnDrift.
std::string explain(const ColumnDrift& d);

}  // namespace mlcore::drift

// Dataset profile: what a person looks at before training. Per column the count, missing and
// distinct values plus the statistics its type supports (numbers: min/max/mean/std, quantiles,
// histogram; booleans: true/false counts; categoricals: top categories; datetimes: range);
// per table the size, duplicate rows, memory, and the quality warnings of quality.hpp.
#pragma once
#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../error.hpp"
#include "quality.hpp"
#include "table.hpp"

namespace mlcore::data {

// Histograms use this many equal-width bins over [min, max]; every bin is half-open [a, b)
// except the last, which is closed [a, b] so the maximum is counted (numpy's convention).
// A constant column gets the range [v - 0.5, v + 0.5], also as numpy does.
inline constexpr std::size_t kHistogramBins = 20;
// Categorical profiles list at most this many categories, most frequent first.
inline constexpr std::size_t kTopCategories = 10;

// Quantiles by linear interpolation between order statistics (numpy's default "linear",
// pandas' describe): position (n - 1) * p in the sorted non-missing values.
struct Quantiles {
  double p5 = std::numeric_limits<double>::quiet_NaN();
  double p25 = std::numeric_limits<double>::quiet_NaN();
  double p50 = std::numeric_limits<double>::quiet_NaN();
  double p75 = std::numeric_limits<double>::quiet_NaN();
  double p95 = std::numeric_limits<double>::quiet_NaN();
};

struct Histogram {
  std::vector<double> edges;        // kHistogramBins + 1 edges, or empty when no values
  std::vector<std::size_t> counts;  // kHistogramBins counts, or empty when no values
};

struct TopValue {
  std::string value;
  std::size_t count = 0;
};

// Statistics that do not apply to a column's type keep their defaults (NaN, 0 or empty) and are
// left out of the JSON. NaN means "no value" (e.g. the mean of an all-missing column), as in
// Table; to_json writes it as null.
struct ColumnProfile {
  std::string name;
  ColumnType type = ColumnType::Float;
  std::size_t count = 0;  // non-missing values
  std::size_t missing = 0;
  std::size_t distinct = 0;  // distinct non-missing values
  // Integer, Float and Datetime (seconds since the epoch for Datetime).
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  // Integer and Float.
  double mean = std::numeric_limits<double>::quiet_NaN();
  double std = std::numeric_limits<double>::quiet_NaN();  // sample std (ddof = 1), NaN if count < 2
  Quantiles quantiles;
  Histogram histogram;
  // Boolean.
  std::size_t true_count = 0;
  std::size_t false_count = 0;
  // Categorical (and Integer with at most kMaxIntegerClasses distinct values, such as class
  // codes): top kTopCategories by count, ties in first-seen (code) order, integers by value; `categories` is
  // the size of the column's category list, i.e. the width of its one-hot encoding, which can
  // exceed `distinct` when a subset of rows no longer uses every category.
  std::vector<TopValue> top;
  std::size_t categories = 0;
};

struct Profile {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<ColumnProfile> columns;
  std::size_t duplicate_rows = 0;  // rows equal to an earlier row (missing equals missing)
  std::size_t memory_bytes = 0;    // typed storage: 8 per number, 4 per code, category text
  std::vector<Warning> warnings;   // from check_quality, in its order
};

// Profiles every column and runs the quality checks. Throws data.unknown_column when
// q.target names no column.
Profile profile_table(const Table& t, const QualityOptions& q = {});
// One column on its own (no quality warnings).
ColumnProfile profile_column(const Column& c);
// Number of rows equal to an earlier row, by hashing rows and comparing on equal hashes.
std::size_t count_duplicate_rows(const Table& t);

// {"rows", "columns": [...], "duplicate_rows", "memory_bytes", "warnings": [{"code","message"}]};
// numbers that are missing are null, never NaN.
nlohmann::json to_json(const ColumnProfile& c);
nlohmann::json to_json(const Profile& p);

}  // namespace mlcore::data

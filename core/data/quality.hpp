// Data quality checks: rules that turn a profile into warnings a student can act on. Each rule
// has a stable code (tests and the page key on it) and a sentence naming the column, what was
// found and what to do. Warnings carry no location: they are about whole columns or the table.
//
//   quality.constant_column   exactly one distinct non-missing value
//   quality.high_missing      missing share strictly above high_missing_share
//   quality.duplicate_rows    at least one row equal to an earlier row
//   quality.id_like_column    integer or categorical, a different value in every row, >= 20 rows
//   quality.class_imbalance   target's most frequent class >= imbalance_ratio times its rarest
//   quality.extreme_outliers  values outside [Q1 - f*IQR, Q3 + f*IQR], f = outlier_iqr_factor
//   quality.numeric_as_text   categorical whose values mostly read as numbers written as text
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "table.hpp"

namespace mlcore::data {

struct QualityOptions {
  // quality.high_missing fires when missing / rows is strictly above this share.
  double high_missing_share = 0.3;
  // Column checked by quality.class_imbalance; empty = no target, no imbalance check.
  std::string target;
  // quality.class_imbalance fires when the most frequent class has at least this many times the
  // rows of the least frequent one (rows with a missing target not counted). A ratio rather than
  // "rarest share < 10%", because with 11 or more balanced classes every share is under 10%;
  // for two classes the two rules nearly agree (ratio 10 = rarest share 1/11 = 9.1%).
  double imbalance_ratio = 10.0;
  // quality.extreme_outliers fences: Q1 - f*IQR and Q3 + f*IQR (3 = Tukey's "far out").
  double outlier_iqr_factor = 3.0;
  // quality.numeric_as_text fires when at least this share of non-missing values read as numbers.
  double numeric_text_min_share = 0.9;
};

// quality.id_like_column needs at least this many rows: in a tiny table every column is unique.
inline constexpr std::size_t kIdLikeMinRows = 20;
// An integer target with more distinct values than this is taken as a regression target and
// skipped by quality.class_imbalance (a float target is always skipped).
inline constexpr std::size_t kMaxIntegerClasses = 20;

struct Profile;

// Profiles the table and returns its warnings (same as profile_table(t, q).warnings). Throws
// data.unknown_column when q.target names no column.
std::vector<Warning> check_quality(const Table& t, const QualityOptions& q = {});
// The rules over an existing profile of `t`, so profile_table computes statistics only once.
std::vector<Warning> check_quality(const Table& t, const Profile& p, const QualityOptions& q = {});

// How a piece of text reads as a number, for quality.numeric_as_text.
enum class NumberText {
  None,          // not a number ("abc", "12:30", "2020-01-05", "1 2")
  Plain,         // what a reader with decimal '.' accepts: "12", "-1.5", "2e3"
  DecimalComma,  // the decimal separator is a comma: "1,5", "1 234,5", "1.234,5", "12,5 %"
  Decorated,     // digit grouping or symbols around a '.'-decimal: "1 234", "$12.50", "45%"
};
NumberText classify_number_text(std::string_view text);

}  // namespace mlcore::data

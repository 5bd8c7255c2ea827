// See chooser.hpp.
#include "chooser.hpp"

namespace mlcore::drift {

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

TypeGuess infer_feature_type(ColumnPair& pair) {
  using data::ColumnType;
  TypeGuess g;
  const std::size_t distinct = pair.distinct(Side::Current);
  const std::string d = with_commas(distinct);
  switch (pair.current_type()) {
    case ColumnType::Float:
      g.type = FeatureType::Numerical;
      return g;
    case ColumnType::Integer:
      if (pair.current_missing() > 0) {
        g.type = FeatureType::Numerical;
        g.reason = "numerical because its whole numbers have missing values, which pandas reads as floats";
      } else if (distinct <= kCategoricalIntegerLimit) {
        g.type = FeatureType::Categorical;
        g.reason = "categorical because it holds whole numbers with " + d +
                   " distinct values in the current data (at most 10)";
      } else {
        g.type = FeatureType::Numerical;
        g.reason = "numerical because it holds whole numbers with " + d +
                   " distinct values in the current data (more than 10)";
      }
      return g;
    case ColumnType::Boolean:
      // pandas reads true/false with a missing value as Python objects, which Evidently's type
      // inference calls Unknown and its report leaves out.
      g.type = pair.current_missing() > 0 ? FeatureType::Unknown : FeatureType::Categorical;
      if (g.type == FeatureType::Unknown)
        g.reason = "of unknown type because its true/false values have missing ones, which pandas reads as Python "
                   "objects that are neither numbers nor text";
      return g;
    case ColumnType::Categorical:
    case ColumnType::Datetime: {
      const std::size_t rows = pair.rows(Side::Current);
      const bool text = static_cast<double>(distinct) > 0.5 * static_cast<double>(rows);
      g.type = text ? FeatureType::Text : FeatureType::Categorical;
      const std::string what = pair.current_type() == ColumnType::Datetime ? "dates (read as text by pandas)" : "labels";
      g.reason = std::string(text ? "text" : "categorical") + " because its " + what + " take " + d +
                 " distinct values in " + with_commas(rows) + " current rows (" +
                 (text ? "more than half" : "at most half") + ")";
      if (!text && pair.current_type() == ColumnType::Categorical) g.reason.clear();
      return g;
    }
  }
  return g;
}

TestChoice choose_stattest(FeatureType type, std::size_t n_ref, std::size_t n_values) {
  TestChoice c;
  if (type == FeatureType::Text) {
    c.reason = "Evidently checks text columns with a text classifier, which this project does not have.";
    return c;
  }
  if (type == FeatureType::Unknown) {
    c.reason = "Evidently leaves columns of unknown type out of its drift report.";
    return c;
  }
  const bool small = n_ref <= kSmallReferenceRows;
  const bool numerical = type == FeatureType::Numerical;
  std::string qualifier;
  if (small) {
    if (n_values <= 2) {
      c.test = &z_stattest();
      qualifier = "at most 2";
    } else if (!numerical || n_values <= 5) {
      c.test = &chisquare_stattest();
      qualifier = numerical ? "3 to 5" : "more than 2";
    } else {
      c.test = &ks_stattest();
      qualifier = "more than 5";
    }
  } else if (numerical && n_values > 5) {
    c.test = &wasserstein_stattest();
    qualifier = "more than 5";
  } else {
    c.test = &jensenshannon_stattest();
    qualifier = numerical ? "at most 5" : "";
  }
  c.reason = c.test->short_name + " because the column is " + (numerical ? "numerical" : "categorical") + " with " +
             with_commas(n_values) + " distinct values" + (qualifier.empty() ? "" : " (" + qualifier + ")") +
             " and the reference has " + with_commas(n_ref) + " rows (" + (small ? "at most 1,000" : "more than 1,000") +
             ").";
  if (c.reason[0] >= 'a' && c.reason[0] <= 'z') c.reason[0] = static_cast<char>(c.reason[0] - 'a' + 'A');
  return c;
}

}  // namespace mlcore::drift

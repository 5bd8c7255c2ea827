// Turning table columns into the numeric matrix a model learns from, the way a scikit-learn
// Pipeline(SimpleImputer, OneHotEncoder, StandardScaler) would: fitted on the training rows only
// (so nothing about the test rows leaks into the model) and saved with the model, so a prediction
// months later gets exactly the same treatment.
//
// - numeric columns (integer, float, boolean as 0/1, datetime as seconds): missing or infinite
//   values get the training mean, median or most frequent value; with `scale`, then
//   (x - mean) / std with the training mean and population std (std 0 -> 1);
// - categorical columns: missing values get the most frequent training category, then one 0/1
//   column per training category (sorted, as OneHotEncoder); a category never seen in training
//   gives all zeros in its block (OneHotEncoder's handle_unknown="ignore"). One-hot columns are
//   not scaled: 0/1 is already a common scale and "island=Biscoe" stays readable.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "../data/table.hpp"

namespace mlcore::models {

struct FeatureSpec {
  std::string name;
  data::ColumnType type = data::ColumnType::Float;
  std::vector<std::string> categories;  // categories seen in the training rows, sorted
};
// {"name", "type", "categories" (categorical only)}; the reader throws model.corrupt naming
// `path` ("features[2]") when a field is missing or wrong.
nlohmann::json feature_spec_to_json(const FeatureSpec& spec);
FeatureSpec feature_spec_from_json(const nlohmann::json& j, const std::string& path);

struct PreprocessOptions {
  std::string impute = "mean";  // mean | median | most_frequent for numeric columns; categoricals
                                // always use most_frequent
  bool scale = false;
};

// The feature columns of a run: `requested`, or every column but the target when empty. Checks
// each exists (data.unknown_column) and is not the target (model.target_in_features).
std::vector<std::string> feature_columns(const data::Table& t, const std::vector<std::string>& requested,
                                         const std::string& target);

class Preprocessor {
 public:
  // features: column names, which must all exist (data.unknown_column naming it); rows: the
  // training row indices. Throws model.no_features, model.duplicate_feature, model.bad_param
  // (an unknown impute strategy).
  void fit(const data::Table& t, const std::vector<std::string>& features,
           const std::vector<std::size_t>& rows, const PreprocessOptions& o);
  // The same columns, found by name (order in t may differ, extra columns are ignored): a missing
  // one is model.missing_feature; a value that cannot be read as the training type is
  // model.bad_feature_type naming the column, the value and the row. Never missing or infinite
  // values in the result.
  Eigen::MatrixXd transform(const data::Table& t, const std::vector<std::size_t>& rows) const;
  Eigen::MatrixXd transform(const data::Table& t) const;  // all rows
  // One per output column: the feature name, or "island=Biscoe" inside a one-hot block.
  std::vector<std::string> output_names() const;
  const std::vector<FeatureSpec>& features() const { return features_; }
  const PreprocessOptions& options() const { return options_; }

  // {"features": [FeatureSpec...], "impute", "scale", "columns": [{"name", "fill", "mean"?,
  // "std"?}]}; fill is a number, a category or null (a categorical column with no training value).
  nlohmann::json to_json() const;
  // Throws model.corrupt naming the field.
  void from_json(const nlohmann::json& j);

 private:
  struct Fitted {
    double fill = 0.0;  // numeric: the imputed value; categorical: index into categories, -1 none
    double mean = 0.0;  // scaling, numeric columns only
    double std = 1.0;
  };
  std::vector<FeatureSpec> features_;
  std::vector<Fitted> fitted_;
  PreprocessOptions options_;
};

}  // namespace mlcore::models

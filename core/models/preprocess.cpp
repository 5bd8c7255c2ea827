// Imputation, one-hot encoding and scaling fitted on training rows; see preprocess.hpp.
#include "preprocess.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "../data/csv_values.hpp"
#include "../error.hpp"
#include "model_json.hpp"

namespace mlcore::models {
namespace {

bool is_categorical(const FeatureSpec& s) { return s.type == data::ColumnType::Categorical; }

// Infinity is treated as missing: no imputer or scaler can do anything sensible with it.
bool usable(double v) { return std::isfinite(v); }

double numeric_fill(std::vector<double> v, const std::string& strategy) {
  if (v.empty()) return 0.0;  // nothing to learn from: 0 rather than dropping the column
  // In row order, like the scaler's statistics: no sort, which cost more than the fit of a tree.
  if (strategy == "mean")
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  if (strategy == "median") {
    const std::size_t h = v.size() / 2;
    return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2.0;
  }
  // most_frequent: the longest run in sorted order; the first (smallest) wins ties, as
  // scikit-learn.
  double best = v[0];
  std::size_t best_run = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    if (j - i > best_run) best = v[i], best_run = j - i;
    i = j;
  }
  return best;
}

// The number a numeric feature's value is, when the prediction table holds it as text (a column
// that a few odd values made categorical). nullopt = missing.
std::optional<double> number_from_text(const std::string& text, const FeatureSpec& spec,
                                       std::size_t row) {
  static const data::csv::ValueRules rules{'.', data::csv::MissingSet({""})};
  double v = 0;
  switch (data::csv::classify(text, rules, v)) {
    case data::csv::ValueKind::Missing:
      return std::nullopt;
    case data::csv::ValueKind::Text:
      throw Error("model.bad_feature_type",
                  "Column '" + spec.name + "' was " + data::to_string(spec.type) +
                      " in training, but data row " + std::to_string(row + 1) + " holds '" +
                      excerpt_of(text) + "', which is not a " + data::to_string(spec.type) +
                      " value. Fix or remove that value.");
    default:
      return usable(v) ? std::optional<double>(v) : std::nullopt;
  }
}

}  // namespace

nlohmann::json feature_spec_to_json(const FeatureSpec& spec) {
  nlohmann::json j = {{"name", spec.name}, {"type", data::to_string(spec.type)}};
  if (is_categorical(spec)) j["categories"] = spec.categories;
  return j;
}

FeatureSpec feature_spec_from_json(const nlohmann::json& j, const std::string& path) {
  FeatureSpec s;
  s.name = get_string(j, "name", path);
  try {
    s.type = data::column_type_from_string(get_string(j, "type", path));
  } catch (const Error& e) {
    if (e.code() == "model.corrupt") throw;
    throw_corrupt(path + ".type", "is not a column type");
  }
  if (is_categorical(s)) {
    const auto& c = get_field(j, "categories", path);
    if (!c.is_array()) throw_corrupt(path + ".categories", "should be a list of strings");
    for (const auto& v : c) {
      if (!v.is_string()) throw_corrupt(path + ".categories", "should be a list of strings");
      s.categories.push_back(v.get<std::string>());
    }
  }
  return s;
}

std::vector<std::string> feature_columns(const data::Table& t, const std::vector<std::string>& requested,
                                         const std::string& target) {
  std::vector<std::string> out = requested;
  if (out.empty())
    for (const auto& c : t.columns)
      if (c.name != target) out.push_back(c.name);
  for (const auto& f : out) {
    t.column(f);  // data.unknown_column naming it
    if (f == target)
      throw Error("model.target_in_features", "The target '" + f + "' cannot also be a feature; leave it out of the features.");
  }
  return out;
}

void Preprocessor::fit(const data::Table& t, const std::vector<std::string>& features,
                       const std::vector<std::size_t>& rows, const PreprocessOptions& o) {
  if (o.impute != "mean" && o.impute != "median" && o.impute != "most_frequent")
    throw Error("model.bad_param",
                "Parameter impute = '" + o.impute +
                    "' is not allowed: impute must be one of mean, median, most_frequent.");
  if (features.empty())
    throw Error("model.no_features", "Choose at least one feature column to learn from.");
  for (std::size_t i = 0; i < features.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (features[i] == features[j])
        throw Error("model.duplicate_feature", "Feature '" + features[i] + "' is listed twice.");
  for (std::size_t r : rows)
    if (r >= t.rows())
      throw Error("model.bad_row", "Training row " + std::to_string(r + 1) +
                                       " is past the end of the table (" +
                                       std::to_string(t.rows()) + " rows).");
  std::vector<FeatureSpec> specs;
  std::vector<Fitted> fitted;
  for (const auto& name : features) {
    const data::Column& col = t.column(name);  // data.unknown_column naming it
    FeatureSpec spec{name, col.type, {}};
    Fitted f;
    if (col.type == data::ColumnType::Categorical) {
      std::vector<std::size_t> counts(col.categories.size(), 0);
      for (std::size_t r : rows)
        if (col.codes[r] >= 0) ++counts[static_cast<std::size_t>(col.codes[r])];
      for (std::size_t c = 0; c < counts.size(); ++c)
        if (counts[c] > 0) spec.categories.push_back(col.categories[c]);
      std::sort(spec.categories.begin(), spec.categories.end());
      spec.categories.erase(std::unique(spec.categories.begin(), spec.categories.end()),
                            spec.categories.end());
      // Most frequent; the lexicographically first wins ties (scikit-learn's SimpleImputer).
      std::map<std::string, std::size_t> by_name;
      for (std::size_t c = 0; c < counts.size(); ++c)
        if (counts[c] > 0) by_name[col.categories[c]] += counts[c];
      std::size_t best = 0;
      f.fill = -1;
      for (const auto& [cat, n] : by_name)
        if (n > best) {
          best = n;
          f.fill = static_cast<double>(
              std::lower_bound(spec.categories.begin(), spec.categories.end(), cat) -
              spec.categories.begin());
        }
    } else {
      std::vector<double> values;
      values.reserve(rows.size());
      for (std::size_t r : rows)
        if (usable(col.numbers[r])) values.push_back(col.numbers[r]);
      f.fill = numeric_fill(values, o.impute);
      if (o.scale && !rows.empty()) {
        // Statistics of the imputed column, as a scaler after an imputer in a pipeline sees it.
        const double missing = static_cast<double>(rows.size() - values.size());
        const double n = static_cast<double>(rows.size());
        double sum = missing * f.fill;
        for (double v : values) sum += v;
        f.mean = sum / n;
        double ss = missing * (f.fill - f.mean) * (f.fill - f.mean);
        for (double v : values) ss += (v - f.mean) * (v - f.mean);
        f.std = std::sqrt(ss / n);
        if (!(f.std > 0))
          f.std = 1.0;  // a constant column stays constant rather than dividing by 0
      }
    }
    specs.push_back(std::move(spec));
    fitted.push_back(f);
  }
  features_ = std::move(specs);
  fitted_ = std::move(fitted);
  options_ = o;
}

Eigen::MatrixXd Preprocessor::transform(const data::Table& t,
                                        const std::vector<std::size_t>& rows) const {
  std::size_t width = 0;
  for (const auto& s : features_) width += is_categorical(s) ? s.categories.size() : 1;
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(width));
  for (std::size_t r : rows)
    if (r >= t.rows())
      throw Error("model.bad_row", "Row " + std::to_string(r + 1) +
                                       " is past the end of the table (" +
                                       std::to_string(t.rows()) + " rows).");
  Eigen::Index out = 0;
  for (std::size_t k = 0; k < features_.size(); ++k) {
    const FeatureSpec& spec = features_[k];
    const Fitted& f = fitted_[k];
    const int at = t.find(spec.name);
    if (at < 0)
      throw Error("model.missing_feature", "The model needs the column '" + spec.name +
                                               "', which this table does not have.");
    const data::Column& col = t.columns[static_cast<std::size_t>(at)];
    if (is_categorical(spec)) {
      // Each value of this table's column -> its block position (-1: unknown, all zeros).
      std::unordered_map<std::string, int> position;
      for (std::size_t c = 0; c < spec.categories.size(); ++c)
        position[spec.categories[c]] = static_cast<int>(c);
      auto lookup = [&](const std::string& text) {
        auto it = position.find(text);
        return it == position.end() ? -1 : it->second;
      };
      std::vector<int> code_position;
      if (col.type == data::ColumnType::Categorical)
        for (const auto& c : col.categories) code_position.push_back(lookup(c));
      for (Eigen::Index i = 0; i < n; ++i) {
        const std::size_t r = rows[static_cast<std::size_t>(i)];
        int p;
        if (col.is_missing(r))
          p = static_cast<int>(f.fill);
        else if (col.type == data::ColumnType::Categorical)
          p = code_position[static_cast<std::size_t>(col.codes[r])];
        else
          p = lookup(col.text(r));  // e.g. codes 1, 2, 3 read back as integers
        if (p >= 0) X(i, out + p) = 1.0;
      }
      out += static_cast<Eigen::Index>(spec.categories.size());
      continue;
    }
    if (col.type == data::ColumnType::Categorical) {
      // Parse each distinct category once; only the ones actually used can fail.
      std::vector<std::optional<double>> parsed(col.categories.size());
      std::vector<bool> done(col.categories.size(), false);
      for (Eigen::Index i = 0; i < n; ++i) {
        const std::size_t r = rows[static_cast<std::size_t>(i)];
        double v = f.fill;
        if (!col.is_missing(r)) {
          const auto c = static_cast<std::size_t>(col.codes[r]);
          if (!done[c]) parsed[c] = number_from_text(col.categories[c], spec, r), done[c] = true;
          if (parsed[c]) v = *parsed[c];
        }
        X(i, out) = v;
      }
    } else {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double v = col.numbers[rows[static_cast<std::size_t>(i)]];
        X(i, out) = usable(v) ? v : f.fill;
      }
    }
    if (options_.scale) X.col(out) = (X.col(out).array() - f.mean) / f.std;
    ++out;
  }
  return X;
}

Eigen::MatrixXd Preprocessor::transform(const data::Table& t) const {
  std::vector<std::size_t> rows(t.rows());
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  return transform(t, rows);
}

std::vector<std::string> Preprocessor::output_names() const {
  std::vector<std::string> names;
  for (const auto& s : features_) {
    if (!is_categorical(s))
      names.push_back(s.name);
    else
      for (const auto& c : s.categories) names.push_back(s.name + "=" + c);
  }
  return names;
}

nlohmann::json Preprocessor::to_json() const {
  nlohmann::json specs = nlohmann::json::array(), columns = nlohmann::json::array();
  for (std::size_t k = 0; k < features_.size(); ++k) {
    const auto& s = features_[k];
    const auto& f = fitted_[k];
    specs.push_back(feature_spec_to_json(s));
    nlohmann::json c = {{"name", s.name}};
    if (is_categorical(s)) {
      c["fill"] = f.fill >= 0 ? nlohmann::json(s.categories[static_cast<std::size_t>(f.fill)])
                              : nlohmann::json();
    } else {
      c["fill"] = f.fill;
      if (options_.scale) c["mean"] = f.mean, c["std"] = f.std;
    }
    columns.push_back(std::move(c));
  }
  return {{"features", specs},
          {"impute", options_.impute},
          {"scale", options_.scale},
          {"columns", columns}};
}

void Preprocessor::from_json(const nlohmann::json& j) {
  PreprocessOptions o;
  o.impute = get_string(j, "impute", "preprocessing");
  if (o.impute != "mean" && o.impute != "median" && o.impute != "most_frequent")
    throw_corrupt("preprocessing.impute", "should be mean, median or most_frequent");
  o.scale = get_bool(j, "scale", "preprocessing");
  const auto& fs = get_field(j, "features", "");
  const auto& cs = get_field(j, "columns", "preprocessing");
  if (!fs.is_array() || fs.empty()) throw_corrupt("features", "should be a non-empty list");
  if (!cs.is_array() || cs.size() != fs.size())
    throw_corrupt("preprocessing.columns", "should hold one entry per feature");
  std::vector<FeatureSpec> specs;
  std::vector<Fitted> fitted;
  for (std::size_t k = 0; k < fs.size(); ++k) {
    const std::string path = "preprocessing.columns[" + std::to_string(k) + "]";
    FeatureSpec s = feature_spec_from_json(fs[k], "features[" + std::to_string(k) + "]");
    if (get_string(cs[k], "name", path) != s.name)
      throw_corrupt(path + ".name", "does not match features");
    Fitted f;
    const auto& fill = get_field(cs[k], "fill", path);
    if (is_categorical(s)) {
      f.fill = -1;
      if (!fill.is_null()) {
        auto it = fill.is_string()
                      ? std::find(s.categories.begin(), s.categories.end(), fill.get<std::string>())
                      : s.categories.end();
        if (it == s.categories.end()) throw_corrupt(path + ".fill", "is not one of the categories");
        f.fill = static_cast<double>(it - s.categories.begin());
      }
    } else {
      f.fill = get_number(cs[k], "fill", path);
      if (o.scale) {
        f.mean = get_number(cs[k], "mean", path);
        f.std = get_number(cs[k], "std", path);
        if (!(f.std > 0)) throw_corrupt(path + ".std", "should be positive");
      }
    }
    specs.push_back(std::move(s));
    fitted.push_back(f);
  }
  features_ = std::move(specs);
  fitted_ = std::move(fitted);
  options_ = o;
}

}  // namespace mlcore::models

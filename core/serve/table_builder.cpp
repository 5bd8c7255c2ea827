// Request rows -> the model's feature table; see table_builder.hpp.
#include "table_builder.hpp"

#include <algorithm>

#include "feature_value.hpp"
#include "scoring_error.hpp"

namespace mlcore::serve {

using nlohmann::json;

TableBuilder::TableBuilder(const std::vector<models::FeatureSpec>& features)
    : features_(features), category_codes_(features.size()) {
  for (const auto& f : features) {
    data::Column c;
    c.name = f.name;
    c.type = f.type;
    table_.columns.push_back(std::move(c));
  }
}

std::string TableBuilder::row_name(std::size_t row, std::size_t line) {
  std::string s = "Row " + std::to_string(row);
  if (line) s += " (line " + std::to_string(line) + ")";
  return s;
}

void TableBuilder::fail(std::size_t feature, const std::string& code, const std::string& problem,
                        std::size_t line) const {
  const auto& spec = features_[feature];
  const std::size_t row = rows_ + 1;
  throw bad_request(code,
                    row_name(row, line) + ", field '" + spec.name + "': " + problem + "; send " +
                        expected_value(spec) + " (the model's feature is " +
                        data::to_string(spec.type) + ").",
                    spec.name, row);
}

void TableBuilder::ignore(const std::string& name) {
  if (std::find(ignored_.begin(), ignored_.end(), name) == ignored_.end()) ignored_.push_back(name);
}

std::vector<int> TableBuilder::map_columns(const std::vector<std::string>& names) {
  std::vector<int> out(names.size(), -1);
  std::vector<bool> seen(features_.size(), false);
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == names[i])
        throw bad_request("serve.duplicate_column",
                          "The column '" + names[i] + "' is named twice; name each column once.", names[i]);
    for (std::size_t f = 0; f < features_.size(); ++f)
      if (features_[f].name == names[i]) out[i] = static_cast<int>(f), seen[f] = true;
    if (out[i] < 0) ignore(names[i]);
  }
  for (std::size_t f = 0; f < features_.size(); ++f)
    if (!seen[f])
      throw bad_request("serve.missing_field",
                        "Field '" + features_[f].name + "' is missing from the columns; the model needs " +
                            expected_value(features_[f]) + " for it in every row.",
                        features_[f].name);
  return out;
}

std::vector<int> TableBuilder::feature_order() const {
  std::vector<int> out(features_.size());
  for (std::size_t f = 0; f < out.size(); ++f) out[f] = static_cast<int>(f);
  return out;
}

void TableBuilder::put_category(std::size_t feature, std::string_view text) {
  auto& col = table_.columns[feature];
  auto [it, added] = category_codes_[feature].try_emplace(std::string(text), static_cast<std::int32_t>(col.categories.size()));
  if (added) col.categories.emplace_back(text);
  col.codes.push_back(it->second);
}

void TableBuilder::read_json(std::size_t feature, const json& v) {
  double number = 0;
  std::string_view category;
  if (auto p = read_json_value(features_[feature], v, number, category)) fail(feature, p->code, p->problem);
  if (features_[feature].type == data::ColumnType::Categorical) put_category(feature, category);
  else put_number(feature, number);
}

void TableBuilder::add_record(const json& record) {
  std::size_t used = 0;
  for (std::size_t f = 0; f < features_.size(); ++f) {
    const auto it = record.find(features_[f].name);
    if (it == record.end()) fail(f, "serve.missing_field", "the field is missing");
    read_json(f, *it);
    ++used;
  }
  if (record.size() > used)  // only then look for the names the model does not use
    for (const auto& [key, value] : record.items()) {
      (void)value;
      bool known = false;
      for (const auto& spec : features_) known = known || spec.name == key;
      if (!known) ignore(key);
    }
  ++rows_;
}

void TableBuilder::add_list(const json& values, const std::vector<int>& columns) {
  if (values.size() != columns.size())
    throw bad_request("serve.row_length",
                      row_name(rows_ + 1) + " has " + std::to_string(values.size()) + " values but there are " +
                          std::to_string(columns.size()) + " columns; give one value per column.",
                      "", rows_ + 1);
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] >= 0) read_json(static_cast<std::size_t>(columns[i]), values[i]);
  ++rows_;
}

void TableBuilder::add_text_row(const std::vector<std::string_view>& fields, const std::vector<int>& columns,
                                std::size_t line) {
  if (fields.size() != columns.size())
    throw bad_request("serve.row_length",
                      row_name(rows_ + 1, line) + " has " + std::to_string(fields.size()) +
                          " fields but the header names " + std::to_string(columns.size()) +
                          " columns; give one value per column.",
                      "", rows_ + 1);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] < 0) continue;
    const auto f = static_cast<std::size_t>(columns[i]);
    double number = 0;
    if (auto p = read_text_value(features_[f], fields[i], number)) fail(f, p->code, p->problem, line);
    if (features_[f].type == data::ColumnType::Categorical) put_category(f, fields[i]);
    else put_number(f, number);
  }
  ++rows_;
}

data::Table TableBuilder::finish() {
  if (rows_ == 0) throw bad_request("serve.empty_batch", "The batch has no rows; send at least one row to score.");
  return std::move(table_);
}

}  // namespace mlcore::serve

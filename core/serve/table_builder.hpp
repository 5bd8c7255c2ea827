// Builds the table a model scores from the rows of a request, one row at a time, whatever shape
// they came in (a JSON record, a JSON list of values in a known column order, a CSV row). Every
// value is checked by feature_value.hpp's rules; the first bad one is a 400 naming its field and
// its 1-based row. Fields the model does not use are ignored, as MLflow does, and remembered so
// the response can name them.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "../data/table.hpp"
#include "../models/preprocess.hpp"

namespace mlcore::serve {

class TableBuilder {
 public:
  explicit TableBuilder(const std::vector<models::FeatureSpec>& features);

  // For rows given as lists: the feature index of each named column (-1: not a feature, ignored).
  // Throws serve.duplicate_column for a name given twice and serve.missing_field for a feature
  // the columns do not include.
  std::vector<int> map_columns(const std::vector<std::string>& names);
  // The model's own feature order, for rows without column names.
  std::vector<int> feature_order() const;

  // A JSON object keyed by field name.
  void add_record(const nlohmann::json& record);
  // A JSON list of values in the order `columns` (from map_columns or feature_order) describes.
  void add_list(const nlohmann::json& values, const std::vector<int>& columns);
  // A CSV row; `line` is where it starts in the body, for the message.
  void add_text_row(const std::vector<std::string_view>& fields, const std::vector<int>& columns,
                    std::size_t line);

  std::size_t rows() const { return rows_; }
  // The table with one column per feature; throws serve.empty_batch when no row was added.
  data::Table finish();
  const std::vector<std::string>& ignored_fields() const { return ignored_; }

  // "Row 3" or "Row 3 (line 4)": how every message names a row.
  static std::string row_name(std::size_t row, std::size_t line = 0);

 private:
  void put_number(std::size_t feature, double v) { table_.columns[feature].numbers.push_back(v); }
  void put_category(std::size_t feature, std::string_view text);
  void ignore(const std::string& name);
  [[noreturn]] void fail(std::size_t feature, const std::string& code, const std::string& problem,
                         std::size_t line = 0) const;
  void read_json(std::size_t feature, const nlohmann::json& v);

  const std::vector<models::FeatureSpec>& features_;
  data::Table table_;
  std::vector<std::unordered_map<std::string, std::int32_t>> category_codes_;  // per feature
  std::vector<std::string> ignored_;
  std::size_t rows_ = 0;
};

}  // namespace mlcore::serve

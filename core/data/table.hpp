// The columnar table every stage of the life cycle works on: one typed column per field,
// missing values kept as missing (NaN in numeric storage, code -1 in categorical storage).
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlcore::data {

enum class ColumnType { Integer, Float, Boolean, Categorical, Datetime };

const char* to_string(ColumnType type);
// Parses "integer", "float", "boolean", "categorical", "datetime"; throws data.unknown_type.
ColumnType column_type_from_string(std::string_view name);
inline bool is_numeric_storage(ColumnType t) { return t != ColumnType::Categorical; }

struct Column {
  std::string name;
  ColumnType type = ColumnType::Float;
  // Integer, Float, Boolean (0/1) and Datetime (seconds since 1970-01-01T00:00:00Z) live here;
  // NaN marks a missing value.
  std::vector<double> numbers;
  // Categorical: an index into `categories` (first-seen order); -1 marks a missing value.
  std::vector<std::int32_t> codes;
  std::vector<std::string> categories;

  std::size_t size() const { return type == ColumnType::Categorical ? codes.size() : numbers.size(); }
  bool is_missing(std::size_t row) const {
    return type == ColumnType::Categorical ? codes[row] < 0 : std::isnan(numbers[row]);
  }
  std::size_t missing_count() const;
  // The value as text, as a person would read it ("" when missing).
  std::string text(std::size_t row) const;
};

struct Table {
  std::vector<Column> columns;

  std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
  std::size_t cols() const { return columns.size(); }
  // -1 when absent.
  int find(std::string_view name) const;
  // Throws data.unknown_column naming the column and the columns that exist.
  const Column& column(std::string_view name) const;
};

}  // namespace mlcore::data

// Column and table helpers: type names, lookup by name, values as text.
#include "table.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "../error.hpp"
#include "datetime.hpp"

namespace mlcore::data {

const char* to_string(ColumnType type) {
  switch (type) {
    case ColumnType::Integer: return "integer";
    case ColumnType::Float: return "float";
    case ColumnType::Boolean: return "boolean";
    case ColumnType::Categorical: return "categorical";
    case ColumnType::Datetime: return "datetime";
  }
  return "float";
}

ColumnType column_type_from_string(std::string_view name) {
  for (ColumnType t : {ColumnType::Integer, ColumnType::Float, ColumnType::Boolean,
                       ColumnType::Categorical, ColumnType::Datetime})
    if (name == to_string(t)) return t;
  throw Error("data.unknown_type", "Unknown column type '" + std::string(name) +
                                       "'; use integer, float, boolean, categorical or datetime.");
}

std::size_t Column::missing_count() const {
  std::size_t n = 0;
  if (type == ColumnType::Categorical) {
    for (auto c : codes) n += c < 0;
  } else {
    for (double v : numbers) n += std::isnan(v);
  }
  return n;
}

std::string format_number(double v) {
  char buf[32];
  // The shortest of 15, 16 or 17 significant digits that reads back to the same double.
  for (int digits : {15, 16}) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string Column::text(std::size_t row) const {
  if (is_missing(row)) return "";
  switch (type) {
    case ColumnType::Categorical: return categories[static_cast<std::size_t>(codes[row])];
    case ColumnType::Boolean: return numbers[row] != 0 ? "true" : "false";
    case ColumnType::Datetime: return format_datetime(numbers[row]);
    case ColumnType::Integer:
    case ColumnType::Float: return format_number(numbers[row]);
  }
  return "";
}

int Table::find(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

const Column& Table::column(std::string_view name) const {
  int i = find(name);
  if (i >= 0) return columns[static_cast<std::size_t>(i)];
  std::string known;
  for (const auto& c : columns) known += (known.empty() ? "" : ", ") + c.name;
  throw Error("data.unknown_column",
              "No column named '" + std::string(name) + "'; the columns are: " + known + ".");
}

}  // namespace mlcore::data

// Hand-built columns and tables for tests: numbers with NaN for missing, categorical codes/categories.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/data/table.hpp"

namespace mlplay_test {

// A missing number, as a numeric column holds it.
inline constexpr double NA = std::numeric_limits<double>::quiet_NaN();

inline mlcore::data::Column numeric(std::string name, std::vector<double> values,
                                    mlcore::data::ColumnType type = mlcore::data::ColumnType::Float) {
  mlcore::data::Column c;
  c.name = std::move(name);
  c.type = type;
  c.numbers = std::move(values);
  return c;
}

// The same, with the type before the values.
inline mlcore::data::Column numeric(std::string name, mlcore::data::ColumnType type,
                                    std::vector<double> values) {
  return numeric(std::move(name), std::move(values), type);
}

inline mlcore::data::Column categorical(std::string name, std::vector<std::string> categories,
                                        std::vector<std::int32_t> codes) {
  mlcore::data::Column c;
  c.name = std::move(name);
  c.type = mlcore::data::ColumnType::Categorical;
  c.categories = std::move(categories);
  c.codes = std::move(codes);
  return c;
}

// A categorical column with the codes before the categories.
inline mlcore::data::Column coded(std::string name, std::vector<std::int32_t> codes,
                                  std::vector<std::string> categories) {
  return categorical(std::move(name), std::move(categories), std::move(codes));
}

// Five iris rows: two float measurements and a Species column with three classes.
inline mlcore::data::Table iris_like() {
  mlcore::data::Table t;
  t.columns.push_back(numeric("SepalLengthCm", {5.1, 4.9, 4.7, 4.6, 5.0}));
  t.columns.push_back(numeric("PetalLengthCm", {1.4, 1.4, 1.3, 1.5, 1.4}));
  t.columns.push_back(coded("Species", {0, 0, 1, 1, 2}, {"setosa", "versicolor", "virginica"}));
  return t;
}

}  // namespace mlplay_test

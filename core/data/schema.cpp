// Schemas from tables, and their JSON form (part of the saved workspace).
#include "schema.hpp"

#include <nlohmann/json.hpp>

namespace mlcore::data {

int Schema::find(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

bool operator==(const ColumnSchema& a, const ColumnSchema& b) {
  return a.name == b.name && a.type == b.type && a.categories == b.categories;
}

bool operator==(const Schema& a, const Schema& b) { return a.columns == b.columns; }

Schema schema_of(const Table& table) {
  Schema s;
  s.columns.reserve(table.cols());
  for (const Column& col : table.columns) {
    ColumnSchema c{col.name, col.type, {}};
    if (col.type == ColumnType::Categorical) c.categories = col.categories;
    s.columns.push_back(std::move(c));
  }
  return s;
}

void to_json(nlohmann::json& j, const ColumnSchema& c) {
  j = nlohmann::json{{"name", c.name}, {"type", to_string(c.type)}};
  if (c.type == ColumnType::Categorical) j["categories"] = c.categories;
}

void from_json(const nlohmann::json& j, ColumnSchema& c) {
  c.name = j.at("name").get<std::string>();
  c.type = column_type_from_string(j.at("type").get<std::string>());
  c.categories.clear();
  if (c.type == ColumnType::Categorical && j.contains("categories"))
    c.categories = j.at("categories").get<std::vector<std::string>>();
}

void to_json(nlohmann::json& j, const Schema& s) { j = nlohmann::json{{"columns", s.columns}}; }

void from_json(const nlohmann::json& j, Schema& s) {
  s.columns = j.at("columns").get<std::vector<ColumnSchema>>();
}

}  // namespace mlcore::data

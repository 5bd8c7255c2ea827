// The schema of a dataset version: column names, types and category dictionaries, without the
// data. The dataset registry keeps it per version, and version diffs compare two of them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "table.hpp"

namespace mlcore::data {

struct ColumnSchema {
  std::string name;
  ColumnType type = ColumnType::Float;
  std::vector<std::string> categories;  // categorical only, in the table's first-seen order
};

struct Schema {
  std::vector<ColumnSchema> columns;

  // -1 when absent.
  int find(std::string_view name) const;
};

bool operator==(const ColumnSchema& a, const ColumnSchema& b);
inline bool operator!=(const ColumnSchema& a, const ColumnSchema& b) { return !(a == b); }
bool operator==(const Schema& a, const Schema& b);
inline bool operator!=(const Schema& a, const Schema& b) { return !(a == b); }

Schema schema_of(const Table& table);

// {"name": "Species", "type": "categorical", "categories": [...]}; "categories" only when
// categorical. A Schema is {"columns": [...]}. Unknown type names throw data.unknown_type.
void to_json(nlohmann::json& j, const ColumnSchema& c);
void from_json(const nlohmann::json& j, ColumnSchema& c);
void to_json(nlohmann::json& j, const Schema& s);
void from_json(const nlohmann::json& j, Schema& s);

}  // namespace mlcore::data

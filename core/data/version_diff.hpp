// What changed between two dataset versions: columns added and removed, type and category
// changes, the row count, and, when both tables are at hand and have the same shape, exactly
// which cells changed ("1 cell changed in PetalLengthCm (row 5: 1.4 -> 1.5)").
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "schema.hpp"
#include "table.hpp"

namespace mlcore::data {

struct TypeChange {
  std::string column;
  ColumnType from = ColumnType::Float;
  ColumnType to = ColumnType::Float;
};

// Categories that appear or disappear in a column that is categorical in both versions.
struct CategoryChange {
  std::string column;
  std::vector<std::string> added;    // in the new version's order
  std::vector<std::string> removed;  // in the old version's order
};

struct ColumnCellCount {
  std::string column;
  std::uint64_t changed = 0;
};

struct CellChange {
  std::uint64_t row = 0;              // 1-based data row (the header is not a row)
  std::string column;
  std::optional<std::string> before;  // nullopt = missing
  std::optional<std::string> after;
};

struct VersionDiff {
  std::vector<std::string> columns_added;    // in the new version's order
  std::vector<std::string> columns_removed;  // in the old version's order
  std::vector<TypeChange> type_changes;
  std::vector<CategoryChange> category_changes;
  bool columns_reordered = false;  // same names, other order (the content hash changes too)
  std::uint64_t rows_from = 0;
  std::uint64_t rows_to = 0;
  // Cells are compared only when both tables were given and have the same rows and column names.
  bool cells_compared = false;
  std::uint64_t cells_changed = 0;
  std::vector<ColumnCellCount> changed_columns;  // columns with changed cells, new version's order
  std::vector<CellChange> examples;              // the first changed cells, by row then column

  std::int64_t rows_delta() const {
    return static_cast<std::int64_t>(rows_to) - static_cast<std::int64_t>(rows_from);
  }
  bool schema_changed() const;
  // Nothing differs that the diff could see (cells included only when cells_compared).
  bool unchanged() const;
  // One line for people: "1 cell changed in PetalLengthCm (row 5: 1.4 -> 1.5)".
  std::string summary() const;
};

struct DiffOptions {
  std::size_t max_examples = 5;
};

// `from_table` and `to_table` are optional; without both only schemas and row counts are compared.
VersionDiff diff_versions(const Schema& from, std::uint64_t rows_from, const Schema& to,
                          std::uint64_t rows_to, const Table* from_table = nullptr,
                          const Table* to_table = nullptr, const DiffOptions& options = {});
VersionDiff diff_tables(const Table& from, const Table& to, const DiffOptions& options = {});

// {"columns_added", "columns_removed", "type_changes": [{"column","from","to"}],
//  "category_changes": [{"column","added","removed"}], "columns_reordered",
//  "rows": {"from","to","delta"},
//  "cells": {"compared", "changed", "per_column": [{"column","changed"}],
//            "examples": [{"row","column","before","after"}]}  (before/after null = missing),
//  "summary"}
void to_json(nlohmann::json& j, const VersionDiff& d);

}  // namespace mlcore::data

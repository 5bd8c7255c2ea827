// Version diffs: schema and row count always; cells only when both tables have the same shape,
// scanned column by column (the tables are columnar) and merged into row order for the examples.
#include "version_diff.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "../error.hpp"

namespace mlcore::data {

namespace {

std::string join_names(const std::vector<std::string>& names, std::size_t max_shown = 3) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max_shown; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max_shown) out += " and " + std::to_string(names.size() - max_shown) + " more";
  return out;
}

std::string shown_value(const std::optional<std::string>& v) {
  if (!v) return "(missing)";
  if (v->empty()) return "\"\"";
  return excerpt_of(*v, 40);
}

bool same_shape(const Table& a, const Table& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (const Column& c : a.columns)
    if (c.size() != a.rows() || b.find(c.name) < 0) return false;
  for (const Column& c : b.columns)
    if (c.size() != b.rows()) return false;
  return true;
}

// Row-by-row equality of two columns as a reader sees them: missing equals missing, -0 equals 0,
// a category equals the same text whatever its code; across types the texts are compared.
template <class RowVisitor>
void visit_changed_rows(const Column& a, const Column& b, RowVisitor&& changed) {
  const std::size_t rows = a.size();
  if (a.type == b.type && is_numeric_storage(a.type)) {
    for (std::size_t r = 0; r < rows; ++r) {
      double x = a.numbers[r], y = b.numbers[r];
      if (!(x == y || (std::isnan(x) && std::isnan(y)))) changed(r);
    }
  } else if (a.type == ColumnType::Categorical && b.type == ColumnType::Categorical) {
    std::unordered_map<std::string_view, std::int32_t> to_code;
    for (std::size_t i = 0; i < b.categories.size(); ++i)
      to_code.emplace(b.categories[i], static_cast<std::int32_t>(i));
    // a's code -> b's code for the same text; -2 when b has no such category.
    std::vector<std::int32_t> mapped(a.categories.size(), -2);
    for (std::size_t i = 0; i < a.categories.size(); ++i) {
      auto it = to_code.find(a.categories[i]);
      if (it != to_code.end()) mapped[i] = it->second;
    }
    for (std::size_t r = 0; r < rows; ++r) {
      std::int32_t ca = a.codes[r], cb = b.codes[r];
      std::int32_t m = ca < 0 ? -1 : mapped[static_cast<std::size_t>(ca)];
      if (m != cb) changed(r);
    }
  } else {
    for (std::size_t r = 0; r < rows; ++r)
      if (a.is_missing(r) != b.is_missing(r) || a.text(r) != b.text(r)) changed(r);
  }
}

std::optional<std::string> value_of(const Column& c, std::size_t row) {
  if (c.is_missing(row)) return std::nullopt;
  return c.text(row);
}

void compare_cells(const Table& from, const Table& to, const DiffOptions& options, VersionDiff& d) {
  struct Candidate {
    std::size_t row, col;  // col indexes `to`, so examples follow the new version's order
  };
  std::vector<Candidate> candidates;
  for (std::size_t ci = 0; ci < to.cols(); ++ci) {
    const Column& b = to.columns[ci];
    const Column& a = from.columns[static_cast<std::size_t>(from.find(b.name))];
    std::uint64_t n = 0;
    visit_changed_rows(a, b, [&](std::size_t r) {
      // The first max_examples rows of each column are enough: the overall first few by row
      // are all among them.
      if (n < options.max_examples) candidates.push_back({r, ci});
      ++n;
    });
    if (n) d.changed_columns.push_back({b.name, n});
    d.cells_changed += n;
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return x.row != y.row ? x.row < y.row : x.col < y.col;
  });
  if (candidates.size() > options.max_examples) candidates.resize(options.max_examples);
  for (const Candidate& c : candidates) {
    const Column& b = to.columns[c.col];
    const Column& a = from.columns[static_cast<std::size_t>(from.find(b.name))];
    d.examples.push_back({c.row + 1, b.name, value_of(a, c.row), value_of(b, c.row)});
  }
  d.cells_compared = true;
}

}  // namespace

VersionDiff diff_versions(const Schema& from, std::uint64_t rows_from, const Schema& to,
                          std::uint64_t rows_to, const Table* from_table, const Table* to_table,
                          const DiffOptions& options) {
  VersionDiff d;
  d.rows_from = rows_from;
  d.rows_to = rows_to;
  for (const ColumnSchema& c : to.columns)
    if (from.find(c.name) < 0) d.columns_added.push_back(c.name);
  std::vector<std::string> shared_in_from_order;
  for (const ColumnSchema& c : from.columns) {
    int j = to.find(c.name);
    if (j < 0) {
      d.columns_removed.push_back(c.name);
      continue;
    }
    shared_in_from_order.push_back(c.name);
    const ColumnSchema& n = to.columns[static_cast<std::size_t>(j)];
    if (c.type != n.type) d.type_changes.push_back({c.name, c.type, n.type});
    if (c.type == ColumnType::Categorical && n.type == ColumnType::Categorical) {
      CategoryChange cc{c.name, {}, {}};
      for (const auto& v : n.categories)
        if (std::find(c.categories.begin(), c.categories.end(), v) == c.categories.end()) cc.added.push_back(v);
      for (const auto& v : c.categories)
        if (std::find(n.categories.begin(), n.categories.end(), v) == n.categories.end()) cc.removed.push_back(v);
      if (!cc.added.empty() || !cc.removed.empty()) d.category_changes.push_back(std::move(cc));
    }
  }
  std::vector<std::string> shared_in_to_order;
  for (const ColumnSchema& c : to.columns)
    if (from.find(c.name) >= 0) shared_in_to_order.push_back(c.name);
  d.columns_reordered = shared_in_from_order != shared_in_to_order;

  if (from_table && to_table && same_shape(*from_table, *to_table))
    compare_cells(*from_table, *to_table, options, d);
  return d;
}

VersionDiff diff_tables(const Table& from, const Table& to, const DiffOptions& options) {
  return diff_versions(schema_of(from), from.rows(), schema_of(to), to.rows(), &from, &to, options);
}

bool VersionDiff::schema_changed() const {
  return !columns_added.empty() || !columns_removed.empty() || !type_changes.empty() ||
         !category_changes.empty() || columns_reordered;
}

bool VersionDiff::unchanged() const {
  return !schema_changed() && rows_from == rows_to && cells_changed == 0;
}

std::string VersionDiff::summary() const {
  std::vector<std::string> parts;
  auto plural = [](std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; };
  if (!columns_added.empty())
    parts.push_back(std::string("added ") + plural(columns_added.size(), "column ", "columns ") +
                    join_names(columns_added));
  if (!columns_removed.empty())
    parts.push_back(std::string("removed ") + plural(columns_removed.size(), "column ", "columns ") +
                    join_names(columns_removed));
  for (const TypeChange& t : type_changes)
    parts.push_back(t.column + " " + to_string(t.from) + " -> " + to_string(t.to));
  for (const CategoryChange& c : category_changes) {
    if (!c.added.empty()) parts.push_back("new in " + c.column + ": " + join_names(c.added));
    if (!c.removed.empty()) parts.push_back("gone from " + c.column + ": " + join_names(c.removed));
  }
  if (columns_reordered) parts.push_back("columns reordered");
  if (rows_from != rows_to) {
    std::int64_t delta = rows_delta();
    parts.push_back("rows " + std::to_string(rows_from) + " -> " + std::to_string(rows_to) + " (" +
                    (delta > 0 ? "+" : "") + std::to_string(delta) + ")");
  }
  if (cells_changed) {
    std::vector<std::string> cols;
    for (const auto& c : changed_columns)
      cols.push_back(changed_columns.size() == 1 ? c.column : c.column + " (" + std::to_string(c.changed) + ")");
    std::string line = std::to_string(cells_changed) + plural(cells_changed, " cell", " cells") +
                       " changed in " + join_names(cols);
    if (!examples.empty()) {
      const CellChange& e = examples.front();
      std::string where = "row " + std::to_string(e.row);
      if (changed_columns.size() > 1) where += " " + e.column;
      line += std::string(" (") + (cells_changed > 1 ? "first: " : "") + where + ": " +
              shown_value(e.before) + " -> " + shown_value(e.after) + ")";
    }
    parts.push_back(line);
  }
  if (parts.empty())
    return cells_compared ? "no changes" : "same schema and row count (cells not compared)";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void to_json(nlohmann::json& j, const VersionDiff& d) {
  auto type_changes = nlohmann::json::array();
  for (const auto& t : d.type_changes)
    type_changes.push_back({{"column", t.column}, {"from", to_string(t.from)}, {"to", to_string(t.to)}});
  auto category_changes = nlohmann::json::array();
  for (const auto& c : d.category_changes)
    category_changes.push_back({{"column", c.column}, {"added", c.added}, {"removed", c.removed}});
  auto per_column = nlohmann::json::array();
  for (const auto& c : d.changed_columns) per_column.push_back({{"column", c.column}, {"changed", c.changed}});
  auto examples = nlohmann::json::array();
  for (const auto& e : d.examples) {
    nlohmann::json x{{"row", e.row}, {"column", e.column}, {"before", nullptr}, {"after", nullptr}};
    if (e.before) x["before"] = *e.before;
    if (e.after) x["after"] = *e.after;
    examples.push_back(std::move(x));
  }
  j = nlohmann::json{
      {"columns_added", d.columns_added},
      {"columns_removed", d.columns_removed},
      {"type_changes", std::move(type_changes)},
      {"category_changes", std::move(category_changes)},
      {"columns_reordered", d.columns_reordered},
      {"rows", {{"from", d.rows_from}, {"to", d.rows_to}, {"delta", d.rows_delta()}}},
      {"cells",
       {{"compared", d.cells_compared},
        {"changed", d.cells_changed},
        {"per_column", std::move(per_column)},
        {"examples", std::move(examples)}}},
      {"summary", d.summary()}};
}

}  // namespace mlcore::data

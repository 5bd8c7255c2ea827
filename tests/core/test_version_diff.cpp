// Version diffs: schema and row count changes, and changed cells named exactly when both
// tables have the same shape.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/version_diff.hpp"
#include "table_builders.hpp"

using namespace mlcore::data;
using mlplay_test::coded;
using mlplay_test::iris_like;
using mlplay_test::numeric;

TEST_CASE("one changed cell is named by row, column, old and new value", "[diff]") {
  Table a = iris_like();
  Table b = iris_like();
  b.columns[1].numbers[4] = 1.5;
  VersionDiff d = diff_tables(a, b);
  REQUIRE(d.cells_compared);
  CHECK(d.cells_changed == 1);
  REQUIRE(d.changed_columns.size() == 1);
  CHECK(d.changed_columns[0].column == "PetalLengthCm");
  CHECK(d.changed_columns[0].changed == 1);
  REQUIRE(d.examples.size() == 1);
  CHECK(d.examples[0].row == 5);
  CHECK(d.examples[0].column == "PetalLengthCm");
  CHECK(d.examples[0].before == std::optional<std::string>("1.4"));
  CHECK(d.examples[0].after == std::optional<std::string>("1.5"));
  CHECK_FALSE(d.schema_changed());
  CHECK(d.summary() == "1 cell changed in PetalLengthCm (row 5: 1.4 -> 1.5)");
  nlohmann::json j = d;
  CHECK(j["cells"]["changed"] == 1);
  CHECK(j["cells"]["examples"][0] ==
        nlohmann::json{{"row", 5}, {"column", "PetalLengthCm"}, {"before", "1.4"}, {"after", "1.5"}});
  CHECK(j["summary"] == d.summary());
}

TEST_CASE("identical tables show no changes", "[diff]") {
  VersionDiff d = diff_tables(iris_like(), iris_like());
  CHECK(d.unchanged());
  CHECK(d.summary() == "no changes");
}

TEST_CASE("without tables only schema and row count are compared", "[diff]") {
  Schema s = schema_of(iris_like());
  VersionDiff d = diff_versions(s, 5, s, 5);
  CHECK_FALSE(d.cells_compared);
  CHECK(d.summary() == "same schema and row count (cells not compared)");
  VersionDiff grown = diff_versions(s, 150, s, 151);
  CHECK(grown.rows_delta() == 1);
  CHECK(grown.summary() == "rows 150 -> 151 (+1)");
  CHECK(diff_versions(s, 151, s, 150).summary() == "rows 151 -> 150 (-1)");
}

TEST_CASE("added, removed and retyped columns are listed", "[diff]") {
  Table a = iris_like();
  Table b = iris_like();
  b.columns.erase(b.columns.begin());  // SepalLengthCm removed
  b.columns.push_back(numeric("PetalWidthCm", {0.2, 0.2, 0.2, 0.2, 0.2}));
  b.columns[0].type = ColumnType::Integer;
  b.columns[0].numbers = {1, 1, 1, 2, 1};
  VersionDiff d = diff_tables(a, b);
  CHECK(d.columns_added == std::vector<std::string>{"PetalWidthCm"});
  CHECK(d.columns_removed == std::vector<std::string>{"SepalLengthCm"});
  REQUIRE(d.type_changes.size() == 1);
  CHECK(d.type_changes[0].column == "PetalLengthCm");
  CHECK(d.type_changes[0].from == ColumnType::Float);
  CHECK(d.type_changes[0].to == ColumnType::Integer);
  CHECK_FALSE(d.cells_compared);  // the column names differ, so cells cannot be paired
  CHECK(d.summary() ==
        "added column PetalWidthCm; removed column SepalLengthCm; PetalLengthCm float -> integer");
  nlohmann::json j = d;
  CHECK(j["type_changes"][0] == nlohmann::json{{"column", "PetalLengthCm"}, {"from", "float"}, {"to", "integer"}});
  CHECK(j["rows"] == nlohmann::json{{"from", 5}, {"to", 5}, {"delta", 0}});
}

TEST_CASE("a retyped column whose values read the same has no changed cells", "[diff]") {
  Table a{{numeric("n", {1, 2, 3}, ColumnType::Integer)}};
  Table b{{numeric("n", {1, 2, 3.5}, ColumnType::Float)}};
  VersionDiff d = diff_tables(a, b);
  CHECK(d.cells_changed == 1);
  CHECK(d.summary() == "n integer -> float; 1 cell changed in n (row 3: 3 -> 3.5)");
}

TEST_CASE("category dictionary order is not a change, a new category is", "[diff]") {
  Table a{{coded("c", {0, 1, 0}, {"x", "y"})}};
  Table b{{coded("c", {1, 0, 1}, {"y", "x"})}};
  CHECK(diff_tables(a, b).unchanged());
  Table c{{coded("c", {0, 1, 2}, {"x", "y", "z"})}};
  VersionDiff d = diff_tables(a, c);
  REQUIRE(d.category_changes.size() == 1);
  CHECK(d.category_changes[0].added == std::vector<std::string>{"z"});
  CHECK(d.category_changes[0].removed.empty());
  CHECK(d.summary() == "new in c: z; 1 cell changed in c (row 3: x -> z)");
}

TEST_CASE("missing values compare equal to missing and show as null", "[diff]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Table a{{numeric("x", {nan, 0.0, 1}), coded("c", {-1, 0, 0}, {"a"})}};
  Table b{{numeric("x", {-nan, -0.0, nan}), coded("c", {-1, 0, -1}, {"a"})}};
  VersionDiff d = diff_tables(a, b);
  CHECK(d.cells_changed == 2);
  REQUIRE(d.examples.size() == 2);
  CHECK(d.examples[0].column == "x");
  CHECK(d.examples[0].row == 3);
  CHECK_FALSE(d.examples[0].after.has_value());
  nlohmann::json j = d;
  CHECK(j["cells"]["examples"][1]["after"].is_null());
  CHECK(j["cells"]["examples"][1]["before"] == "a");
  CHECK(d.summary() == "2 cells changed in x (1), c (1) (first: row 3 x: 1 -> (missing))");
}

TEST_CASE("the first changed cells come in row order and are capped", "[diff]") {
  Table a{{numeric("p", std::vector<double>(100, 0)), numeric("q", std::vector<double>(100, 0))}};
  Table b = a;
  for (std::size_t r = 10; r < 100; ++r) b.columns[1].numbers[r] = 1;  // q from row 11
  for (std::size_t r = 50; r < 100; ++r) b.columns[0].numbers[r] = 1;  // p from row 51
  b.columns[0].numbers[2] = 7;                                          // p row 3
  VersionDiff d = diff_tables(a, b, DiffOptions{3});
  CHECK(d.cells_changed == 90 + 51);
  REQUIRE(d.changed_columns.size() == 2);
  CHECK(d.changed_columns[0].changed == 51);
  CHECK(d.changed_columns[1].changed == 90);
  REQUIRE(d.examples.size() == 3);
  CHECK(d.examples[0].row == 3);
  CHECK(d.examples[0].column == "p");
  CHECK(d.examples[1].row == 11);
  CHECK(d.examples[1].column == "q");
  CHECK(d.examples[2].row == 12);
}

TEST_CASE("reordered columns are reported and still compared by name", "[diff]") {
  Table a = iris_like();
  Table b = iris_like();
  std::swap(b.columns[0], b.columns[2]);
  VersionDiff d = diff_tables(a, b);
  CHECK(d.columns_reordered);
  CHECK(d.cells_compared);
  CHECK(d.cells_changed == 0);
  CHECK(d.summary() == "columns reordered");
}

// CSV output: RFC 4180 quoting, missing values, how each column type is spelled, delimiters.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/data/csv_writer.hpp"
#include "core/data/generators.hpp"
#include "core/error.hpp"
#include "table_builders.hpp"

using namespace mlcore::data;
using mlplay_test::NA;
using mlplay_test::categorical;
using mlplay_test::numeric;

TEST_CASE("fields with a comma, a quote or a line break are quoted as RFC 4180 says", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("id", ColumnType::Integer, {1, 2, 3, 4, 5}));
  t.columns.push_back(categorical(
      "note", {"plain", "a, b", "say \"hi\"", "line1\nline2", "cr\rhere"}, {0, 1, 2, 3, 4}));
  const std::string expected =
      "id,note\n"
      "1,plain\n"
      "2,\"a, b\"\n"
      "3,\"say \"\"hi\"\"\"\n"
      "4,\"line1\nline2\"\n"
      "5,\"cr\rhere\"\n";
  CHECK(write_csv(t) == expected);
}

TEST_CASE("column names are quoted by the same rule", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("x, cm", ColumnType::Float, {1.5}));
  t.columns.push_back(numeric("the \"y\"", ColumnType::Float, {2}));
  CHECK(write_csv(t) == "\"x, cm\",\"the \"\"y\"\"\"\n1.5,2\n");
}

TEST_CASE("each column type is spelled as Column::text spells it", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("i", ColumnType::Integer, {3, -12}));
  t.columns.push_back(numeric("f", ColumnType::Float, {0.1, 1e-7}));
  t.columns.push_back(numeric("b", ColumnType::Boolean, {1, 0}));
  t.columns.push_back(numeric("d", ColumnType::Datetime, {1704153600, 1704164645}));
  t.columns.push_back(categorical("c", {"red", "blue"}, {1, 0}));
  CHECK(write_csv(t) ==
        "i,f,b,d,c\n"
        "3,0.1,true,2024-01-02,blue\n"
        "-12,1e-07,false,2024-01-02T03:04:05,red\n");
}

TEST_CASE("missing values are empty fields, a present empty text is \"\"", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("x", ColumnType::Float, {NA, 2}));
  t.columns.push_back(categorical("c", {"", "k"}, {-1, 0}));
  t.columns.push_back(numeric("d", ColumnType::Datetime, {1704153600, NA}));
  CHECK(write_csv(t) == "x,c,d\n,,2024-01-02\n2,\"\",\n");
}

TEST_CASE("a one-column row with a missing value is written as \"\" so no row is lost", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("x", ColumnType::Float, {1, NA, 3}));
  CHECK(write_csv(t) == "x\n1\n\"\"\n3\n");
}

TEST_CASE("another delimiter changes which fields need quotes", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("n", ColumnType::Float, {1.25}));
  t.columns.push_back(categorical("s", {"a,b", "c;d"}, {0}));
  t.columns[1].codes.push_back(1);
  t.columns[0].numbers.push_back(-2);
  CHECK(write_csv(t, ';') == "n;s\n1.25;a,b\n-2;\"c;d\"\n");
  CHECK(write_csv(t, '\t') == "n\ts\n1.25\ta,b\n-2\tc;d\n");
}

TEST_CASE("a quote or line break as delimiter is an error with code csv.invalid_delimiter", "[csv_writer]") {
  Table t;
  t.columns.push_back(numeric("x", ColumnType::Float, {1}));
  for (char d : {'"', '\n', '\r'}) {
    try {
      write_csv(t, d);
      FAIL("no exception");
    } catch (const mlcore::Error& e) {
      CHECK(e.code() == "csv.invalid_delimiter");
    }
  }
}

TEST_CASE("an empty table writes nothing and a table without rows writes its header", "[csv_writer]") {
  CHECK(write_csv(Table{}).empty());
  Table t;
  t.columns.push_back(numeric("a", ColumnType::Float, {}));
  t.columns.push_back(categorical("b", {}, {}));
  CHECK(write_csv(t) == "a,b\n");
}

TEST_CASE("a generated table writes one line per row with a field per column", "[csv_writer]") {
  const Table t = make_csv_bench_table(500, 4);
  const std::string csv = write_csv(t);
  std::size_t lines = 0, commas = 0;
  for (char ch : csv) {
    lines += ch == '\n';
    commas += ch == ',';
  }
  CHECK(lines == 501);
  CHECK(commas == 501 * 9);
  CHECK(csv.rfind("f0,f1,f2,f3,f4,f5,f6,f7,count,category\n", 0) == 0);
  CHECK(csv.find('"') == std::string::npos);
}

// What the CSV reader guesses from the start of a file (delimiter, header, decimal comma, column
// names) and how the options override each guess.
#include <catch2/catch.hpp>

#include <string>

#include "core/data/csv_reader.hpp"
#include "test_csv_support.hpp"

using namespace mlcore::data;

TEST_CASE("the delimiter is sniffed among comma, semicolon, tab and pipe", "[csv]") {
  for (char d : {',', ';', '\t', '|'}) {
    std::string text = "a,b,c\n1,2,3\n4,5,6\n";
    for (auto& ch : text)
      if (ch == ',') ch = d;
    const auto r = read_csv(text);
    CHECK(r.delimiter == d);
    REQUIRE(r.table.cols() == 3);
    CHECK(r.table.column("c").numbers == std::vector<double>{3, 6});
  }
}

TEST_CASE("delimiters inside quotes do not count when sniffing", "[csv]") {
  // Counted blindly, ';' would split every line in two just as ',' does, and win the tie.
  const auto r = read_csv("\"x;y\",z\n\"1;2\",3\n\"4;5\",6\n");
  CHECK(r.delimiter == ',');
  REQUIRE(r.table.cols() == 2);
  CHECK(r.table.columns[0].name == "x;y");
  CHECK(r.table.column("x;y").categories == std::vector<std::string>{"1;2", "4;5"});
}

TEST_CASE("the delimiter splitting most lines evenly wins over one that splits a few", "[csv]") {
  const auto r = read_csv("name|note\nann|hi, there\nbob|ok\ncy|fine\n");
  CHECK(r.delimiter == '|');
  CHECK(r.table.column("note").categories == std::vector<std::string>{"hi, there", "ok", "fine"});
}

TEST_CASE("a semicolon splitting every line wins over a comma that is a decimal mark", "[csv]") {
  const auto r = read_csv("1,5;2,5\n3,5;4,5\n");
  CHECK(r.delimiter == ';');
  CHECK(r.decimal == ',');
  CHECK_FALSE(r.header);
  CHECK(r.table.column("column_1").numbers == std::vector<double>{1.5, 3.5});
  CHECK(r.table.column("column_2").numbers == std::vector<double>{2.5, 4.5});
}

TEST_CASE("a file of one column reads as one column", "[csv]") {
  const auto r = read_csv("name\nann\nbob\n");
  CHECK(r.delimiter == ',');
  REQUIRE(r.table.cols() == 1);
  CHECK(r.table.column("name").categories == std::vector<std::string>{"ann", "bob"});
}

TEST_CASE("the delimiter option overrides sniffing", "[csv]") {
  CsvOptions o;
  o.delimiter = ',';
  const auto r = read_csv("a;b,c\n1;2,3\n", o);
  CHECK(r.delimiter == ',');
  CHECK(r.table.columns[0].name == "a;b");
  CHECK(r.table.column("c").numbers == std::vector<double>{3});
}

TEST_CASE("a header is detected when a typed column starts with a text value", "[csv]") {
  const auto r = read_csv("name,age\nann,30\nbob,41\n");
  CHECK(r.header);
  CHECK(r.table.columns[1].name == "age");
  CHECK(r.table.column("age").numbers == std::vector<double>{30, 41});
}

TEST_CASE("no header is detected when the first row holds a number", "[csv]") {
  const auto r = read_csv("1,x\n3,y\n");
  CHECK_FALSE(r.header);
  CHECK(r.table.columns[0].name == "column_1");
  CHECK(r.table.columns[1].name == "column_2");
  CHECK(r.table.column("column_1").numbers == std::vector<double>{1, 3});
}

TEST_CASE("an all-text file has a header when its first row's values are unique", "[csv]") {
  const auto unique = read_csv("city,country\nParis,France\nLyon,France\n");
  CHECK(unique.header);
  CHECK(unique.table.column("country").categories == std::vector<std::string>{"France"});
  const auto repeated = read_csv("x,x\ny,z\n");
  CHECK_FALSE(repeated.header);
  CHECK(repeated.table.rows() == 2);
}

TEST_CASE("the header option overrides detection", "[csv]") {
  CsvOptions none;
  none.header = 0;
  const auto r = read_csv("name,age\nann,30\n", none);
  CHECK_FALSE(r.header);
  CHECK(r.table.rows() == 2);
  CHECK(r.table.column("column_2").categories == std::vector<std::string>{"age", "30"});
  CsvOptions first;
  first.header = 1;
  const auto h = read_csv("1,2\n3,4\n", first);
  CHECK(h.header);
  CHECK(h.table.columns[0].name == "1");
  CHECK(h.table.column("2").numbers == std::vector<double>{4});
}

TEST_CASE("a decimal comma is detected with semicolons when no column contradicts it", "[csv]") {
  const auto r = read_csv("x;y\n1,5;2\n2,25;3\n");
  CHECK(r.decimal == ',');
  CHECK(r.table.column("x").type == ColumnType::Float);
  CHECK(r.table.column("x").numbers == std::vector<double>{1.5, 2.25});
  CHECK(r.table.column("y").type == ColumnType::Integer);
}

TEST_CASE("a column mixing 1,5 and 2.5 keeps the decimal point and becomes text", "[csv]") {
  const auto r = read_csv("x;y\n1,5;a\n2.5;b\n");
  CHECK(r.decimal == '.');
  CHECK(r.table.column("x").categories == std::vector<std::string>{"1,5", "2.5"});
}

TEST_CASE("a decimal comma is never guessed with a comma delimiter", "[csv]") {
  const auto r = read_csv("x,y\n\"1,5\",2\n");
  CHECK(r.decimal == '.');
  CHECK(r.table.column("x").categories == std::vector<std::string>{"1,5"});
}

TEST_CASE("the decimal option forces the decimal mark", "[csv]") {
  CsvOptions comma;
  comma.decimal = ',';
  const auto r = read_csv("x,y\n\"1,5\",2\n", comma);
  CHECK(r.decimal == ',');
  CHECK(r.table.column("x").numbers == std::vector<double>{1.5});
  CsvOptions point;
  point.decimal = '.';
  const auto p = read_csv("x;y\n1,5;2\n", point);
  CHECK(p.table.column("x").categories == std::vector<std::string>{"1,5"});
}

TEST_CASE("duplicate header names are made unique like pandas, with a warning each", "[csv]") {
  const auto r = read_csv("a,b,a,a\n1,2,3,4\n");
  REQUIRE(r.table.cols() == 4);
  CHECK(r.table.columns[2].name == "a.1");
  CHECK(r.table.columns[3].name == "a.2");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].code == "csv.duplicate_header");
  CHECK(r.warnings[0].where.line == 1);
  CHECK(r.warnings[0].where.column == 3);
  CHECK(r.warnings[1].where.column == 4);
}

TEST_CASE("a renamed duplicate does not take a name already in use", "[csv]") {
  const auto r = read_csv("a,a.1,a\n1,2,3\n");
  CHECK(r.table.columns[2].name == "a.1.1");
}

TEST_CASE("an empty header name becomes 'Unnamed: i' (0-based) with a warning", "[csv]") {
  // The shape pandas' to_csv writes: the index column has no name.
  const auto r = read_csv(",x,\n0,1.5,a\n1,2.5,b\n");
  CHECK(r.header);
  REQUIRE(r.table.cols() == 3);
  CHECK(r.table.columns[0].name == "Unnamed: 0");
  CHECK(r.table.columns[1].name == "x");
  CHECK(r.table.columns[2].name == "Unnamed: 2");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].code == "csv.empty_header");
  CHECK(r.warnings[0].where.line == 1);
  CHECK(r.warnings[0].where.column == 1);
  CHECK(r.warnings[1].where.column == 3);
}

TEST_CASE("blank lines before the header are skipped and the header line is reported", "[csv]") {
  const auto r = read_csv("\n\na,a\n1,2\n");
  CHECK(r.table.columns[1].name == "a.1");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].where.line == 3);
}

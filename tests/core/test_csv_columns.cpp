// The CSV reader's typed columns: inference, missing values, number syntax, forced types, and
// the type changes when a value after the sample does not fit.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "core/data/csv_reader.hpp"
#include "test_csv_support.hpp"

using namespace mlcore::data;
using csv_test::error_of;

namespace {
// A header line, then `rows` lines of `value`, then `last`: the rows fill the 1000-row sample,
// so `last` arrives after the column types are decided.
std::string long_column(const std::string& value, int rows, const std::string& last) {
  std::string text = "v\n";
  for (int i = 0; i < rows; ++i) text += value + "\n";
  return text + last + "\n";
}
}  // namespace

TEST_CASE("integer, float, boolean, datetime and categorical columns are inferred", "[csv]") {
  const auto r = read_csv(
      "i,f,b,d,c\n"
      "1,1.5,true,2024-01-02,red\n"
      "-2,2,FALSE,2024-01-03T12:00:00,blue\n"
      ",3e2,True,,red\n");
  const auto& t = r.table;
  CHECK(t.column("i").type == ColumnType::Integer);
  CHECK(t.column("i").numbers[1] == -2);
  CHECK(std::isnan(t.column("i").numbers[2]));
  CHECK(t.column("f").type == ColumnType::Float);
  CHECK(t.column("f").numbers == std::vector<double>{1.5, 2, 300});
  CHECK(t.column("b").type == ColumnType::Boolean);
  CHECK(t.column("b").numbers == std::vector<double>{1, 0, 1});
  CHECK(t.column("d").type == ColumnType::Datetime);
  CHECK(t.column("d").numbers[0] == 1704153600);  // 19724 days after 1970-01-01
  CHECK(t.column("d").numbers[1] == 1704283200);  // 19725 days and 12 hours
  CHECK(std::isnan(t.column("d").numbers[2]));
  CHECK(t.column("c").type == ColumnType::Categorical);
  CHECK(t.column("c").codes == std::vector<std::int32_t>{0, 1, 0});
  CHECK(t.column("c").categories == std::vector<std::string>{"red", "blue"});
}

TEST_CASE("a column mixing numbers and booleans or dates is categorical", "[csv]") {
  const auto r = read_csv("k,a,b\nx,1,2024-01-01\ny,true,3\n");
  CHECK(r.table.column("a").categories == std::vector<std::string>{"1", "true"});
  CHECK(r.table.column("b").categories == std::vector<std::string>{"2024-01-01", "3"});
}

TEST_CASE("categories are dictionary-encoded in first-seen order", "[csv]") {
  const auto r = read_csv("c\nb\na\nb\nc\n");
  CHECK(r.table.column("c").categories == std::vector<std::string>{"b", "a", "c"});
  CHECK(r.table.column("c").codes == std::vector<std::int32_t>{0, 1, 0, 2});
}

TEST_CASE("missing tokens, spaces around them allowed, are NaN in numbers and -1 in codes",
          "[csv]") {
  const auto r = read_csv("x,c\nNA,a\n  N/A ,null\n?,?\n5,b\nNaN,\"NA\"\n");
  CHECK(r.table.column("x").type == ColumnType::Integer);
  const auto& x = r.table.column("x").numbers;
  REQUIRE(x.size() == 5);
  CHECK((std::isnan(x[0]) && std::isnan(x[1]) && std::isnan(x[2]) && x[3] == 5 && std::isnan(x[4])));
  CHECK(r.table.column("c").codes == std::vector<std::int32_t>{0, -1, -1, 1, -1});
  CHECK(r.table.column("c").categories == std::vector<std::string>{"a", "b"});
}

TEST_CASE("the list of missing tokens is configurable", "[csv]") {
  CsvOptions o;
  o.missing = {"-"};
  const auto r = read_csv("a,b,c\n1,-,\n2,NA,x\n", o);
  CHECK(r.table.column("b").codes == std::vector<std::int32_t>{-1, 0});
  CHECK(r.table.column("b").categories == std::vector<std::string>{"NA"});
  CHECK(r.table.column("c").categories == std::vector<std::string>{"", "x"});
}

TEST_CASE("a column with only missing values is float", "[csv]") {
  const auto r = read_csv("a,b\n1,\n2,NA\n");
  CHECK(r.table.column("b").type == ColumnType::Float);
  CHECK(r.table.column("b").missing_count() == 2);
}

TEST_CASE("numbers allow spaces around them, a leading plus, exponents and bare fractions",
          "[csv]") {
  const auto r = read_csv("k,v\na, +1 \nb,-2.5e-1\nc,.5\nd,7.\n");
  CHECK(r.table.column("v").type == ColumnType::Float);
  CHECK(r.table.column("v").numbers == std::vector<double>{1, -0.25, 0.5, 7});
}

TEST_CASE("text that only starts like a number is text", "[csv]") {
  const auto r = read_csv("k,v\na,1e\nb,+-1\nc,1 2\nd,0x10\n");
  CHECK(r.table.column("v").categories == std::vector<std::string>{"1e", "+-1", "1 2", "0x10"});
}

TEST_CASE("inf is infinity in a float column and nan is missing", "[csv]") {
  const auto r = read_csv("k,v\na,1.5\nb,inf\nc,-Infinity\nd,nan\n");
  const auto& v = r.table.column("v");
  CHECK(v.type == ColumnType::Float);
  REQUIRE(v.numbers.size() == 4);
  CHECK(v.numbers[1] == std::numeric_limits<double>::infinity());
  CHECK(v.numbers[2] == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(v.numbers[3]));
}

TEST_CASE("an integer too big for a double to hold exactly makes the column float", "[csv]") {
  const auto r = read_csv("k,v\na,9007199254740992\nb,9007199254740993\n");
  CHECK(r.table.column("v").type == ColumnType::Float);
  CHECK(r.table.column("v").numbers[0] == 9007199254740992.0);
}

TEST_CASE("the types option forces a column's type by its final name", "[csv]") {
  CsvOptions o;
  o.types = {{"id", ColumnType::Categorical}, {"score", ColumnType::Float}, {"id.1", ColumnType::Boolean}};
  const auto r = read_csv("id,score,id\n1,2,1\n3,4,0\n", o);
  CHECK(r.table.column("id").categories == std::vector<std::string>{"1", "3"});
  CHECK(r.table.column("score").type == ColumnType::Float);
  CHECK(r.table.column("id.1").type == ColumnType::Boolean);
  CHECK(r.table.column("id.1").numbers == std::vector<double>{1, 0});
}

TEST_CASE("a forced integer column takes 2.0 as 2", "[csv]") {
  CsvOptions o;
  o.types = {{"a", ColumnType::Integer}};
  const auto r = read_csv("a,b\n2.0,x\n3,y\n", o);
  CHECK(r.table.column("a").numbers == std::vector<double>{2, 3});
}

TEST_CASE("a value that does not fit a forced type is csv.bad_value at its line and field",
          "[csv]") {
  CsvOptions o;
  o.types = {{"b", ColumnType::Integer}};
  const auto e = error_of("a,b\n1,2\n3,x\n", o);
  CHECK(e.code() == "csv.bad_value");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 2);
  CHECK(e.where().excerpt == "x");

  CHECK(error_of("a,b\n1,2\n3,2.5\n", o).where().line == 3);
  CsvOptions date;
  date.types = {{"a", ColumnType::Datetime}};
  const auto d = error_of("a,b\n2024-01-01,1\n2024-02-30,2\n", date);
  CHECK(d.code() == "csv.bad_value");
  CHECK(d.where().line == 3);
  CHECK(d.where().column == 1);
}

TEST_CASE("a type set for a column the file lacks is warned about", "[csv]") {
  CsvOptions o;
  o.types = {{"nope", ColumnType::Float}};
  const auto r = read_csv("a,b\n1,2\n", o);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "csv.unknown_column");
}

TEST_CASE("a non-integer number after the sample turns an integer column float", "[csv]") {
  const auto r = read_csv(long_column("7", 1500, "2.5"));
  const auto& v = r.table.column("v");
  CHECK(v.type == ColumnType::Float);
  REQUIRE(v.numbers.size() == 1501);
  CHECK(v.numbers[0] == 7);
  CHECK(v.numbers[1500] == 2.5);
  CHECK(r.warnings.empty());
}

TEST_CASE("text after the sample turns a number column categorical, earlier values as text",
          "[csv]") {
  std::string text = "v\n";
  for (int i = 0; i < 1200; ++i) text += i % 3 == 0 ? "0\n" : i % 3 == 1 ? "0.5\n" : "NA\n";
  text += "n/a-ish\n";
  const auto r = read_csv(text);
  const auto& v = r.table.column("v");
  CHECK(v.type == ColumnType::Categorical);
  CHECK(v.categories == std::vector<std::string>{"0", "0.5", "n/a-ish"});
  REQUIRE(v.codes.size() == 1201);
  CHECK(v.codes[0] == 0);
  CHECK(v.codes[1] == 1);
  CHECK(v.codes[2] == -1);
  CHECK(v.codes[1200] == 2);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "csv.type_changed");
  CHECK(r.warnings[0].where.line == 1202);
  CHECK(r.warnings[0].where.column == 1);
}

TEST_CASE("booleans and dates turned categorical keep their text", "[csv]") {
  const auto b = read_csv(long_column("TRUE", 1100, "maybe"));
  CHECK(b.table.column("v").categories == std::vector<std::string>{"true", "maybe"});
  const auto d = read_csv(long_column("2024-03-01", 1100, "soon"));
  CHECK(d.table.column("v").categories == std::vector<std::string>{"2024-03-01", "soon"});
}

TEST_CASE("a column empty throughout the sample takes the type of its first value", "[csv]") {
  std::string text = "k,v\n";
  for (int i = 0; i < 1100; ++i) text += "x,\n";
  text += "y,2024-05-06\n";
  const auto r = read_csv(text);
  const auto& v = r.table.column("v");
  CHECK(v.type == ColumnType::Datetime);
  REQUIRE(v.numbers.size() == 1101);
  CHECK(std::isnan(v.numbers[0]));
  CHECK(v.numbers[1100] == 1714953600);  // 2024-05-06: 19849 days after 1970-01-01
  CHECK(r.warnings.empty());
}

TEST_CASE("a forced type never changes after the sample: a misfit is csv.bad_value", "[csv]") {
  CsvOptions o;
  o.types = {{"v", ColumnType::Float}};
  const auto e = error_of(long_column("1", 1200, "oops"), o);
  CHECK(e.code() == "csv.bad_value");
  CHECK(e.where().line == 1202);
  CHECK(e.where().column == 1);
}

// The CSV reader's errors and row warnings: each code with the line and column it reports,
// whatever the chunking, and what the reader does after an error.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/data/csv_reader.hpp"
#include "test_csv_support.hpp"

using namespace mlcore::data;
using csv_test::error_of;
using csv_test::read_in_chunks;

TEST_CASE("an unclosed quote is csv.unterminated_quote at the line and byte column of the quote",
          "[csv]") {
  const auto e = error_of("a,b\n1,2\n3,\"open\nmore\n");
  CHECK(e.code() == "csv.unterminated_quote");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 3);
  CHECK(e.where().excerpt == "open\nmore\n");
}

TEST_CASE("invalid UTF-8 is csv.invalid_utf8 at the line and byte column of the bad sequence",
          "[csv]") {
  // Latin-1 'é' (0xE9) where UTF-8 needs two bytes.
  const auto e = error_of("a,b\n1,x\n2,caf\xE9\n");
  CHECK(e.code() == "csv.invalid_utf8");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 6);
  CHECK(e.where().excerpt == "0xE9");

  const auto overlong = error_of("a\n\xC0\xAF\n");
  CHECK(overlong.code() == "csv.invalid_utf8");
  CHECK(overlong.where().line == 2);
  CHECK(overlong.where().column == 1);

  const auto cut = error_of("a\nxy\xC3");  // the file ends inside a two-byte sequence
  CHECK(cut.code() == "csv.invalid_utf8");
  CHECK(cut.where().line == 2);
  CHECK(cut.where().column == 3);
}

TEST_CASE("invalid UTF-8 after a line end inside quotes is placed on its own line", "[csv]") {
  const auto e = error_of("a,b\n1,\"x\ny\xFF\"\n");
  CHECK(e.code() == "csv.invalid_utf8");
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 2);
}

TEST_CASE("error locations do not depend on how the text is cut into chunks", "[csv]") {
  CsvOptions o;
  o.delimiter = ',';
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a,b\r\n1,2\r\n3,\"open\r\nmore", "csv.unterminated_quote"},
      {"a,b\r\n1,\"x\r\ny\"\r\n2,caf\xC3(\r\n", "csv.invalid_utf8"},
      {"a,b\r\n1,\"x\r\ny\"\r\n2,3,4\r\n", "csv.ragged_row"}};
  for (const auto& [text, code] : cases) {
    const auto whole = error_of(text, o);
    CHECK(whole.code() == code);
    for (std::size_t chunk : {1, 2, 3, 7}) {
      try {
        read_in_chunks(text, chunk, o);
        FAIL("accepted: " << text);
      } catch (const mlcore::Error& e) {
        CHECK(e.code() == code);
        CHECK(e.where().line == whole.where().line);
        CHECK(e.where().column == whole.where().column);
      }
    }
  }
  // The expected places, counted by hand: quote at line 3 column 3; the broken sequence (C3
  // followed by '(') at line 4 column 6; the long row on line 4, its 3rd field the odd one.
  CHECK(error_of(cases[0].first, o).where().line == 3);
  CHECK(error_of(cases[0].first, o).where().column == 3);
  CHECK(error_of(cases[1].first, o).where().line == 4);
  CHECK(error_of(cases[1].first, o).where().column == 6);
  CHECK(error_of(cases[2].first, o).where().line == 4);
  CHECK(error_of(cases[2].first, o).where().column == 3);
}

TEST_CASE("a row with the wrong number of fields is csv.ragged_row at its line and first odd field",
          "[csv]") {
  const auto few = error_of("a,b,c\n1,2,3\n4,5\n");
  CHECK(few.code() == "csv.ragged_row");
  CHECK(few.where().line == 3);
  CHECK(few.where().column == 3);
  CHECK(std::string(few.what()).find("3 has 2 fields, expected 3") != std::string::npos);

  const auto many = error_of("a,b,c\n1,2,3\n4,5,6,7\n");
  CHECK(many.code() == "csv.ragged_row");
  CHECK(many.where().line == 3);
  CHECK(many.where().column == 4);
}

TEST_CASE("the source name appears in messages", "[csv]") {
  CsvOptions o;
  o.source = "sales.csv";
  const auto e = error_of("a,b\n1\n", o);
  CHECK(std::string(e.what()).find("sales.csv, line 2") != std::string::npos);
}

TEST_CASE("rows after a multi-line quoted field keep their true line numbers", "[csv]") {
  CHECK(error_of("a,b\n\"x\ny\",1\n2,3,4\n").where().line == 4);
  CHECK(error_of("a,b\r\n\"x\r\ny\",1\r\n2,3,4\r\n").where().line == 4);
  CHECK(error_of("a,b\r\"x\ry\",1\r2,3,4\r").where().line == 4);
}

TEST_CASE("under RaggedPolicy::Skip ragged rows are skipped with one warning each", "[csv]") {
  CsvOptions o;
  o.ragged = RaggedPolicy::Skip;
  const auto r = read_csv("a,b\n1,2\n3\n4,5\n6,7,8\n", o);
  CHECK(r.table.column("a").numbers == std::vector<double>{1, 4});
  CHECK(r.skipped_rows == 2);
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].code == "csv.ragged_row_skipped");
  CHECK(r.warnings[0].where.line == 3);
  CHECK(r.warnings[0].where.column == 2);
  CHECK(r.warnings[1].where.line == 5);
  CHECK(r.warnings[1].where.column == 3);
}

TEST_CASE("after 20 skipped-row warnings the rest are counted in one summary", "[csv]") {
  CsvOptions o;
  o.ragged = RaggedPolicy::Skip;
  std::string text = "a,b\n";
  for (int i = 0; i < 25; ++i) text += "1,2\n9\n";
  const auto r = read_csv(text, o);
  CHECK(r.table.rows() == 25);
  CHECK(r.skipped_rows == 25);
  REQUIRE(r.warnings.size() == 21);
  CHECK(r.warnings[19].where.line == 41);  // the 20th bad row: line 3 + 2 * 19
  CHECK(r.warnings[20].code == "csv.ragged_row_skipped");
  CHECK(r.warnings[20].where.line == 0);
}

TEST_CASE("an empty file, or one of blank lines only, is csv.empty_file", "[csv]") {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF", " \r\n\r\n"}) {
    const auto e = error_of(text);
    CHECK(e.code() == "csv.empty_file");
    CHECK(e.where().line == 0);
    CHECK(e.where().column == 0);
  }
}

TEST_CASE("a header with no rows below it is csv.no_data_rows", "[csv]") {
  const auto e = error_of("a,b,c\n");
  CHECK(e.code() == "csv.no_data_rows");
  CHECK(e.where().line == 0);
  CHECK(e.where().column == 0);
  CsvOptions o;
  o.header = 1;
  CHECK(error_of("1,2\n", o).code() == "csv.no_data_rows");
}

TEST_CASE("a reader that has finished refuses more input with csv.reader_finished", "[csv]") {
  CsvReader reader;
  reader.feed("a\n1\n", 4);
  reader.finish();
  try {
    reader.feed("2\n", 2);
    FAIL("feed after finish was accepted");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "csv.reader_finished");
  }
}

TEST_CASE("a reader that stopped at an error refuses to go on with csv.reader_finished", "[csv]") {
  CsvOptions o;
  o.delimiter = ',';
  CsvReader reader(o);
  try {
    reader.feed("a,b\n1,2\n3\n", 10);
    FAIL("the ragged row was accepted");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "csv.ragged_row");
  }
  try {
    reader.finish();
    FAIL("finish after an error was accepted");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "csv.reader_finished");
  }
}

TEST_CASE("impossible options are csv.bad_option", "[csv]") {
  CsvOptions quote;
  quote.delimiter = '"';
  CHECK_THROWS_AS(CsvReader(quote), mlcore::Error);
  CsvOptions same;
  same.delimiter = ';';
  same.decimal = ';';
  try {
    read_csv("a\n1\n", same);
    FAIL("accepted a decimal mark equal to the delimiter");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "csv.bad_option");
  }
}

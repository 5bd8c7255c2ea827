// The CSV reader's text layer: quoting, line ends, BOM, blank lines, chunked feeding, and the
// errors with their codes and locations. Sniffing and column types have their own test files.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include "core/data/csv_reader.hpp"
#include "test_csv_support.hpp"

using namespace mlcore::data;
using csv_test::error_of;
using csv_test::read_in_chunks;
using csv_test::require_same_table;

TEST_CASE("quoted fields keep delimiters, line ends and doubled quotes", "[csv]") {
  const auto r = read_csv("name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nLee,plain\n");
  REQUIRE(r.table.rows() == 2);
  CHECK(r.table.column("name").categories == std::vector<std::string>{"Smith, J", "Lee"});
  CHECK(r.table.column("note").categories ==
        std::vector<std::string>{"said \"hi\"\nthen left", "plain"});
}

TEST_CASE("a quoted field keeps a CRLF inside it as written", "[csv]") {
  const auto r = read_csv("id,text\r\n1,\"a\r\nb\"\r\n");
  CHECK(r.table.column("text").categories == std::vector<std::string>{"a\r\nb"});
}

TEST_CASE("LF, CRLF and lone CR line ends give the same table", "[csv]") {
  const auto lf = read_csv("a,b\n1,x\n2,y\n");
  REQUIRE(lf.table.rows() == 2);
  CHECK(lf.table.column("a").numbers == std::vector<double>{1, 2});
  CHECK(lf.table.column("b").categories == std::vector<std::string>{"x", "y"});
  require_same_table(lf.table, read_csv("a,b\r\n1,x\r\n2,y\r\n").table);
  require_same_table(lf.table, read_csv("a,b\r1,x\r2,y\r").table);
  require_same_table(lf.table, read_csv("a,b\r\n1,x\r2,y\n").table);
}

TEST_CASE("a UTF-8 byte order mark is skipped", "[csv]") {
  const auto r = read_csv("\xEF\xBB\xBFid,v\n1,2\n");
  CHECK(r.table.columns[0].name == "id");
  CHECK(r.table.column("v").numbers == std::vector<double>{2});
}

TEST_CASE("the last line may lack a line end and blank lines at the end are ignored", "[csv]") {
  const auto bare = read_csv("a,b\n1,2\n3,4");
  CHECK(bare.table.column("b").numbers == std::vector<double>{2, 4});
  require_same_table(bare.table, read_csv("a,b\n1,2\n3,4\n\n\n\r\n").table);
  require_same_table(bare.table, read_csv("a,b\n1,2\n3,4\n   \n").table);
}

TEST_CASE("a last field that is empty, quoted or not, is a missing value", "[csv]") {
  const auto r = read_csv("a,b\n1,2\n3,", {});
  REQUIRE(r.table.rows() == 2);
  CHECK(std::isnan(r.table.column("b").numbers[1]));
  const auto q = read_csv("a,b\n1,2\n3,\"\"");
  CHECK(std::isnan(q.table.column("b").numbers[1]));
}

TEST_CASE("blank lines in the middle are skipped but still counted as lines", "[csv]") {
  const auto r = read_csv("a,b\n1,2\n\n3,4\n");
  CHECK(r.table.column("a").numbers == std::vector<double>{1, 3});
  const auto e = error_of("a,b\n1,2\n\n3\n");
  CHECK(e.code() == "csv.ragged_row");
  CHECK(e.where().line == 4);
}

TEST_CASE("unquoted fields lose surrounding spaces; quoted fields are kept verbatim", "[csv]") {
  const auto r = read_csv("a, b\n 1 , x y \n2,\" z \"\n");
  CHECK(r.table.columns[1].name == "b");
  CHECK(r.table.column("a").type == ColumnType::Integer);
  CHECK(r.table.column("a").numbers == std::vector<double>{1, 2});
  CHECK(r.table.column("b").categories == std::vector<std::string>{"x y", " z "});
}

TEST_CASE("spaces before an opening quote are ignored", "[csv]") {
  const auto r = read_csv("a,b\n1, \"x, y\"\n");
  CHECK(r.table.column("b").categories == std::vector<std::string>{"x, y"});
}

TEST_CASE("a quote inside an unquoted field is kept as a character", "[csv]") {
  const auto r = read_csv("size,label\n5\" screen,tv\n");
  CHECK(r.table.column("size").categories == std::vector<std::string>{"5\" screen"});
}

TEST_CASE("text after a closing quote is appended to the field", "[csv]") {
  const auto r = read_csv("a,b\n\"abc\"def,1\n\"x\" ,2\n");
  CHECK(r.table.column("a").categories == std::vector<std::string>{"abcdef", "x"});
  CHECK(r.table.column("b").numbers == std::vector<double>{1, 2});
}

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

TEST_CASE("valid UTF-8 split between chunks is accepted", "[csv]") {
  const std::string text = "name\ncaf\xC3\xA9\n\xF0\x9F\x98\x80\n";
  CsvOptions comma;  // a known delimiter: bytes reach the tokenizer chunk by chunk
  comma.delimiter = ',';
  for (std::size_t chunk : {1, 2, 3}) {
    const auto r = read_in_chunks(text, chunk, comma);
    CHECK(r.table.column("name").categories ==
          std::vector<std::string>{"caf\xC3\xA9", "\xF0\x9F\x98\x80"});
  }
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
  CsvOptions o;
  o.header = 1;
  CHECK(error_of("1,2\n", o).code() == "csv.no_data_rows");
}

TEST_CASE("feeding in chunks of 1, 2, 3 and 7 bytes gives the same table as one piece", "[csv]") {
  const std::string text =
      "\xEF\xBB\xBFid;name;price;when\r\n"
      "1;\"Caf\xC3\xA9, \"\"Le\"\" Bar\";2,5;2024-01-02\r\n"
      "2; plain ;3;2024-01-03T10:00:00\r\n"
      "\r\n"
      "3;\"two\r\nlines\";NA;\r\n"
      "4;\"\";4,25;2024-02-29";
  const auto whole = read_csv(text);
  REQUIRE(whole.table.rows() == 4);
  CHECK(whole.delimiter == ';');
  CHECK(whole.decimal == ',');
  CHECK(whole.table.column("price").numbers[0] == 2.5);
  // With the delimiter sniffed, the first 64 KB wait whole for the sniffer; with it given, every
  // chunk goes straight to the tokenizer, so both paths are fed piece by piece.
  CsvOptions given;
  given.delimiter = ';';
  for (const auto& options : {CsvOptions{}, given}) {
    for (std::size_t chunk : {1, 2, 3, 7}) {
      const auto part = read_in_chunks(text, chunk, options);
      require_same_table(whole.table, part.table);
      CHECK(part.delimiter == whole.delimiter);
      CHECK(part.decimal == whole.decimal);
      CHECK(part.bytes == text.size());
    }
  }
}

TEST_CASE("rows after the sample stream into the columns, in any chunk size", "[csv]") {
  // 6000 rows, about 100 KB: past both the 64 KB delimiter sample and the 1000-row sample.
  std::string text = "i,half,word\n";
  for (int i = 0; i < 6000; ++i)
    text += std::to_string(i) + "," + std::to_string(i) + ".5," + (i % 2 ? "odd" : "even") + "\n";
  const auto whole = read_csv(text);
  const auto& i = whole.table.column("i");
  REQUIRE(i.numbers.size() == 6000);
  CHECK(i.type == ColumnType::Integer);
  double sum = 0;
  for (double v : i.numbers) sum += v;
  CHECK(sum == 17997000);  // 0 + 1 + ... + 5999 = 5999 * 6000 / 2
  CHECK(whole.table.column("half").numbers[5999] == 5999.5);
  CHECK(whole.table.column("word").categories == std::vector<std::string>{"even", "odd"});
  CsvOptions given;
  given.delimiter = ',';
  for (const auto& options : {CsvOptions{}, given})
    for (std::size_t chunk : {7, 4096, 70000})
      require_same_table(whole.table, read_in_chunks(text, chunk, options).table);
}

TEST_CASE("bytes counts every byte fed, the byte order mark included", "[csv]") {
  CsvReader reader;
  reader.feed("\xEF\xBB\xBF" "a\n", 5);
  reader.feed("1\n", 2);
  CHECK(reader.bytes_fed() == 7);
  CHECK(reader.finish().bytes == 7);
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

TEST_CASE("generated RFC 4180 texts read back field for field in any chunk size", "[csv]") {
  // Fields are built from pieces that stress the tokenizer (delimiters, quotes, CR, LF, a
  // two-byte character), quoted when they need it; the expected fields are the generated ones.
  std::mt19937 rng(20240501);
  const std::vector<std::string> pieces = {"a", "bc", "1.5", ",", "\"", "\n", "\r", "\r\n", "\xC3\xA9", "x y"};
  const std::vector<std::string> line_ends = {"\n", "\r\n", "\r"};
  for (int round = 0; round < 60; ++round) {
    const std::size_t cols = 2 + rng() % 4, rows = 1 + rng() % 25;
    std::vector<std::vector<std::string>> expected(cols);
    std::string text;
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        std::string field;
        for (std::size_t k = rng() % 4; k > 0; --k) field += pieces[rng() % pieces.size()];
        expected[c].push_back(field);
        const bool plain = field.find_first_of(",\"\r\n") == std::string::npos &&
                           field.find(' ') != 0 && field.rfind(' ') != field.size() - 1;
        if (c) text += ',';
        if (plain && rng() % 2) {
          text += field;
        } else {
          text += '"';
          for (char ch : field) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          text += '"';
        }
      }
      if (r + 1 < rows || rng() % 2) text += line_ends[rng() % line_ends.size()];
    }
    CsvOptions o;
    o.delimiter = ',';
    o.header = 0;
    o.missing = {};
    for (std::size_t c = 0; c < cols; ++c) o.types["column_" + std::to_string(c + 1)] = ColumnType::Categorical;
    for (std::size_t chunk : {1, 2, 3, 5, 8, 13, 1000}) {
      const auto result = read_in_chunks(text, chunk, o);
      REQUIRE(result.table.cols() == cols);
      REQUIRE(result.table.rows() == rows);
      for (std::size_t c = 0; c < cols; ++c)
        for (std::size_t r = 0; r < rows; ++r) CHECK(result.table.columns[c].text(r) == expected[c][r]);
    }
  }
}

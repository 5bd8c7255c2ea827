// The CSV reader's text layer: quoting, line ends, BOM, blank lines, spaces, chunked feeding.
// Errors and warnings, sniffing and column types have their own test files.
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

TEST_CASE("unquoted fields lose surrounding spaces, quoted fields are kept verbatim", "[csv]") {
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

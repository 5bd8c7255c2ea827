// Reading CSV text into a typed Table: RFC 4180 quoting plus sniffing of delimiter, header and
// decimal comma, type inference per column, and a streaming interface for files bigger than memory.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "table.hpp"

namespace mlcore::data {

enum class RaggedPolicy { Error, Skip };

struct CsvOptions {
  char delimiter = 0;  // 0 = sniff among ',' ';' '\t' '|'
  int header = -1;     // -1 detect, 0 no header (names "column_1".."column_N"), 1 header
  char decimal = 0;    // 0 = auto: ',' only when the delimiter is ';' and it is unambiguous; else '.'
  std::vector<std::string> missing = {"", "NA", "N/A", "NaN", "null", "?"};
  RaggedPolicy ragged = RaggedPolicy::Error;
  std::map<std::string, ColumnType> types;  // per-column type override by (final) column name
  std::string source = "";                  // file name used in messages, may be empty
};

struct CsvResult {
  Table table;
  std::vector<Warning> warnings;  // mlcore::Warning with code, message, Location{line, column, excerpt}
  std::size_t skipped_rows = 0;   // ragged rows skipped under RaggedPolicy::Skip
  char delimiter = ',';
  bool header = true;
  char decimal = '.';
  std::size_t bytes = 0;
};

// Incremental reader: feed chunks of bytes in order (a chunk may end anywhere, even inside a
// quoted field, a CRLF pair or a UTF-8 sequence), then finish(). Only a sample (the first 64 KB
// for the delimiter, the first 1000 rows for header, decimal and types) is held as text; every
// later row goes straight into the typed columns. After an Error is thrown, or after finish(),
// the reader is spent: make a new one.
class CsvReader {
 public:
  explicit CsvReader(CsvOptions options = {});
  ~CsvReader();
  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;

  void feed(const char* data, std::size_t size);
  CsvResult finish();
  std::size_t bytes_fed() const;

 private:
  friend CsvResult read_csv(std::string_view text, const CsvOptions& options);
  struct State;
  std::unique_ptr<State> state_;
};

// One-shot helper over CsvReader; also reserves the columns from the text's size.
CsvResult read_csv(std::string_view text, const CsvOptions& options = {});

}  // namespace mlcore::data

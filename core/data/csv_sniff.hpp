// Guessing what a CSV file does not say: its delimiter, whether its first row is a header, and
// whether its numbers use a decimal comma; each guess looks only at the start of the file.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "csv_values.hpp"

namespace mlcore::data::csv {

// The first rows of a file as text (every row has `cols` fields), kept until the guesses are made.
struct Sample {
  std::size_t cols = 0;
  std::vector<std::string> cells;  // row-major
  std::vector<std::size_t> lines;  // the line each row starts on
  std::size_t rows() const { return lines.size(); }
  std::string_view cell(std::size_t row, std::size_t col) const { return cells[row * cols + col]; }
  std::vector<std::string_view> column(std::size_t col, std::size_t first_row) const;
};

// Among ',' ';' '\t' '|', the one splitting the most lines into the same number (> 1) of fields,
// quotes respected, over at most 1000 lines of `text`. When two split every line evenly, the
// rarer in ordinary text wins ('\t', then ';', then '|', then ','): a ';' file with decimal
// commas is also split evenly by ','. An unfinished last line is used only when `whole_input`.
// ',' when nothing splits.
char sniff_delimiter(std::string_view text, bool whole_input);

// ',' when some column holds numbers that read only with a decimal comma ("1,5") and no such
// column holds one that reads only with a decimal point ("1.5"); '.' otherwise.
char sniff_decimal(const Sample& sample, const MissingSet& missing);

// A header when no first-row value is a number, boolean or date, and some column whose first
// value is text holds typed values (number, boolean, date) below it. When every column is text,
// a header when the first row's values are all non-empty and unique (most CSV files have one).
bool sniff_header(const Sample& sample, const ValueRules& rules);

}  // namespace mlcore::data::csv

// CSV output. Column::text already spells each value the way a person reads it; this file only
// adds the quoting and the layout.
#include "csv_writer.hpp"

#include <string_view>

#include "../error.hpp"

namespace mlcore::data {
namespace {

void append_field(std::string& out, std::string_view text, char delimiter, bool missing) {
  if (text.empty()) {
    if (!missing) out += "\"\"";
    return;
  }
  bool quote = false;
  for (char ch : text)
    if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
      quote = true;
      break;
    }
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char ch : text) {
    if (ch == '"') out += '"';  // RFC 4180: a quote inside a quoted field is doubled
    out += ch;
  }
  out += '"';
}

}  // namespace

std::string write_csv(const Table& table, char delimiter) {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
    throw Error("csv.invalid_delimiter",
                std::string("The CSV delimiter cannot be ") +
                    (delimiter == '"' ? "a double quote" : "a line break") + "; use ',', ';' or a tab.");
  std::string out;
  if (table.cols() == 0) return out;
  const std::size_t rows = table.rows();
  // A rough size guess (about 8 characters a cell) saves most of the reallocations on big tables.
  out.reserve((rows + 1) * table.cols() * 8);
  for (std::size_t j = 0; j < table.cols(); ++j) {
    if (j) out += delimiter;
    append_field(out, table.columns[j].name, delimiter, false);
  }
  out += '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t j = 0; j < table.cols(); ++j) {
      if (j) out += delimiter;
      const Column& c = table.columns[j];
      const bool missing = c.is_missing(r);
      append_field(out, missing ? std::string() : c.text(r), delimiter, missing);
    }
    // A one-column row with a missing value would be a blank line, which most readers skip
    // (Python's csv, pandas): write "" instead, so the row count survives.
    if (out.back() == '\n') out += "\"\"";
    out += '\n';
  }
  return out;
}

}  // namespace mlcore::data

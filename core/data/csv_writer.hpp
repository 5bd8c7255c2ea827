// Any Table as CSV text (RFC 4180 quoting, '\n' line ends, a header row of column names):
// for downloads from the page, `mlplay` exports and the CSV benchmark's input.
#pragma once
#include <string>

#include "table.hpp"

namespace mlcore::data {

// Numbers are written with format_number (shortest text that reads back to the same double),
// datetimes with format_datetime, booleans as true/false, missing values as empty fields.
// A field is quoted when it contains the delimiter, '"', '\n' or '\r', and a present but empty
// text is written as "" so it stays distinct from a missing value (except in a row whose only
// field is missing: that is written as "" too, since a blank line would be skipped by readers).
// Throws csv.invalid_delimiter when delimiter is '"', '\n' or '\r'.
std::string write_csv(const Table& table, char delimiter = ',');

}  // namespace mlcore::data

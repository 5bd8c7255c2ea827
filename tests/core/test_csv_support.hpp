// Small helpers shared by the CSV reader tests: catching the error a read throws, feeding a text
// in chunks, and comparing two tables value by value (NaN equal to NaN).
#pragma once
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "core/data/csv_reader.hpp"
#include "core/error.hpp"

namespace csv_test {

using mlcore::data::CsvOptions;
using mlcore::data::CsvReader;
using mlcore::data::CsvResult;

inline mlcore::Error error_of(std::string_view text, const CsvOptions& options = {}) {
  try {
    mlcore::data::read_csv(text, options);
  } catch (const mlcore::Error& e) {
    return e;
  }
  FAIL("read_csv accepted the text: " << text);
  return mlcore::Error("none", "");
}

inline CsvResult read_in_chunks(std::string_view text, std::size_t chunk,
                                const CsvOptions& options = {}) {
  CsvReader reader(options);
  for (std::size_t at = 0; at < text.size(); at += chunk)
    reader.feed(text.data() + at, std::min(chunk, text.size() - at));
  return reader.finish();
}

inline bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

inline void require_same_table(const mlcore::data::Table& a, const mlcore::data::Table& b) {
  REQUIRE(a.cols() == b.cols());
  for (std::size_t c = 0; c < a.cols(); ++c) {
    const auto& x = a.columns[c];
    const auto& y = b.columns[c];
    CHECK(x.name == y.name);
    CHECK(x.type == y.type);
    CHECK(x.codes == y.codes);
    CHECK(x.categories == y.categories);
    REQUIRE(x.numbers.size() == y.numbers.size());
    for (std::size_t r = 0; r < x.numbers.size(); ++r) CHECK(same_number(x.numbers[r], y.numbers[r]));
  }
}

}  // namespace csv_test

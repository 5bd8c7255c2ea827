// Content hash of a table: the identity of a dataset version. Computed from the parsed table,
// never from the file bytes, so the same data read from CRLF or LF text, or with its categories
// first seen in another order, is the same version; and the same natively and in wasm.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "table.hpp"

namespace mlcore::data {

// 32 lowercase hex digits: XXH3-128 of the canonical bytes below, printed as xxhsum -H2 does.
std::string content_hash(const Table& table);

// True for text that content_hash could have produced (32 lowercase hex digits).
bool is_content_hash(std::string_view text);

// Receives the canonical serialisation in pieces; content_hash is the hash of their concatenation.
using ByteSink = std::function<void(const unsigned char* bytes, std::size_t size)>;

// Canonical serialisation, format "mlplay.table.v1". Integers are unsigned 64-bit little-endian;
// a string is its byte length then its bytes.
//   string "mlplay.table.v1", column count,
//   per column: name, type name ("float", ...), row count, then one entry per row:
//     numeric storage: the IEEE-754 bits of the value, with -0.0 written as 0.0 and every NaN
//       (= missing) written as 0x7FF8000000000000;
//     categorical: the category text of the row, or the length 2^64-1 (no text follows) when
//       missing, so a missing value never equals any text, not even "".
// Throws data.bad_category_code when a categorical code points outside its dictionary.
void write_canonical(const Table& table, const ByteSink& sink);

}  // namespace mlcore::data

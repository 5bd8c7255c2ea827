// Streams the canonical serialisation of a table into XXH3-128, through a small buffer so that
// a million-row table is hashed without building a copy of it and without one call per value.
#include "table_hash.hpp"

#include <cstdint>
#include <cstring>
#include <memory>
#include <new>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "../error.hpp"

namespace mlcore::data {

namespace {

constexpr std::uint64_t kCanonicalNan = 0x7FF8000000000000ULL;
constexpr std::uint64_t kMissingText = ~std::uint64_t{0};

// Fixed-width little-endian output regardless of the host, so native and wasm32 agree.
class CanonicalWriter {
 public:
  explicit CanonicalWriter(const ByteSink& sink) : sink_(sink) {}

  void u64(std::uint64_t v) {
    if (used_ + 8 > sizeof buf_) flush();
    for (int i = 0; i < 8; ++i) buf_[used_++] = static_cast<unsigned char>(v >> (8 * i));
  }
  void number(double v) {
    std::uint64_t bits;
    if (std::isnan(v)) {
      bits = kCanonicalNan;  // NaN payloads and signs differ between producers; missing is missing
    } else {
      if (v == 0) v = 0.0;  // -0.0 == 0.0 to every reader of the data
      std::memcpy(&bits, &v, sizeof bits);
    }
    u64(bits);
  }
  void text(std::string_view s) {
    u64(s.size());
    bytes(reinterpret_cast<const unsigned char*>(s.data()), s.size());
  }
  void flush() {
    if (used_) sink_(buf_, used_);
    used_ = 0;
  }

 private:
  void bytes(const unsigned char* p, std::size_t n) {
    if (used_ + n > sizeof buf_) flush();
    if (n >= sizeof buf_) {
      sink_(p, n);  // a huge category text goes straight through
      return;
    }
    std::memcpy(buf_ + used_, p, n);
    used_ += n;
  }

  const ByteSink& sink_;
  unsigned char buf_[4096];
  std::size_t used_ = 0;
};

void write_column(CanonicalWriter& w, const Column& col) {
  w.text(col.name);
  w.text(to_string(col.type));
  w.u64(col.size());
  if (is_numeric_storage(col.type)) {
    for (double v : col.numbers) w.number(v);
    return;
  }
  for (std::size_t row = 0; row < col.codes.size(); ++row) {
    std::int32_t code = col.codes[row];
    if (code < 0) {
      w.u64(kMissingText);
    } else if (static_cast<std::size_t>(code) < col.categories.size()) {
      // The text, not the code: dictionaries built in another first-seen order still agree.
      w.text(col.categories[static_cast<std::size_t>(code)]);
    } else {
      throw Error("data.bad_category_code",
                  "Column '" + col.name + "' row " + std::to_string(row + 1) + " has category code " +
                      std::to_string(code) + " but only " + std::to_string(col.categories.size()) +
                      " categories; the table is damaged.");
    }
  }
}

}  // namespace

void write_canonical(const Table& table, const ByteSink& sink) {
  CanonicalWriter w(sink);
  w.text("mlplay.table.v1");  // a format tag, so a future format can never collide with this one
  w.u64(table.cols());
  for (const Column& col : table.columns) write_column(w, col);
  w.flush();
}

std::string content_hash(const Table& table) {
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
  if (!state) throw std::bad_alloc();
  XXH3_128bits_reset(state.get());
  write_canonical(table, [&](const unsigned char* p, std::size_t n) {
    XXH3_128bits_update(state.get(), p, n);
  });
  XXH128_canonical_t canon;
  XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(state.get()));
  static const char* const kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof canon.digest);
  for (unsigned char b : canon.digest) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

bool is_content_hash(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace mlcore::data

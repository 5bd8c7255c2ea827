// CSV byte state machine. Fields that lie wholly inside the current chunk are passed on as views
// into it; only a row cut by a chunk end, or a field with "" escapes, is copied.
#include "csv_tokenizer.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>

#include "../error.hpp"
#include "csv_values.hpp"

namespace mlcore::data::csv {
namespace {
const char kEmpty[] = "";
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// Nonzero when some byte of w equals the byte repeated in `pattern`; the lowest set bit marks the
// first such byte (higher ones may be false alarms, which are never looked at).
inline std::uint64_t bytes_equal(std::uint64_t w, std::uint64_t pattern) {
  const std::uint64_t x = w ^ pattern;
  return (x - kOnes) & ~x & kHighs;
}
}  // namespace

// Fields are short, but eight bytes per step still halves the work of the hottest loop.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "find_stop takes the first byte of a word as its lowest: true on x86, ARM, wasm");
const char* Tokenizer::find_stop(const char* q, const char* end) const {
  while (end - q >= 8) {
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    const std::uint64_t hit = bytes_equal(w, delimiter_mask_) | bytes_equal(w, kOnes * '\n') |
                              bytes_equal(w, kOnes * '\r');
    if (hit) return q + (__builtin_ctzll(hit) >> 3);
    q += 8;
  }
  while (q != end && !stop_[static_cast<unsigned char>(*q)]) ++q;
  return q;
}

std::size_t Utf8Validator::scan(const unsigned char* s, std::size_t n, std::size_t offset) {
  std::size_t i = 0;
  while (i < n) {
    if (need_ == 0) {
      // ASCII is nearly all of a CSV file: test eight bytes at a time.
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, s + i, 8);
        if (w & kHighs) break;
        i += 8;
      }
      while (i < n && s[i] < 0x80) ++i;
      if (i == n) break;
      const unsigned char c = s[i];
      lead_offset_ = offset + i;
      lead_byte_ = c;
      lo_ = 0x80;
      hi_ = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need_ = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need_ = 2;
        if (c == 0xE0) lo_ = 0xA0;  // overlong
        if (c == 0xED) hi_ = 0x9F;  // UTF-16 surrogates
      } else if (c >= 0xF0 && c <= 0xF4) {
        need_ = 3;
        if (c == 0xF0) lo_ = 0x90;  // overlong
        if (c == 0xF4) hi_ = 0x8F;  // above U+10FFFF
      } else {
        return i;
      }
      ++i;
    } else {
      const unsigned char c = s[i];
      if (c < lo_ || c > hi_) return i;
      lo_ = 0x80;
      hi_ = 0xBF;
      --need_;
      ++i;
    }
  }
  return n;
}

Tokenizer::Tokenizer(char delimiter, RowSink& sink, std::string source)
    : delimiter_(delimiter), sink_(sink), source_(std::move(source)) {
  stop_[static_cast<unsigned char>(delimiter)] = true;
  stop_[static_cast<unsigned char>('\n')] = true;
  stop_[static_cast<unsigned char>('\r')] = true;
  delimiter_mask_ = kOnes * static_cast<unsigned char>(delimiter);
}

void Tokenizer::feed(const char* data, std::size_t size) {
  const std::size_t good = utf8_.scan(reinterpret_cast<const unsigned char*>(data), size, offset_);
  // Tokenize up to the bad byte first, so the line and column of the error are known.
  run(data, data + good);
  if (good < size) throw_invalid_utf8();
}

void Tokenizer::finish() {
  if (utf8_.incomplete()) throw_invalid_utf8();
  cur_ptr_ = cur_end_ = kEmpty;
  switch (state_) {
    case State::Quoted: {
      std::string_view start(row_buf_);
      start.remove_prefix(cur_off_);
      throw Error("csv.unterminated_quote",
                  describe_line(source_, quote_line_) + ", column " + std::to_string(quote_column_) +
                      ": a quoted field starts here but its closing quote is missing. Add the "
                      "closing \"; a quote inside a quoted field is written twice (\"\").",
                  Location{quote_line_, quote_column_, excerpt_of(start)});
    }
    case State::QuoteSeen:
    case State::AfterQuote:
      end_quoted();
      emit_row();
      break;
    case State::Unquoted:
      end_unquoted(cur_ptr_);
      emit_row();
      break;
    case State::FieldStart:
      if (!fields_.empty()) {
        fields_.push_back({kEmpty, 0, 0});
        emit_row();
      }
      break;
  }
  state_ = State::FieldStart;
}

void Tokenizer::run(const char* p, const char* const end) {
  base_ = p;
  if (p == end) return;
  if (state_ != State::FieldStart) cur_ptr_ = cur_end_ = p;  // a field continues from the last chunk
  while (p < end) {
    switch (state_) {
      case State::FieldStart: {
        const char c = *p;
        if (skip_lf_) {
          skip_lf_ = false;
          if (c == '\n') {
            ++p;
            line_start_ = offset_of(p);
            continue;
          }
        }
        if (c == delimiter_) {
          fields_.push_back({kEmpty, 0, 0});
          ++p;
          continue;
        }
        if (c == '\n' || c == '\r') {
          if (!fields_.empty()) fields_.push_back({kEmpty, 0, 0});  // "a,b," ends with an empty field
          p = end_line(p);
          continue;
        }
        if (is_space(c)) {
          ++p;
          continue;
        }
        if (c == '"') {
          quote_line_ = line_;
          quote_column_ = column_of(offset_of(p));
          ++p;
          cur_ptr_ = cur_end_ = p;
          state_ = State::Quoted;
          continue;
        }
        cur_ptr_ = p;
        state_ = State::Unquoted;
      }
        [[fallthrough]];
      case State::Unquoted: {
        const char* q = find_stop(p, end);
        if (q == end) {
          p = end;
          break;
        }
        if (cur_buffered_) {
          end_unquoted(q);
        } else {  // the common case, kept inline: a field wholly inside this chunk
          const char* e = q;
          while (e > cur_ptr_ && is_space(e[-1])) --e;
          fields_.push_back({cur_ptr_, 0, static_cast<std::size_t>(e - cur_ptr_)});
        }
        state_ = State::FieldStart;
        p = *q == delimiter_ ? q + 1 : end_line(q);
        continue;
      }
      case State::Quoted: {
        const char* q = p;
        while (q != end && *q != '"') {
          if (*q == '\n' || *q == '\r') newline_in_quotes(q);
          ++q;
        }
        if (q == end) {
          p = end;
          break;
        }
        cur_end_ = q;
        p = q + 1;
        state_ = State::QuoteSeen;
        continue;
      }
      case State::QuoteSeen:
        if (*p == '"') {  // "" inside quotes is one literal quote
          buffer_current(cur_end_);
          row_buf_.push_back('"');
          ++p;
          cur_ptr_ = cur_end_ = p;
          state_ = State::Quoted;
          continue;
        }
        pending_space_.clear();
        state_ = State::AfterQuote;
        [[fallthrough]];
      case State::AfterQuote: {
        const char c = *p;
        if (c == delimiter_) {
          end_quoted();
          state_ = State::FieldStart;
          ++p;
        } else if (c == '\n' || c == '\r') {
          end_quoted();
          state_ = State::FieldStart;
          p = end_line(p);
        } else if (is_space(c)) {
          pending_space_.push_back(c);
          ++p;
        } else {
          buffer_current(cur_end_);
          row_buf_ += pending_space_;
          pending_space_.clear();
          row_buf_.push_back(c);
          ++p;
          cur_ptr_ = cur_end_ = p;
        }
        continue;
      }
    }
  }
  // The chunk's memory goes away after this call: copy whatever the unfinished row still needs.
  switch (state_) {
    case State::FieldStart: relocate_row(); break;
    case State::Unquoted:
    case State::Quoted: buffer_current(end); break;
    case State::QuoteSeen:
    case State::AfterQuote: buffer_current(cur_end_); break;
  }
  cur_ptr_ = cur_end_ = kEmpty;
  offset_ += static_cast<std::size_t>(end - base_);
  last_byte_ = end[-1];
}

const char* Tokenizer::end_line(const char* p) {
  if (!fields_.empty()) emit_row();
  ++line_;
  skip_lf_ = *p == '\r';
  ++p;
  line_start_ = offset_of(p);
  row_line_ = line_;
  return p;
}

void Tokenizer::newline_in_quotes(const char* p) {
  const char prev = p > base_ ? p[-1] : last_byte_;
  if (*p == '\r' || prev != '\r') ++line_;
  line_start_ = offset_of(p) + 1;
}

void Tokenizer::end_unquoted(const char* q) {
  if (cur_buffered_) {
    row_buf_.append(cur_ptr_, static_cast<std::size_t>(q - cur_ptr_));
    std::size_t len = row_buf_.size() - cur_off_;
    while (len > 0 && is_space(row_buf_[cur_off_ + len - 1])) --len;
    fields_.push_back({nullptr, cur_off_, len});
    cur_buffered_ = false;
    return;
  }
  while (q > cur_ptr_ && is_space(q[-1])) --q;
  fields_.push_back({cur_ptr_, 0, static_cast<std::size_t>(q - cur_ptr_)});
}

void Tokenizer::end_quoted() {
  if (cur_buffered_) {
    row_buf_.append(cur_ptr_, static_cast<std::size_t>(cur_end_ - cur_ptr_));
    fields_.push_back({nullptr, cur_off_, row_buf_.size() - cur_off_});
    cur_buffered_ = false;
    return;
  }
  fields_.push_back({cur_ptr_, 0, static_cast<std::size_t>(cur_end_ - cur_ptr_)});
}

// Once the current field is being copied it must stay the tail of row_buf_, so the row's
// earlier fields are copied first.
void Tokenizer::buffer_current(const char* upto) {
  if (!cur_buffered_) {
    relocate_row();
    cur_off_ = row_buf_.size();
    cur_buffered_ = true;
  }
  row_buf_.append(cur_ptr_, static_cast<std::size_t>(upto - cur_ptr_));
  cur_ptr_ = cur_end_ = upto;
}

void Tokenizer::relocate_row() {
  for (auto& f : fields_) {
    if (!f.ptr) continue;
    f.off = row_buf_.size();
    row_buf_.append(f.ptr, f.len);
    f.ptr = nullptr;
  }
}

void Tokenizer::emit_row() {
  views_.clear();
  for (const auto& f : fields_)
    views_.emplace_back(f.ptr ? f.ptr : row_buf_.data() + f.off, f.len);
  sink_.on_row(views_, row_line_);
  fields_.clear();
  row_buf_.clear();
}

void Tokenizer::throw_invalid_utf8() const {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", utf8_.bad_byte());
  const std::size_t column = column_of(utf8_.bad_offset());
  throw Error("csv.invalid_utf8",
              describe_line(source_, line_) + ", column " + std::to_string(column) + ": the byte " +
                  hex +
                  " is not valid UTF-8. Save the file as UTF-8 (in Excel: \"CSV UTF-8\") and load "
                  "it again.",
              Location{line_, column, hex});
}

}  // namespace mlcore::data::csv

// The byte layer of the CSV reader: checks UTF-8 and splits text into rows of fields (RFC 4180
// quoting; LF, CRLF or lone CR line ends) across chunk boundaries, tracking line and column.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlcore::data::csv {

class RowSink {
 public:
  virtual ~RowSink() = default;
  // The views are valid only during the call; `line` is the 1-based line the row starts on.
  virtual void on_row(const std::vector<std::string_view>& fields, std::size_t line) = 0;
};

// Incremental UTF-8 check (rejects overlong forms, surrogates and code points above U+10FFFF);
// a sequence may be split between two chunks.
class Utf8Validator {
 public:
  // Returns the index in [0, size] of the first byte found invalid, or size when all is well.
  std::size_t scan(const unsigned char* s, std::size_t size, std::size_t offset);
  bool incomplete() const { return need_ > 0; }
  // The offset (from the first byte fed) of the sequence that went wrong, and its first byte.
  std::size_t bad_offset() const { return lead_offset_; }
  unsigned char bad_byte() const { return lead_byte_; }

 private:
  int need_ = 0;
  unsigned char lo_ = 0x80, hi_ = 0xBF;
  std::size_t lead_offset_ = 0;
  unsigned char lead_byte_ = 0;
};

// Fields come out with the surrounding spaces (and tabs, unless tab is the delimiter) of unquoted
// fields trimmed and quoted fields unescaped verbatim. Blank lines (nothing but spaces) are
// skipped. Lenient on stray quotes, as pandas and Python's csv module are: a quote inside an
// unquoted field is kept as a character, and text after a closing quote is appended to the field.
// Errors: csv.unterminated_quote (line and byte column of the opening quote) and
// csv.invalid_utf8 (line and byte column of the first byte of the bad sequence); byte columns
// count bytes, not characters, from 1.
class Tokenizer {
 public:
  Tokenizer(char delimiter, RowSink& sink, std::string source);
  void feed(const char* data, std::size_t size);
  void finish();

 private:
  enum class State : unsigned char { FieldStart, Unquoted, Quoted, QuoteSeen, AfterQuote };
  // A finished field of the row being read: in the current chunk (ptr) or copied into row_buf_.
  struct Ref {
    const char* ptr;
    std::size_t off;
    std::size_t len;
  };

  void run(const char* p, const char* end);
  const char* find_stop(const char* q, const char* end) const;
  const char* end_line(const char* p);
  void newline_in_quotes(const char* p);
  void end_unquoted(const char* q);
  void end_quoted();
  void buffer_current(const char* upto);
  void relocate_row();
  void emit_row();
  std::size_t offset_of(const char* p) const { return offset_ + static_cast<std::size_t>(p - base_); }
  std::size_t column_of(std::size_t offset) const { return offset - line_start_ + 1; }
  bool is_space(char c) const { return c == ' ' || (c == '\t' && delimiter_ != '\t'); }
  [[noreturn]] void throw_invalid_utf8() const;

  char delimiter_;
  RowSink& sink_;
  std::string source_;
  bool stop_[256] = {};  // bytes that end an unquoted field
  std::uint64_t delimiter_mask_ = 0;
  State state_ = State::FieldStart;
  bool skip_lf_ = false;  // the row ended on CR; a LF right after it belongs to the same line end

  std::vector<Ref> fields_;
  std::vector<std::string_view> views_;
  std::string row_buf_;  // the row's fields that had to be copied (chunk ends, "" escapes)
  // The field being read: its pending bytes are [cur_ptr_, cur_end_) in the chunk, after
  // row_buf_[cur_off_..] when cur_buffered_.
  const char* cur_ptr_ = nullptr;
  const char* cur_end_ = nullptr;
  std::size_t cur_off_ = 0;
  bool cur_buffered_ = false;
  std::string pending_space_;  // spaces after a closing quote, kept only if text follows

  std::size_t line_ = 1, row_line_ = 1, line_start_ = 0;
  std::size_t offset_ = 0;  // offset of the current chunk's first byte in the input
  const char* base_ = nullptr;
  char last_byte_ = 0;  // the previous chunk's last byte, to pair a CR with a LF across chunks
  std::size_t quote_line_ = 0, quote_column_ = 0;
  Utf8Validator utf8_;
};

}  // namespace mlcore::data::csv

// Delimiter, decimal and header guesses over the sample at the start of a CSV file.
#include "csv_sniff.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <set>

#include "csv_columns.hpp"

namespace mlcore::data::csv {
namespace {

constexpr std::size_t kMaxSniffLines = 1000;
// Candidates in tie-break order (see the header).
constexpr std::array<char, 4> kCandidates = {'\t', ';', '|', ','};

}  // namespace

std::vector<std::string_view> Sample::column(std::size_t col, std::size_t first_row) const {
  std::vector<std::string_view> out;
  for (std::size_t r = first_row; r < rows(); ++r) out.push_back(cell(r, col));
  return out;
}

char sniff_delimiter(std::string_view text, bool whole_input) {
  std::vector<std::array<std::uint32_t, kCandidates.size()>> lines;
  std::array<std::uint32_t, kCandidates.size()> counts{};
  bool in_quotes = false, content = false;
  for (std::size_t i = 0; i < text.size() && lines.size() < kMaxSniffLines; ++i) {
    const char c = text[i];
    if (c == '"') {
      // Toggling on every quote is exact for RFC 4180 text ("" toggles twice) and good enough
      // for the odd stray quote.
      in_quotes = !in_quotes;
      content = true;
    } else if (in_quotes) {
      continue;
    } else if (c == '\n' || c == '\r') {
      if (content) lines.push_back(counts);
      counts = {};
      content = false;
    } else {
      content = true;
      for (std::size_t k = 0; k < kCandidates.size(); ++k) counts[k] += c == kCandidates[k];
    }
  }
  if (content && (whole_input || lines.empty()) && lines.size() < kMaxSniffLines)
    lines.push_back(counts);

  char best = ',';
  std::size_t best_score = 0;
  for (std::size_t k = 0; k < kCandidates.size(); ++k) {
    std::map<std::uint32_t, std::size_t> freq;
    for (const auto& l : lines) ++freq[l[k]];
    std::uint32_t mode = 0;
    std::size_t score = 0;
    for (const auto& [count, n] : freq)
      if (n >= score) mode = count, score = n;  // ties go to the larger count
    if (mode == 0) continue;                    // never splits a line into more than one field
    if (score > best_score) best = kCandidates[k], best_score = score;
  }
  return best;
}

char sniff_decimal(const Sample& sample, const MissingSet& missing) {
  bool comma_column = false;
  for (std::size_t c = 0; c < sample.cols; ++c) {
    std::size_t comma_only = 0, point_only = 0;
    for (std::size_t r = 0; r < sample.rows(); ++r) {
      const std::string_view t = sample.cell(r, c);
      if (missing.contains(t)) continue;
      double v;
      bool integer;
      const bool point = parse_number(t, '.', v, integer);
      const bool comma = parse_number(t, ',', v, integer);
      comma_only += comma && !point;
      point_only += point && !comma;
    }
    if (comma_only > 0 && point_only > 0) return '.';  // ambiguous: keep the usual reading
    comma_column |= comma_only > 0;
  }
  return comma_column ? ',' : '.';
}

bool sniff_header(const Sample& sample, const ValueRules& rules) {
  if (sample.rows() == 0) return false;
  std::vector<ValueKind> first(sample.cols);
  bool all_text = true;
  for (std::size_t c = 0; c < sample.cols; ++c) {
    double v;
    first[c] = classify(sample.cell(0, c), rules, v);
    if (first[c] != ValueKind::Text && first[c] != ValueKind::Missing) return false;
    all_text &= first[c] == ValueKind::Text && !sample.cell(0, c).empty();
  }
  for (std::size_t c = 0; c < sample.cols; ++c) {
    if (first[c] != ValueKind::Text) continue;
    const TypeGuess guess = infer_type(sample.column(c, 1), rules);
    if (!guess.all_missing && guess.type != ColumnType::Categorical) return true;
  }
  if (!all_text) return false;
  std::set<std::string_view> seen;
  for (std::size_t c = 0; c < sample.cols; ++c)
    if (!seen.insert(sample.cell(0, c)).second) return false;
  return true;
}

}  // namespace mlcore::data::csv

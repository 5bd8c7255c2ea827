// Quality rules over a profile (see quality.hpp for the list). Statistics come from the profile
// so nothing is computed twice; the table is read again only where a rule needs the raw values
// (outlier counts, class counts, the text of categories).
#include "quality.hpp"

#include <cmath>
#include <cstdio>

#include "profile.hpp"

namespace mlcore::data {
namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

// Short enough for a sentence; the profile keeps the full precision.
std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string in_quotes(const std::string& name) { return "'" + name + "'"; }

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

void trim(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
}

bool strip_prefix(std::string_view& s, std::string_view p) {
  if (s.substr(0, p.size()) != p) return false;
  s.remove_prefix(p.size());
  return true;
}

bool strip_suffix(std::string_view& s, std::string_view p) {
  if (s.size() < p.size() || s.substr(s.size() - p.size()) != p) return false;
  s.remove_suffix(p.size());
  return true;
}

// The symbols people put around numbers in spreadsheets: $ EUR GBP JPY, and % after.
constexpr std::string_view kCurrencies[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"};
// Digit-group separators besides ',' and '.': space, apostrophe (Swiss), and the no-break and
// thin spaces spreadsheets export; all read as one kind, ' '.
constexpr std::string_view kSpaces[] = {" ", "'", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"};

// digits [. digits] [e [sign] digits], at least one mantissa digit: what strtod reads in "C".
bool is_plain(std::string_view s) {
  std::size_t i = 0, mantissa = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++mantissa;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && is_digit(s[i]); ++i) ++mantissa;
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    if (++i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

const char* kind_name(ColumnType t) { return t == ColumnType::Categorical ? "text" : to_string(t); }

void check_imbalance(const Column& c, const ColumnProfile& cp, const QualityOptions& q,
                     std::vector<Warning>& out) {
  if (c.type == ColumnType::Float || c.type == ColumnType::Datetime) return;  // not classes
  if (c.type == ColumnType::Integer && cp.distinct > kMaxIntegerClasses) return;
  if (cp.distinct < 2) return;  // a single class is quality.constant_column's finding
  // Classes in first-seen order, so ties name the earliest class.
  std::vector<std::string> labels;
  std::vector<std::size_t> counts;
  if (c.type == ColumnType::Categorical) {
    std::vector<std::size_t> per_code(c.categories.size(), 0);
    for (auto code : c.codes)
      if (code >= 0) ++per_code[static_cast<std::size_t>(code)];
    for (std::size_t i = 0; i < per_code.size(); ++i)
      if (per_code[i] > 0) labels.push_back(c.categories[i]), counts.push_back(per_code[i]);
  } else {
    // Boolean or integer with at most kMaxIntegerClasses values: a linear search is enough.
    std::vector<double> values;
    for (std::size_t r = 0; r < c.numbers.size(); ++r) {
      const double v = c.numbers[r];
      if (std::isnan(v)) continue;
      std::size_t i = 0;
      while (i < values.size() && values[i] != v) ++i;
      if (i == values.size()) values.push_back(v), labels.push_back(c.text(r)), counts.push_back(0);
      ++counts[i];
    }
  }
  std::size_t lo = 0, hi = 0;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] < counts[lo]) lo = i;
    if (counts[i] > counts[hi]) hi = i;
  }
  const double ratio = static_cast<double>(counts[hi]) / static_cast<double>(counts[lo]);
  if (ratio < q.imbalance_ratio) return;
  const auto share = [&](std::size_t i) {
    return percent(static_cast<double>(counts[i]) / static_cast<double>(cp.count));
  };
  out.push_back({"quality.class_imbalance",
                 "Target " + in_quotes(c.name) + " is imbalanced: its rarest class " +
                     in_quotes(labels[lo]) + " has " + std::to_string(counts[lo]) + " of " +
                     std::to_string(cp.count) + " labelled rows (" + share(lo) + "), " +
                     short_number(ratio) + " times fewer than " + in_quotes(labels[hi]) + " (" +
                     std::to_string(counts[hi]) +
                     "); split with stratification and judge models by balanced accuracy, "
                     "recall or F1, since always answering " +
                     in_quotes(labels[hi]) + " scores " + share(hi) + " accuracy.",
                 {}});
}

void check_outliers(const Column& c, const ColumnProfile& cp, const QualityOptions& q,
                    std::vector<Warning>& out) {
  const double iqr = cp.quantiles.p75 - cp.quantiles.p25;
  // With IQR = 0 (e.g. a mostly-zero column) every other value would be "extreme"; the fences
  // say nothing useful there, so the rule stays silent.
  if (!(iqr > 0)) return;
  const double low = cp.quantiles.p25 - q.outlier_iqr_factor * iqr;
  const double high = cp.quantiles.p75 + q.outlier_iqr_factor * iqr;
  std::size_t n = 0;
  for (double v : c.numbers) n += v < low || v > high;  // NaN compares false: not counted
  if (n == 0) return;
  out.push_back({"quality.extreme_outliers",
                 "Column " + in_quotes(c.name) + " has " + std::to_string(n) + " value" +
                     (n == 1 ? "" : "s") + " outside [Q1 - " + short_number(q.outlier_iqr_factor) +
                     "*IQR, Q3 + " + short_number(q.outlier_iqr_factor) + "*IQR] = [" +
                     short_number(low) + ", " + short_number(high) + "]; check " +
                     (n == 1 ? "it" : "them") +
                     " for entry errors or unit mix-ups, and consider a robust scaler or a tree "
                     "model if real.",
                 {}});
}

void check_numeric_text(const Column& c, const ColumnProfile& cp, const QualityOptions& q,
                        std::vector<Warning>& out) {
  if (cp.count == 0) return;
  std::vector<std::size_t> per_code(c.categories.size(), 0);
  for (auto code : c.codes)
    if (code >= 0) ++per_code[static_cast<std::size_t>(code)];
  // Rows per kind, and the first category of each kind as the example to quote.
  std::size_t rows[4] = {0, 0, 0, 0};
  const std::string* example[4] = {nullptr, nullptr, nullptr, nullptr};
  for (std::size_t i = 0; i < per_code.size(); ++i) {
    if (per_code[i] == 0) continue;
    const auto k = static_cast<std::size_t>(classify_number_text(c.categories[i]));
    rows[k] += per_code[i];
    if (!example[k]) example[k] = &c.categories[i];
  }
  const std::size_t none = rows[0], plain = rows[1], comma = rows[2], decorated = rows[3];
  const double share =
      static_cast<double>(plain + comma + decorated) / static_cast<double>(cp.count);
  // Only plain numbers means someone chose text on purpose (codes with leading zeros).
  if (share < q.numeric_text_min_share || comma + decorated + none == 0) return;
  std::string msg = "Column " + in_quotes(c.name) + " is text, but " + percent(share) +
                    " of its values read as numbers";
  if (comma > 0 && comma >= decorated) {
    msg += " written with a decimal comma (e.g. " + in_quotes(*example[2]) +
           "); re-read the file with decimal ',' so it becomes a number column.";
  } else if (decorated > 0) {
    msg += " written with symbols or digit grouping (e.g. " + in_quotes(*example[3]) +
           "); remove the symbols and group separators before reading, so it becomes a number "
           "column.";
  } else {
    msg += "; the others (e.g. " + in_quotes(*example[0]) +
           ") look like missing-value markers: add them to the reader's missing values.";
  }
  if (none > 0 && (comma > 0 || decorated > 0))
    msg += " The other values (e.g. " + in_quotes(*example[0]) +
           ") then belong in the reader's missing values.";
  out.push_back({"quality.numeric_as_text", msg, {}});
}

}  // namespace

NumberText classify_number_text(std::string_view s) {
  trim(s);
  bool decorated = false;
  auto strip_sign = [&] {
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  };
  strip_sign();  // sign and currency come in either order: "-$5", "$-5"
  for (auto cur : kCurrencies)
    if (strip_prefix(s, cur)) {
      decorated = true;
      trim(s);
      strip_sign();
      break;
    }
  for (auto sym :
       {std::string_view("%"), kCurrencies[0], kCurrencies[1], kCurrencies[2], kCurrencies[3]})
    if (strip_suffix(s, sym)) {
      decorated = true;
      trim(s);
      break;
    }
  if (is_plain(s)) return decorated ? NumberText::Decorated : NumberText::Plain;
  // Otherwise: digit runs separated by single separators, e.g. "1 234 567,89".
  std::vector<std::size_t> runs{0};
  std::string seps;
  for (std::size_t i = 0; i < s.size();) {
    if (is_digit(s[i])) {
      ++runs.back(), ++i;
      continue;
    }
    char sep = 0;
    std::string_view rest = s.substr(i);
    if (s[i] == ',' || s[i] == '.') sep = s[i], rest.remove_prefix(1);
    for (auto sp : kSpaces)
      if (!sep && strip_prefix(rest, sp)) sep = ' ';
    if (!sep || runs.back() == 0) return NumberText::None;  // unknown char, or two separators
    seps += sep;
    runs.push_back(0);
    i = s.size() - rest.size();
  }
  if (runs.back() == 0 || seps.empty()) return NumberText::None;
  // The decimal separator is the last separator when it is ',' or '.' and occurs only once.
  const char last = seps.back();
  const bool has_decimal = (last == ',' || last == '.') && seps.find(last) == seps.size() - 1;
  const std::size_t int_seps = seps.size() - (has_decimal ? 1 : 0);
  // Grouping in the integer part: one separator kind, 1-3 leading digits, then groups of 3.
  for (std::size_t g = 0; g < int_seps; ++g) {
    if (seps[g] != seps[0] || (has_decimal && seps[g] == last)) return NumberText::None;
    if (runs[g + 1] != 3) return NumberText::None;
  }
  if (int_seps > 0 && runs[0] > 3) return NumberText::None;
  return has_decimal && last == ',' ? NumberText::DecimalComma : NumberText::Decorated;
}

std::vector<Warning> check_quality(const Table& t, const QualityOptions& q) {
  return profile_table(t, q).warnings;
}

std::vector<Warning> check_quality(const Table& t, const Profile& p, const QualityOptions& q) {
  std::vector<Warning> out;
  const Column* target = q.target.empty() ? nullptr : &t.column(q.target);  // data.unknown_column
  const std::size_t rows = t.rows();
  if (p.duplicate_rows > 0)
    out.push_back({"quality.duplicate_rows",
                   "The table has " + std::to_string(p.duplicate_rows) + " duplicate row" +
                       (p.duplicate_rows == 1 ? "" : "s") +
                       " (exact copies of an earlier row) in " + std::to_string(rows) +
                       "; remove them before splitting, or a copy can land in both the training "
                       "and the test set and flatter the score.",
                   {}});
  for (std::size_t i = 0; i < t.cols(); ++i) {
    const Column& c = t.columns[i];
    const ColumnProfile& cp = p.columns[i];
    if (cp.distinct == 1) {
      std::size_t r = 0;
      while (c.is_missing(r)) ++r;
      out.push_back({"quality.constant_column",
                     "Column " + in_quotes(c.name) + " has the same value (" +
                         in_quotes(c.text(r)) +
                         ") in every non-missing row; it cannot help a model, so drop it.",
                     {}});
    }
    const double missing_share =
        rows ? static_cast<double>(cp.missing) / static_cast<double>(rows) : 0;
    if (missing_share > q.high_missing_share)
      out.push_back({"quality.high_missing",
                     "Column " + in_quotes(c.name) + " is missing in " + percent(missing_share) +
                         " of rows (" + std::to_string(cp.missing) + " of " + std::to_string(rows) +
                         "), above " + percent(q.high_missing_share) +
                         "; drop it, or impute it and add a 'was missing' indicator column.",
                     {}});
    if ((c.type == ColumnType::Integer || c.type == ColumnType::Categorical) &&
        rows >= kIdLikeMinRows && cp.distinct == rows)
      out.push_back({"quality.id_like_column",
                     "Column " + in_quotes(c.name) + " (" + kind_name(c.type) +
                         ") has a different value in each of the " + std::to_string(rows) +
                         " rows, like an identifier; leave it out of the features, or a model "
                         "will memorise rows instead of learning.",
                     {}});
    if (c.type == ColumnType::Integer || c.type == ColumnType::Float) check_outliers(c, cp, q, out);
    if (c.type == ColumnType::Categorical) check_numeric_text(c, cp, q, out);
    if (&c == target) check_imbalance(c, cp, q, out);
  }
  return out;
}

}  // namespace mlcore::data

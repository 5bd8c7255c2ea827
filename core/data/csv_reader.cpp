// The CSV reader's flow: hold the first bytes to sniff the delimiter, hold the first rows to
// guess header, decimal and types, then stream every later row straight into typed columns.
#include "csv_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

#include "csv_columns.hpp"
#include "csv_sniff.hpp"
#include "csv_tokenizer.hpp"

namespace mlcore::data {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kSampleRows = 1000;
constexpr std::size_t kSampleBytes = 1024 * 1024;
constexpr std::size_t kRaggedWarnings = 20;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

void check_options(const CsvOptions& o) {
  auto bad = [](const std::string& message) { throw Error("csv.bad_option", message); };
  if (o.delimiter == '"' || o.delimiter == '\n' || o.delimiter == '\r' || o.delimiter == ' ' ||
      static_cast<unsigned char>(o.delimiter) >= 0x80)
    bad("The delimiter must be one ASCII character other than a quote, a space or a line end; "
        "use ',', ';', tab or '|', or 0 to detect it.");
  if (o.header < -1 || o.header > 1)
    bad("header must be -1 (detect), 0 (no header) or 1 (first row is the header).");
  if (o.decimal != 0 && o.decimal != '.' && o.decimal != ',')
    bad("decimal must be '.', ',' or 0 (detect).");
  if (o.decimal != 0 && o.decimal == o.delimiter)
    bad("The decimal mark and the delimiter cannot be the same character.");
}

// pandas' rule, so names match what students see in notebooks: a, a.1, a.2.
std::vector<std::size_t> dedup_names(std::vector<std::string>& names) {
  std::vector<std::size_t> renamed;
  std::map<std::string, std::size_t> counts;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name = names[i];
    std::size_t count = counts[name];
    while (count > 0) {
      counts[name] = count + 1;
      name += "." + std::to_string(count);
      count = counts[name];
    }
    counts[name] = count + 1;
    if (name != names[i]) renamed.push_back(i);
    names[i] = std::move(name);
  }
  return renamed;
}

}  // namespace

struct CsvReader::State final : csv::RowSink {
  CsvOptions options;
  csv::ReadContext context;
  std::size_t bytes = 0;
  std::size_t size_hint = 0;  // total bytes, when known up front
  bool started = false, finished = false;
  std::string head;  // bytes held until the delimiter is known
  char delimiter = ',';
  std::unique_ptr<csv::Tokenizer> tokenizer;

  std::size_t expected = 0;  // fields per row: the first row's count
  std::size_t skipped = 0;
  bool committed = false;
  csv::Sample sample;
  std::size_t sample_bytes = 0;
  bool header = false;
  std::vector<csv::ColumnBuilder> columns;
  std::size_t data_rows = 0;

  explicit State(CsvOptions o) : options(std::move(o)) {
    check_options(options);
    context.rules.missing = csv::MissingSet(options.missing);
    context.source = options.source;
  }

  void feed(const char* data, std::size_t size);

  void start(std::string_view text, bool whole_input) {
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    delimiter = options.delimiter
                    ? options.delimiter
                    : csv::sniff_delimiter(text.substr(0, kSniffBytes),
                                           whole_input && text.size() <= kSniffBytes);
    tokenizer = std::make_unique<csv::Tokenizer>(delimiter, *this, options.source);
    started = true;
    tokenizer->feed(text.data(), text.size());
  }

  void on_row(const std::vector<std::string_view>& fields, std::size_t line) override {
    if (expected == 0) {
      expected = fields.size();
      sample.cols = expected;
    } else if (fields.size() != expected) {
      return ragged(fields, line);
    }
    if (committed) {
      for (std::size_t i = 0; i < fields.size(); ++i) columns[i].push(fields[i], line);
      ++data_rows;
      return;
    }
    for (auto f : fields) {
      sample.cells.emplace_back(f);
      sample_bytes += f.size() + 1;
    }
    sample.lines.push_back(line);
    if (sample.rows() >= kSampleRows || sample_bytes >= kSampleBytes) commit();
  }

  void ragged(const std::vector<std::string_view>& fields, std::size_t line) {
    std::string text;
    for (std::size_t i = 0; i < fields.size() && text.size() < 60; ++i) {
      if (i) text += delimiter;
      text.append(fields[i].substr(0, 60));
    }
    // The column is the first field position where the row departs from the first row.
    Location at{line, std::min(fields.size(), expected) + 1, excerpt_of(text)};
    const std::string counts = describe(line) + " has " + std::to_string(fields.size()) +
                               (fields.size() == 1 ? " field" : " fields") + ", expected " +
                               std::to_string(expected) + " (as in the first row)";
    if (options.ragged == RaggedPolicy::Error)
      throw Error("csv.ragged_row",
                  counts + ". Look for a missing or extra delimiter, quote fields that contain "
                           "the delimiter, or choose to skip such rows.",
                  std::move(at));
    if (++skipped <= kRaggedWarnings)
      context.warnings.push_back(
          {"csv.ragged_row_skipped", counts + "; the row was skipped.", std::move(at)});
  }

  std::string describe(std::size_t line) const { return csv::describe_line(options.source, line); }

  void commit() {
    committed = true;
    if (sample.rows() == 0)
      throw Error("csv.empty_file", (options.source.empty() ? "The file" : options.source) +
                                        " has no rows: it is empty or holds only blank lines.");
    auto& rules = context.rules;
    rules.decimal = options.decimal     ? options.decimal
                    : delimiter == ';' ? csv::sniff_decimal(sample, rules.missing)
                                        : '.';
    header = options.header == -1 ? csv::sniff_header(sample, rules) : options.header == 1;
    const std::size_t first = header ? 1 : 0;
    if (sample.rows() == first)
      throw Error("csv.no_data_rows",
                  (options.source.empty() ? "The file" : options.source) +
                      " has a header row but no data rows below it. If the first row is data, "
                      "read the file with no header.");

    const std::vector<std::string> names = column_names();
    std::size_t estimate = sample.rows();
    if (size_hint > 0) estimate = std::max(estimate, size_hint / (sample_bytes / sample.rows() + 1) + 16);
    columns.reserve(sample.cols);
    for (std::size_t c = 0; c < sample.cols; ++c) {
      const auto forced = options.types.find(names[c]);
      csv::TypeGuess guess{ColumnType::Float, false};
      if (forced == options.types.end()) guess = csv::infer_type(sample.column(c, first), rules);
      columns.emplace_back(names[c], c,
                           forced != options.types.end() ? forced->second : guess.type,
                           forced != options.types.end(), guess.all_missing, context);
      columns.back().reserve(estimate);
    }
    for (const auto& [name, type] : options.types) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "'" : ", '") + n + "'";
      context.warnings.push_back(
          {"csv.unknown_column",
           "A type was set for a column named '" + name +
               "', but the file has no such column; the columns are " + known + ".",
           Location{}});
    }
    for (std::size_t r = first; r < sample.rows(); ++r)
      for (std::size_t c = 0; c < sample.cols; ++c) columns[c].push(sample.cell(r, c), sample.lines[r]);
    data_rows = sample.rows() - first;
    sample = csv::Sample{};
  }

  std::vector<std::string> column_names() {
    std::vector<std::string> names(sample.cols);
    if (!header) {
      for (std::size_t c = 0; c < names.size(); ++c) names[c] = "column_" + std::to_string(c + 1);
      return names;
    }
    const std::size_t line = sample.lines[0];
    for (std::size_t c = 0; c < names.size(); ++c) {
      names[c] = std::string(sample.cell(0, c));
      if (!names[c].empty()) continue;
      names[c] = "Unnamed: " + std::to_string(c);  // 0-based, as pandas names them
      context.warnings.push_back(
          {"csv.empty_header",
           describe(line) + ": column " + std::to_string(c + 1) + " has no name; it is called '" +
               names[c] + "'. Give it a name in the header row.",
           Location{line, c + 1, ""}});
    }
    const std::vector<std::string> original = names;
    for (std::size_t c : dedup_names(names))
      context.warnings.push_back(
          {"csv.duplicate_header",
           describe(line) + ": the column name '" + original[c] +
               "' appears more than once; column " + std::to_string(c + 1) + " is called '" +
               names[c] + "'. Rename it in the header row to choose the name.",
           Location{line, c + 1, excerpt_of(original[c])}});
    return names;
  }

  CsvResult finish() {
    if (!started) start(head, true);
    std::string().swap(head);
    tokenizer->finish();
    if (!committed) commit();
    CsvResult result;
    for (auto& c : columns) result.table.columns.push_back(c.finish());
    if (skipped > kRaggedWarnings)
      context.warnings.push_back(
          {"csv.ragged_row_skipped",
           std::to_string(skipped - kRaggedWarnings) + " more rows with the wrong number of fields "
               "were skipped (" + std::to_string(skipped) + " in all).",
           Location{}});
    // Warnings in file order; those without a line (summaries) last.
    std::stable_sort(context.warnings.begin(), context.warnings.end(),
                     [](const Warning& a, const Warning& b) {
                       return (a.where.line ? a.where.line : SIZE_MAX) <
                              (b.where.line ? b.where.line : SIZE_MAX);
                     });
    result.warnings = std::move(context.warnings);
    result.skipped_rows = skipped;
    result.delimiter = delimiter;
    result.header = header;
    result.decimal = context.rules.decimal;
    result.bytes = bytes;
    return result;
  }
};

CsvReader::CsvReader(CsvOptions options) : state_(std::make_unique<State>(std::move(options))) {}
CsvReader::~CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;

namespace {
// After an error the reader's state is half-updated; refusing further calls is safer than guessing.
template <class F>
auto guarded(bool& finished, F&& f) {
  if (finished)
    throw Error("csv.reader_finished",
                "This CSV reader has finished or stopped at an error; start a new one.");
  try {
    return f();
  } catch (...) {
    finished = true;
    throw;
  }
}
}  // namespace

void CsvReader::feed(const char* data, std::size_t size) {
  guarded(state_->finished, [&] { state_->feed(data, size); });
}

CsvResult CsvReader::finish() {
  return guarded(state_->finished, [&] {
    CsvResult result = state_->finish();
    state_->finished = true;
    return result;
  });
}

void CsvReader::State::feed(const char* data, std::size_t size) {
  bytes += size;
  if (started) return tokenizer->feed(data, size);
  // Until the delimiter is known, bytes wait; a first chunk big enough is sniffed in place.
  const std::size_t need = options.delimiter ? kBom.size() : kSniffBytes + kBom.size();
  if (head.empty() && size >= need) return start({data, size}, false);
  head.append(data, size);
  if (head.size() >= need) {
    start(head, false);
    std::string().swap(head);
  }
}

std::size_t CsvReader::bytes_fed() const { return state_->bytes; }

CsvResult read_csv(std::string_view text, const CsvOptions& options) {
  CsvReader reader(options);
  reader.state_->size_hint = text.size();
  reader.feed(text.data(), text.size());
  return reader.finish();
}

}  // namespace mlcore::data

// Column building: the per-field hot path of the CSV reader (one type switch, one missing
// check, one parse), and the rarely taken paths that change a column's type mid-file.
#include "csv_columns.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "datetime.hpp"

namespace mlcore::data::csv {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

const char* type_phrase(ColumnType t) {
  switch (t) {
    case ColumnType::Integer: return "an integer";
    case ColumnType::Float: return "a number";
    case ColumnType::Boolean: return "true or false";
    case ColumnType::Datetime: return "an ISO 8601 date (YYYY-MM-DD, optionally with a time)";
    case ColumnType::Categorical: return "text";
  }
  return "a value";
}

}  // namespace

TypeGuess infer_type(const std::vector<std::string_view>& values, const ValueRules& rules) {
  bool any = false, integer = true, number = true, boolean = true, date = true;
  for (auto v : values) {
    double x;
    switch (classify(v, rules, x)) {
      case ValueKind::Missing: continue;
      case ValueKind::Integer: boolean = date = false; break;
      case ValueKind::Float: integer = boolean = date = false; break;
      case ValueKind::Boolean: integer = number = date = false; break;
      case ValueKind::Datetime: integer = number = boolean = false; break;
      case ValueKind::Text: return {ColumnType::Categorical, false};
    }
    any = true;
  }
  if (!any) return {ColumnType::Float, true};
  if (integer) return {ColumnType::Integer, false};
  if (number) return {ColumnType::Float, false};
  if (boolean) return {ColumnType::Boolean, false};
  if (date) return {ColumnType::Datetime, false};
  return {ColumnType::Categorical, false};
}

std::int32_t CategoryIndex::intern(std::string_view text) {
  auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  const auto code = static_cast<std::int32_t>(order_.size());
  const std::string_view kept = store(text);
  codes_.emplace(kept, code);
  order_.push_back(kept);
  return code;
}

std::string_view CategoryIndex::store(std::string_view text) {
  if (text.empty()) return {};
  if (block_used_ + text.size() > block_size_) {
    block_size_ = std::max<std::size_t>(64 * 1024, text.size());
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  std::memcpy(at, text.data(), text.size());
  block_used_ += text.size();
  return {at, text.size()};
}

std::vector<std::string> CategoryIndex::take() const {
  return std::vector<std::string>(order_.begin(), order_.end());
}

ColumnBuilder::ColumnBuilder(std::string name, std::size_t index, ColumnType type, bool forced,
                             bool undecided, ReadContext& context)
    : index_(index), forced_(forced), undecided_(undecided && !forced), context_(&context) {
  column_.name = std::move(name);
  column_.type = type;
}

void ColumnBuilder::reserve(std::size_t rows) {
  if (column_.type == ColumnType::Categorical)
    column_.codes.reserve(rows);
  else
    column_.numbers.reserve(rows);
}

void ColumnBuilder::push(std::string_view text, std::size_t line) {
  const ValueRules& rules = context_->rules;
  const bool missing = rules.missing.contains(text);
  if (undecided_ && !missing) decide(text);
  double v;
  bool integer;
  switch (column_.type) {
    case ColumnType::Float:
      if (missing) {
        column_.numbers.push_back(kMissing);
      } else if (parse_number(text, rules.decimal, v, integer)) {
        column_.numbers.push_back(v);
      } else {
        misfit(text, line);
      }
      return;
    case ColumnType::Integer:
      if (missing) {
        column_.numbers.push_back(kMissing);
      } else if (parse_number(text, rules.decimal, v, integer) &&
                 (integer || (forced_ && std::isfinite(v) && v == std::floor(v)))) {
        column_.numbers.push_back(v);
      } else if (!forced_ && parse_number(text, rules.decimal, v, integer)) {
        column_.type = ColumnType::Float;  // every integer so far is exact as a float
        column_.numbers.push_back(v);
      } else {
        misfit(text, line);
      }
      return;
    case ColumnType::Boolean:
      if (missing) {
        column_.numbers.push_back(kMissing);
      } else if (parse_bool(text, v) ||
                 (forced_ && parse_number(text, rules.decimal, v, integer) && (v == 0 || v == 1))) {
        column_.numbers.push_back(v);
      } else {
        misfit(text, line);
      }
      return;
    case ColumnType::Datetime:
      if (missing) {
        column_.numbers.push_back(kMissing);
      } else if (auto t = parse_datetime(text)) {
        column_.numbers.push_back(*t);
      } else {
        misfit(text, line);
      }
      return;
    case ColumnType::Categorical:
      column_.codes.push_back(missing ? -1 : categories_.intern(text));
      return;
  }
}

void ColumnBuilder::decide(std::string_view text) {
  undecided_ = false;
  double v;
  switch (classify(text, context_->rules, v)) {
    case ValueKind::Missing:
    case ValueKind::Float: column_.type = ColumnType::Float; break;
    case ValueKind::Integer: column_.type = ColumnType::Integer; break;
    case ValueKind::Boolean: column_.type = ColumnType::Boolean; break;
    case ValueKind::Datetime: column_.type = ColumnType::Datetime; break;
    case ValueKind::Text: to_categorical(); break;
  }
}

void ColumnBuilder::misfit(std::string_view text, std::size_t line) {
  const std::string where = describe_line(context_->source, line) + ", column '" + column_.name + "'";
  Location at{line, index_ + 1, excerpt_of(text)};
  if (forced_) {
    throw Error("csv.bad_value",
                where + ": '" + at.excerpt + "' is not " + type_phrase(column_.type) +
                    ", but the column was set to " + to_string(column_.type) +
                    ". Fix the value, add it to the missing values, or read the column as "
                    "categorical.",
                std::move(at));
  }
  const ColumnType was = column_.type;
  to_categorical();
  context_->warnings.push_back(
      {"csv.type_changed",
       where + ": '" + at.excerpt + "' is not " + type_phrase(was) + " like the values before it (" +
           to_string(was) +
           "), so the whole column is read as categorical. If it means 'missing', add it to the "
           "missing values; if it is a typo, fix it.",
       std::move(at)});
  column_.codes.push_back(categories_.intern(text));
}

void ColumnBuilder::to_categorical() {
  const ColumnType was = column_.type;
  std::vector<double> numbers;
  numbers.swap(column_.numbers);
  column_.type = ColumnType::Categorical;
  column_.codes.reserve(numbers.capacity());
  for (double v : numbers) {
    if (std::isnan(v)) {
      column_.codes.push_back(-1);
      continue;
    }
    std::string text = was == ColumnType::Boolean    ? std::string(v != 0 ? "true" : "false")
                       : was == ColumnType::Datetime ? format_datetime(v)
                                                     : format_number(v);
    column_.codes.push_back(categories_.intern(text));
  }
}

Column ColumnBuilder::finish() {
  if (column_.type == ColumnType::Categorical) column_.categories = categories_.take();
  return std::move(column_);
}

}  // namespace mlcore::data::csv

// Typed column building for the CSV reader: the type a sample of values implies, and a column
// that takes values one at a time and changes type when a later value does not fit.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../error.hpp"
#include "csv_values.hpp"
#include "table.hpp"

namespace mlcore::data::csv {

struct TypeGuess {
  ColumnType type = ColumnType::Float;
  bool all_missing = true;
};
// Integer if every non-missing value is an integer, float if every one is a number, then
// boolean, then datetime; anything mixed or textual is categorical; all missing is float.
TypeGuess infer_type(const std::vector<std::string_view>& values, const ValueRules& rules);

// Categories in first-seen order, looked up through a hash map whose keys view text in
// append-only blocks, so interning an existing category allocates nothing.
class CategoryIndex {
 public:
  std::int32_t intern(std::string_view text);
  std::vector<std::string> take() const;

 private:
  std::string_view store(std::string_view text);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_used_ = 0, block_size_ = 0;
  std::unordered_map<std::string_view, std::int32_t> codes_;
  std::vector<std::string_view> order_;
};

// What every column of one read shares: value rules, the warnings list, the source name.
struct ReadContext {
  ValueRules rules;
  std::vector<Warning> warnings;
  std::string source;
};

// A column whose type came from the sample (or from options.types when `forced`). An
// unforced column widens instead of failing: integer -> float losslessly; any other misfit
// turns it categorical, earlier values becoming their text (warning csv.type_changed). A forced
// column throws csv.bad_value (line, column = 1-based field index) for a value that does not
// fit; forced integer accepts integral numbers such as 2.0, forced boolean also accepts 0 and 1.
// A column whose sample was all missing waits for its first value to pick its type.
class ColumnBuilder {
 public:
  ColumnBuilder(std::string name, std::size_t index, ColumnType type, bool forced, bool undecided,
                ReadContext& context);
  void reserve(std::size_t rows);
  void push(std::string_view text, std::size_t line);
  Column finish();

 private:
  void decide(std::string_view text);
  void misfit(std::string_view text, std::size_t line);
  void to_categorical();

  Column column_;
  std::size_t index_;
  bool forced_;
  bool undecided_;
  ReadContext* context_;
  CategoryIndex categories_;
};

}  // namespace mlcore::data::csv

// The small filter language of the Runs view, a subset of MLflow's search syntax:
//   metrics.accuracy >= 0.9 and params.max_depth = 3 and tags.model = "Decision Tree"
//   and status = finished
// Conditions are joined by `and` (any case); operators are = (or ==), !=, <, <=, >, >=. Values
// are numbers, quoted strings ("..." or '...') or bare words. A run lacking the named metric,
// param or tag matches no condition on it, as a SQL null would not.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlcore::ops {

struct Run;

enum class FilterField { metric, param, tag, status };
enum class FilterOp { eq, ne, lt, le, gt, ge };

struct FilterValue {
  bool is_number = false;  // an unquoted literal that reads fully as a number
  double number = 0;
  std::string text;  // the literal as written, without quotes
};

struct FilterCondition {
  FilterField field = FilterField::metric;
  std::string key;  // "" for status
  FilterOp op = FilterOp::eq;
  FilterValue value;
  std::size_t position = 0;  // 1-based column of the condition, for messages
};

struct RunFilter {
  std::vector<FilterCondition> conditions;  // all must hold; none = every run
};

// Throws tracking.bad_filter with the 1-based column in the message and in Error::where():
// an unknown field, a missing operator or value, a metric compared with a non-number, an
// ordering operator on a tag or status, an unknown status, or something other than `and`.
RunFilter parse_run_filter(std::string_view text);
bool matches(const RunFilter& filter, const Run& run);

}  // namespace mlcore::ops

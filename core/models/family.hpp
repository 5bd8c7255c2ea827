// Model families and their parameter schemas. A family's schema is the single place that states
// each parameter's name (scikit-learn's), type, range, default and one line of help; the page's
// form, the CLI's --help and validation all come from it. Adding a family is its own file pair
// plus one line in families.cpp.
#pragma once
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "estimator.hpp"

namespace mlcore::models {

struct ParamSpec {
  enum class Kind { Int, Float, Choice, Bool };
  std::string name;  // e.g. "max_depth"
  Kind kind = Kind::Float;
  nlohmann::json default_value;  // null allowed when `nullable` (e.g. max_depth: null = unlimited)
  bool nullable = false;
  double min = -std::numeric_limits<double>::infinity();  // inclusive bounds for Int and Float
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;  // for Choice
  std::string help;                  // one line
  // Parameters that only apply to one task (e.g. criterion gini vs squared_error); empty = both.
  std::vector<Task> tasks;
  // `min` itself is not allowed (scikit-learn's open intervals, e.g. C > 0). Added after `tasks`
  // so positional initialisers written before it still compile.
  bool min_exclusive = false;
};

struct Family {
  std::string name;            // "decision_tree"
  std::string display_name;    // "Decision Tree"
  std::string help;            // one line about the family
  std::vector<Task> tasks;     // what it can do
  bool needs_scaling = false;  // standardise features before fitting (logistic regression, knn)
  std::vector<ParamSpec> params;
  // Builds an unfitted estimator from resolved parameters (see resolve_params).
  std::function<std::unique_ptr<Estimator>(const nlohmann::json& params, Task task)> make;
};

// All families, in the order the page lists them.
const std::vector<Family>& families();
// Throws model.unknown_family listing the families.
const Family& find_family(std::string_view name);
// The parameter `name` as it applies to `task`: a parameter may be listed once per task
// (criterion is gini|entropy for classification, squared_error for regression). Falls back to
// another task's entry, which resolve_params then drops; nullptr when the family has no such name.
const ParamSpec* find_param(const Family& family, std::string_view name, Task task);
// Defaults filled in, types and ranges checked: model.unknown_param (naming the known ones),
// model.bad_param (naming the parameter, the value and the range), model.bad_task when the family
// cannot do `task`. Parameters of the other task are dropped.
nlohmann::json resolve_params(const Family& family, const nlohmann::json& given, Task task);
// {"name", "display_name", "help", "tasks", "needs_scaling", "params": [{"name", "kind", "default",
// "nullable", "min"?, "max"?, "min_exclusive"?, "choices"?, "help", "tasks"?}]} for the page's form
// and the CLI.
nlohmann::json schema_json(const Family& family);
// A value from the command line ("5", "0.1", "gini", "none", "true") as the parameter's type.
nlohmann::json parse_param_value(const ParamSpec& spec, const std::string& text);

}  // namespace mlcore::models

// Request values -> feature values, with the rules listed in feature_value.hpp.
#include "feature_value.hpp"

#include <cmath>

#include "../data/csv_values.hpp"
#include "../data/datetime.hpp"
#include "../error.hpp"
#include "json_body.hpp"

namespace mlcore::serve {
namespace {

using data::ColumnType;
using nlohmann::json;

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

ValueProblem wrong_type(const std::string& what) { return {"serve.wrong_type", what}; }

std::string shown(const json& v) {
  const std::string text = v.dump();
  return excerpt_of(text);
}

// A finite number checked against the feature's type.
std::optional<ValueProblem> check_number(const models::FeatureSpec& spec, double v, const std::string& as_text) {
  if (spec.type == ColumnType::Integer) {
    if (std::fabs(v) > kMaxExactInteger)
      return ValueProblem{"serve.out_of_range", as_text + " is beyond +-2^53, where integers stop being exact"};
    if (std::floor(v) != v) return ValueProblem{"serve.out_of_range", as_text + " is not a whole number"};
  } else if (spec.type == ColumnType::Boolean && v != 0.0 && v != 1.0) {
    return ValueProblem{"serve.out_of_range", as_text + " is not a boolean"};
  }
  return std::nullopt;
}

// A token that was NaN or Infinity, or a number too large for a double.
ValueProblem non_finite(std::string_view token) {
  const bool word = token.find_first_of("nNiI") != std::string_view::npos;
  if (word) return {"serve.non_finite", std::string(token) + " is not allowed"};
  return {"serve.out_of_range", excerpt_of(token) + " is too large for a double"};
}

}  // namespace

std::string expected_value(const models::FeatureSpec& spec) {
  switch (spec.type) {
    case ColumnType::Float: return "a finite number";
    case ColumnType::Integer: return "a whole number";
    case ColumnType::Boolean: return "true, false, 0 or 1";
    case ColumnType::Datetime: return "an ISO 8601 date such as \"2024-05-01\" or \"2024-05-01T13:45:00Z\"";
    case ColumnType::Categorical: break;
  }
  return "a category as text";
}

std::optional<ValueProblem> read_json_value(const models::FeatureSpec& spec, const json& v,
                                            double& number, std::string_view& category) {
  if (v.is_null()) return ValueProblem{"serve.null_value", "null is not allowed"};
  if (const auto token = non_finite_token(v); !token.empty()) return non_finite(token);
  switch (spec.type) {
    case ColumnType::Categorical:
      if (!v.is_string()) return wrong_type(shown(v) + " is not text");
      category = v.get_ref<const std::string&>();
      return std::nullopt;
    case ColumnType::Datetime: {
      if (!v.is_string()) return wrong_type(shown(v) + " is not a date");
      const auto t = data::parse_datetime(v.get_ref<const std::string&>());
      if (!t) return wrong_type("the text " + shown(v) + " is not an ISO 8601 date");
      number = *t;
      return std::nullopt;
    }
    case ColumnType::Boolean:
      if (v.is_boolean()) {
        number = v.get<bool>() ? 1.0 : 0.0;
        return std::nullopt;
      }
      [[fallthrough]];
    case ColumnType::Integer:
    case ColumnType::Float:
      if (v.is_string()) return wrong_type("the text " + shown(v) + " is not a number; send it without quotes");
      if (!v.is_number()) return wrong_type(shown(v) + " is not a number");
      number = v.get<double>();
      return check_number(spec, number, shown(v));
  }
  return std::nullopt;
}

std::optional<ValueProblem> read_text_value(const models::FeatureSpec& spec, std::string_view text,
                                            double& number) {
  if (text.empty()) return ValueProblem{"serve.null_value", "an empty value is not allowed"};
  switch (spec.type) {
    case ColumnType::Categorical:
      return std::nullopt;
    case ColumnType::Datetime: {
      const auto t = data::parse_datetime(text);
      if (!t) return wrong_type("'" + excerpt_of(text) + "' is not an ISO 8601 date");
      number = *t;
      return std::nullopt;
    }
    case ColumnType::Boolean:
      if (data::csv::parse_bool(text, number)) return std::nullopt;
      [[fallthrough]];
    case ColumnType::Integer:
    case ColumnType::Float: {
      bool integer = false;
      if (!data::csv::parse_number(text, '.', number, integer))
        return wrong_type("'" + excerpt_of(text) + "' is not a number");
      if (!std::isfinite(number)) return non_finite(text);
      return check_number(spec, number, excerpt_of(text));
    }
  }
  return std::nullopt;
}

}  // namespace mlcore::serve

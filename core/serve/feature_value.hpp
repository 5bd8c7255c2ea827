// How one value of a scoring request becomes one feature value of the model, by the feature's
// type in the model file. The endpoint's rules, stated once:
//   float        a finite number
//   integer      a whole number with |v| <= 2^53 (where every integer is exact in a double)
//   boolean      true or false, or the numbers 0 and 1 (CSV: true/false in any case, 0, 1)
//   datetime     ISO 8601 text: YYYY-MM-DD, optionally Thh:mm[:ss[.fff]] and Z or +hh:mm
//   categorical  text; a category the model never saw is scored the way training's one-hot
//                encoder treats it (all zeros, scikit-learn's handle_unknown="ignore")
// Refused, with the field and the row: null (or an empty CSV field), NaN and Infinity, a number
// that overflows a double, a number given as a string ("6.6"), and any other wrong JSON type.
// The model could impute missing values, but a client that sends them usually has a bug that
// the endpoint should show rather than hide. The model file records each feature's type but no
// range, so no range beyond these is enforced: values outside the training data are scored (a
// drift monitor, not a 400, is the place to notice them).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "../models/preprocess.hpp"

namespace mlcore::serve {

struct ValueProblem {
  std::string code;     // serve.null_value, serve.non_finite, serve.out_of_range, serve.wrong_type
  std::string problem;  // what is wrong with the value: "null is not allowed"
};

// What the feature needs, for messages: "a finite number", "true, false, 0 or 1", ...
std::string expected_value(const models::FeatureSpec& spec);

// A JSON value. Numeric types (every type but categorical) set `number`; categorical sets
// `category` (a view into `v`).
std::optional<ValueProblem> read_json_value(const models::FeatureSpec& spec, const nlohmann::json& v,
                                            double& number, std::string_view& category);
// A CSV field (already unquoted and trimmed).
std::optional<ValueProblem> read_text_value(const models::FeatureSpec& spec, std::string_view text,
                                            double& number);

}  // namespace mlcore::serve

// Reading a scoring request's JSON body. Python's json module, which most MLflow clients use,
// writes NaN, Infinity and -Infinity, which JSON does not have, and a number like 1e400 overflows
// a double. Rather than answer such a body with a bare syntax error at a byte offset, these tokens
// become marker strings, so the table builder can say which field of which row held them.
#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

namespace mlcore::serve {

// The parsed body. Throws ScoringError 400 serve.invalid_json (with the parser's line and column)
// when the body is not JSON even with those tokens allowed, and serve.empty_body when it is empty.
nlohmann::json parse_json_body(std::string_view body);

// The token a marker stands for ("NaN", "-Infinity", "1e400"); empty when `v` is no marker.
std::string_view non_finite_token(const nlohmann::json& v);

}  // namespace mlcore::serve

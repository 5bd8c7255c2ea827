// One step's inputs against its kind's input specs: unknown and missing inputs, $(variables)
// substituted (an undefined one names the step), each value turned into its input's type (YAML
// and variables give text: "0" becomes 0 for an integer input), defaults filled in, and the
// kind's own checks.
#pragma once
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "step_kind.hpp"

namespace mlcore::ops {

using IssueSink = std::function<void(const std::string& code, const std::string& pointer, const std::string& message)>;

// Every input of the kind, typed; problems go to `issue` with the pointer of the input they are
// about (or the step's for a missing one).
nlohmann::json check_step_inputs(const StepKind& kind, const nlohmann::json& given, const std::string& step,
                                 const std::string& pointer, const std::map<std::string, std::string>& variables,
                                 const IssueSink& issue);

// The value as `type`; false when it cannot be one.
bool convert_input(const nlohmann::json& value, InputType type, nlohmann::json& out);

}  // namespace mlcore::ops

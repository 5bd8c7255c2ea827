// Pipeline variables, as Azure Pipelines writes them: $(name) anywhere in a step's input text is
// replaced by the variable's value. Values come from the pipeline's own variables, the variable
// groups it names (the workspace's variable library, e.g. IRISBuildVG) and a few predefined
// ones. A name no scope defines is left in place and reported, so the spec check can name the
// step that uses it.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

// Predefined variables, set for every run:
//   Build.BuildId                     the run's number (1, 2, ...)
//   Build.DefinitionName              the pipeline's name
//   Build.ArtifactStagingDirectory    where artifacts are staged before publishing
std::map<std::string, std::string> predefined_variables(const std::string& pipeline, int run_number);

// The text with every $(name) that `values` defines replaced; the names it does not define are
// appended to `undefined` (once each) and left as written. "$(" without a closing ")" stays text.
std::string substitute_variables(std::string_view text, const std::map<std::string, std::string>& values,
                                 std::vector<std::string>& undefined);

// The same over a JSON value: every string in it, at any depth (object keys are left alone).
nlohmann::json substitute_in_json(const nlohmann::json& value, const std::map<std::string, std::string>& values,
                                    std::vector<std::string>& undefined);

}  // namespace mlcore::ops

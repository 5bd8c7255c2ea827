// See variables.hpp.
#include "variables.hpp"

#include <algorithm>

namespace mlcore::ops {

std::map<std::string, std::string> predefined_variables(const std::string& pipeline, int run_number) {
  return {{"Build.BuildId", std::to_string(run_number)},
          {"Build.DefinitionName", pipeline},
          {"Build.ArtifactStagingDirectory", "/home/vsts/work/1/a"}};
}

std::string substitute_variables(std::string_view text, const std::map<std::string, std::string>& values,
                                 std::vector<std::string>& undefined) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("$(", i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find(')', open + 2);
    if (close == std::string_view::npos) break;
    const std::string name(text.substr(open + 2, close - open - 2));
    out.append(text.substr(i, open - i));
    auto it = values.find(name);
    if (it != values.end()) {
      out += it->second;
    } else {
      if (std::find(undefined.begin(), undefined.end(), name) == undefined.end()) undefined.push_back(name);
      out.append(text.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

nlohmann::json substitute_in_json(const nlohmann::json& value, const std::map<std::string, std::string>& values,
                                    std::vector<std::string>& undefined) {
  if (value.is_string()) return substitute_variables(std::string_view(value.get_ref<const std::string&>()), values, undefined);
  if (value.is_array() || value.is_object()) {
    nlohmann::json out = value;
    for (auto& v : out) v = substitute_in_json(v, values, undefined);
    return out;
  }
  return value;
}

}  // namespace mlcore::ops

// `mlplay models list` and `mlplay models show`: the model registry of a workspace file, read
// only. The commands that change it are in models_commands.cpp, which dispatches to these.
#pragma once
#include <string>
#include <vector>

namespace mlplay {

int run_models_list(const std::vector<std::string>& args);
int run_models_show(const std::vector<std::string>& args);

}  // namespace mlplay

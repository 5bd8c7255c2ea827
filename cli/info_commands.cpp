// `mlplay build`: what this binary is, in the same JSON the page's status line shows.
#include <iostream>

#include "cli.hpp"
#include "core/version.hpp"

namespace mlplay {

void register_info_commands() {
  sub_commands()["build"] = SubCommand{
      "Print the core's version, target, compiler and build type as JSON.",
      "Usage: mlplay build\n\nPrints the core's build facts as one JSON object.\n",
      [](const std::vector<std::string>& args) {
        if (!args.empty()) throw UsageError("'build' takes no arguments.");
        std::cout << mlcore::build_info_json() << "\n";
        return kExitOk;
      }};
}

}  // namespace mlplay

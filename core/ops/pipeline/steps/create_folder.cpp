// See create_folder.hpp.
#include "create_folder.hpp"

namespace mlcore::ops {

const StepKind& create_folder_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "create_folder";
    k.display_name = "Create metadata folder";
    k.help = "mkdir -p folders on the build agent for later steps to write and publish (simulated).";
    k.simulated = true;
    k.inputs = {{"paths", InputType::StringList, false, nlohmann::json::array({"metadata", "models"}), "The folders."}};
    k.run = [](StepRun& r) {
      std::string cmd = "$ mkdir -p";
      for (const auto& p : r.input("paths")) {
        cmd += " " + p.get<std::string>();
        r.ctx().folders.insert(p.get<std::string>());
      }
      r.log(cmd);
      r.wait(1);
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

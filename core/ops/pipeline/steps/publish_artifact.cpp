// See publish_artifact.hpp.
#include "publish_artifact.hpp"

namespace mlcore::ops {

const StepKind& publish_artifact_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "publish_artifact";
    k.display_name = "Publish pipeline artifact";
    k.help = "Publish folders of the build agent as a named pipeline artifact for the release pipeline (simulated).";
    k.simulated = true;
    k.inputs = {
        {"name", InputType::String, false, "drop", "The artifact's name."},
        {"paths", InputType::StringList, false, nlohmann::json::array({"metadata", "models"}), "Folders to publish."},
    };
    k.run = [](StepRun& r) {
      nlohmann::json files = nlohmann::json::array();
      for (const auto& p : r.input("paths")) {
        const std::string folder = p.get<std::string>();
        if (!r.ctx().folders.count(folder))
          r.fail("pipeline.path_not_found", "Path does not exist: /home/vsts/work/1/s/" + folder +
                                                " (create it in an earlier step, e.g. create_folder).");
        for (const auto& [path, content] : r.ctx().files)
          if (path.rfind(folder + "/", 0) == 0) files.push_back(path);
      }
      r.log("Uploading " + std::to_string(files.size()) + " file(s) to the pipeline artifact " + r.text("name") + ".");
      r.wait(3 + static_cast<double>(files.size()));
      for (const auto& f : files) r.log("  " + f.get<std::string>());
      r.log("Published the pipeline artifact " + r.text("name") + ".");
      r.outputs()["artifact"] = {{"name", r.text("name")}, {"files", files}};
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

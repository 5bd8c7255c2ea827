// See create_workspace.hpp.
#include "create_workspace.hpp"

#include <algorithm>

namespace mlcore::ops {
namespace {

const std::vector<std::string>& regions() {
  static const std::vector<std::string> r = {"australiaeast", "centralus", "eastus",     "eastus2",   "japaneast",
                                             "northeurope",   "southeastasia", "uksouth", "westeurope", "westus",
                                             "westus2"};
  return r;
}

}  // namespace

const StepKind& create_workspace_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "create_workspace";
    k.display_name = "Create/use workspace";
    k.help = "Create the Azure ML workspace and its resource group, or use the existing one (simulated).";
    k.simulated = true;
    k.inputs = {
        {"workspace", InputType::String, true, nullptr, "The ML workspace's name, e.g. $(ml.workspace)."},
        {"resource_group", InputType::String, true, nullptr, "The resource group, e.g. $(ml.resourceGroup)."},
        {"region", InputType::String, true, nullptr, "The Azure region, e.g. $(ml.region) = eastus."},
    };
    k.check = [](const nlohmann::json& in, std::vector<InputProblem>& problems) {
      const std::string region = in["region"].get<std::string>();
      if (std::find(regions().begin(), regions().end(), region) == regions().end()) {
        std::string known;
        for (const auto& r : regions()) known += (known.empty() ? "" : ", ") + r;
        problems.push_back({"region", "pipeline.bad_input",
                            "the region '" + region + "' is not one the simulated cloud has; it has " + known + "."});
      }
    };
    k.run = [](StepRun& r) {
      const std::string name = r.text("workspace"), group = r.text("resource_group"), region = r.text("region");
      r.log("$ az ml workspace create -g " + group + " -w " + name + " -l " + region + " --exist-ok --yes");
      auto& workspaces = r.ctx().cloud.workspaces;
      auto it = workspaces.find(name);
      if (it != workspaces.end()) {
        r.wait(4);
        r.log("Using the existing workspace " + name + " (resource group " + it->second.resource_group + ", " +
              it->second.region + ").");
      } else {
        r.wait(5);
        r.log("Creating resource group " + group + " in " + region + ".");
        r.wait(10);
        r.log("Deploying the storage account, key vault, application insights and container registry of " + name + ".");
        r.wait(30);
        r.log("Workspace " + name + " created.");
        workspaces[name] = CloudWorkspace{name, group, region, r.now()};
      }
      r.outputs()["workspace"] = {{"name", name}, {"resource_group", workspaces[name].resource_group},
                                  {"region", workspaces[name].region}, {"created", workspaces[name].created}};
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

// See install_dependencies.hpp.
#include "install_dependencies.hpp"

namespace mlcore::ops {

const StepKind& install_dependencies_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "install_dependencies";
    k.display_name = "Install dependencies";
    k.help = "pip install the requirements on the build agent and add the Azure ML CLI extension (simulated).";
    k.simulated = true;
    k.inputs = {
        {"requirements", InputType::StringList, false,
         nlohmann::json::array({"azureml-sdk", "scikit-learn", "pandas", "numpy", "joblib"}), "Python packages to install."},
        {"python", InputType::String, false, "3.8", "The Python version the agent uses."},
    };
    k.run = [](StepRun& r) {
      r.log("Using Python " + r.text("python"));
      r.wait(2);
      r.log("$ pip install -r requirements.txt");
      std::string installed;
      for (const auto& p : r.input("requirements")) {
        r.wait(4);
        r.log("Collecting " + p.get<std::string>());
        installed += " " + p.get<std::string>();
      }
      r.wait(10);
      r.log(installed.empty() ? "Nothing to install." : "Successfully installed" + installed);
      r.log("$ az extension add -n azure-cli-ml");
      r.wait(10);
      r.log("Extension 'azure-cli-ml' is installed.");
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

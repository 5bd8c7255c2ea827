// See register_model.hpp.
#include "register_model.hpp"

#include "../../model_registry.hpp"

namespace mlcore::ops {

const StepKind& register_model_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "register_model";
    k.display_name = "Register model";
    k.help = "Register the latest train step's model as the next model version (real: model.register).";
    k.needs_train = true;
    k.inputs = {
        {"name", InputType::String, true, nullptr, "The registered model, e.g. IRIS."},
        {"tags", InputType::StringMap, false, nlohmann::json::object(), "Tags of the version, e.g. {model: Decision Tree}."},
        {"description", InputType::String, false, nullptr, "What the version is."},
    };
    k.check = [](const nlohmann::json& in, std::vector<InputProblem>& problems) {
      try {
        validate_model_name(in["name"].get<std::string>());
      } catch (const std::exception& e) {
        problems.push_back({"name", "pipeline.bad_input", e.what()});
      }
    };
    k.run = [](StepRun& r) {
      const nlohmann::json& train = r.ctx().last_train;
      const std::string name = r.text("name"), run = train["run"].get<std::string>();
      std::string tags;
      for (const auto& [key, value] : r.input("tags").items()) tags += " --tag \"" + key + "\"=\"" + value.get<std::string>() + "\"";
      r.log("$ az ml model register -n " + name + " -f metadata/run.json" + tags);
      r.wait(10);
      nlohmann::json command = {{"type", "model.register"}, {"name", name}, {"run", run}, {"tags", r.input("tags")}};
      if (r.has("description")) command["description"] = r.text("description");
      r.host().apply_by(command, r.now());
      r.catch_up();
      const int version = r.host().workspace().models.model(name).latest().number;
      const std::string reference = name + ":" + std::to_string(version);
      const nlohmann::json& ds = train["dataset"];
      r.log("Registered model " + reference + " from run " + run + ", trained on " + ds["name"].get<std::string>() + ":" +
            std::to_string(ds["version"].get<int>()) + ".");
      r.outputs()["model"] = {{"name", name}, {"version", version}, {"reference", reference}, {"run", run}};
      if (r.ctx().folders.count("metadata"))
        r.ctx().files["metadata/model.json"] = {{"name", name}, {"version", version}, {"run", run}};
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

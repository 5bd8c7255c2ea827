// The IRIS build pipeline as the core takes it (JSON: what pipelines/iris-build.yml becomes at
// the CLI's edge; test_pipeline_cli.cpp checks the two run alike), its gated variant, the
// IRISBuildVG group from pipelines/variables, and a session with the built-in iris data loaded.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/api/workspace_state.hpp"
#include "core/data/csv_reader.hpp"

namespace mlplay_test {

inline std::string source_file(const std::string& path) {
  std::ifstream in(std::string(MLPLAY_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline nlohmann::json iris_build_group() { return nlohmann::json::parse(source_file("pipelines/variables/IRISBuildVG.json")); }

inline nlohmann::json step(const std::string& name, const std::string& kind, nlohmann::json inputs) {
  return {{"name", name}, {"kind", kind}, {"inputs", std::move(inputs)}};
}

// The tutorial's eight steps, as in pipelines/iris-build.yml.
inline nlohmann::json iris_build_spec() {
  using nlohmann::json;
  json steps = json::array({
      step("Install dependencies", "install_dependencies",
           {{"requirements", {"azureml-sdk", "scikit-learn", "pandas", "numpy", "joblib"}}}),
      step("Create/use workspace", "create_workspace",
           {{"workspace", "$(ml.workspace)"}, {"resource_group", "$(ml.resourceGroup)"}, {"region", "$(ml.region)"}}),
      step("Create/use compute", "create_compute",
           {{"name", "$(ml.computeName)"}, {"vm_size", "$(ml.computeVMSize)"}, {"min_nodes", "$(ml.computeMinNodes)"},
            {"max_nodes", "$(ml.computeMaxNodes)"}, {"idle_seconds", "$(ml.computeIdleSecs)"}, {"workspace", "$(ml.workspace)"}}),
      step("Upload data", "upload_data", {{"source", "iris"}, {"dataset", "IRIS"}}),
      step("Create metadata folder", "create_folder", {{"paths", {"metadata", "models"}}}),
      step("Train", "train",
           {{"dataset", "IRIS"}, {"target", "Species"}, {"model", "decision_tree"}, {"params", {{"max_depth", 3}}},
            {"test_size", 0.2}, {"seed", 1984}, {"experiment", "$(ml.experiment)"}, {"compute", "$(ml.computeName)"},
            {"model_file", "models/iris_model.json"}}),
      step("Register model", "register_model",
           {{"name", "IRIS"}, {"tags", {{"model", "Decision Tree"}, {"data", "IRIS"}}}, {"description", "IRIS Decision Tree model"}}),
      step("Publish pipeline artifact", "publish_artifact", {{"name", "iris_model"}, {"paths", {"metadata", "models"}}}),
  });
  return {{"name", "iris-build"},
          {"description", "Train the IRIS decision tree and register it (the tutorial's build pipeline)."},
          {"trigger", "manual"},
          {"variables", {{{"group", "IRISBuildVG"}}, {{"name", "ml.experiment"}, {"value", "IRISExperiment"}}}},
          {"stages", {{{"name", "Build"}, {"jobs", {{{"name", "Train_and_register"}, {"steps", steps}}}}}}}};
}

// As pipelines/iris-build-gated.yml: validate data after the upload, evaluate and a quality gate
// (accuracy >= 0.9) before the registration.
inline nlohmann::json gated_spec() {
  nlohmann::json spec = iris_build_spec();
  spec["name"] = "iris-build-gated";
  auto& steps = spec["stages"][0]["jobs"][0]["steps"];
  steps.insert(steps.begin() + 6, step("Quality gate", "quality_gate", {{"metric", "accuracy"}, {"threshold", 0.9}}));
  steps.insert(steps.begin() + 6, step("Evaluate", "evaluate", {{"metrics", {"accuracy", "f1_macro"}}}));
  steps.insert(steps.begin() + 4, step("Validate data", "validate_data", {{"dataset", "IRIS"}, {"target", "Species"}}));
  return spec;
}

// A session with datasets/iris.csv loaded as a table; its id in *table.
inline void load_iris(mlcore::api::Session& s, int* table) {
  *table = mlcore::api::keep_table(s, mlcore::data::read_csv(source_file("datasets/iris.csv")), "iris.csv");
}

// pipeline.run's arguments for `spec` with the iris table and the IRISBuildVG group.
inline nlohmann::json run_args(const nlohmann::json& spec, int table, nlohmann::json failures = nlohmann::json::array()) {
  return {{"spec", spec}, {"data", {{"iris", table}}}, {"groups", {{"IRISBuildVG", iris_build_group()}}}, {"failures", failures}};
}

// The status of every step, in order.
inline std::vector<std::string> step_statuses(const nlohmann::json& run) {
  std::vector<std::string> out;
  for (const auto& s : run["steps"]) out.push_back(s["status"].get<std::string>());
  return out;
}

}  // namespace mlplay_test

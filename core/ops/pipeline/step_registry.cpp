// The step kinds in the order the page's palette lists them (one line per kind), and the failure
// toggles.
#include "step_registry.hpp"

#include "steps/create_compute.hpp"
#include "steps/create_folder.hpp"
#include "steps/create_workspace.hpp"
#include "steps/evaluate.hpp"
#include "steps/install_dependencies.hpp"
#include "steps/publish_artifact.hpp"
#include "steps/quality_gate.hpp"
#include "steps/register_model.hpp"
#include "steps/train.hpp"
#include "steps/upload_data.hpp"
#include "steps/validate_data.hpp"

namespace mlcore::ops {

const std::vector<const StepKind*>& step_kinds() {
  static const std::vector<const StepKind*> kinds = {
      &install_dependencies_step(), &create_workspace_step(), &create_compute_step(), &upload_data_step(),
      &validate_data_step(),        &create_folder_step(),    &train_step(),          &evaluate_step(),
      &quality_gate_step(),         &register_model_step(),   &publish_artifact_step(),
  };
  return kinds;
}

const StepKind* find_step_kind(std::string_view name) {
  for (const StepKind* k : step_kinds())
    if (k->name == name) return k;
  return nullptr;
}

std::string step_kind_names() {
  std::string out;
  for (const StepKind* k : step_kinds()) out += (out.empty() ? "" : ", ") + k->name;
  return out;
}

const std::vector<FailureToggle>& failure_toggles() {
  static const std::vector<FailureToggle> toggles = {
      {"compute_quota", "create_compute",
       "The subscription has no cores left in the VM size's family: creating the compute fails with QuotaExceeded."},
      {"data_validation", "validate_data",
       "The data extract lost 40% of a column: the quality checks warn and data validation fails on it."},
      {"quality_gate_miss", "quality_gate",
       "A labelling bug shuffled most of the target: the model trains, but misses the quality gate's threshold."},
  };
  return toggles;
}

const FailureToggle* find_failure_toggle(std::string_view name) {
  for (const FailureToggle& t : failure_toggles())
    if (t.name == name) return &t;
  return nullptr;
}

const char* input_type_name(InputType type) {
  switch (type) {
    case InputType::String: return "string";
    case InputType::Int: return "integer";
    case InputType::Number: return "number";
    case InputType::Bool: return "boolean";
    case InputType::StringList: return "list of strings";
    case InputType::StringMap: return "map of strings";
    case InputType::Object: return "object";
  }
  return "";
}

nlohmann::json step_kinds_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const StepKind* k : step_kinds()) {
    nlohmann::json inputs = nlohmann::json::array();
    for (const InputSpec& in : k->inputs)
      inputs.push_back({{"name", in.name}, {"type", input_type_name(in.type)}, {"required", in.required},
                        {"default", in.default_value}, {"help", in.help}});
    out.push_back({{"name", k->name}, {"display_name", k->display_name}, {"help", k->help}, {"simulated", k->simulated},
                   {"failure", k->failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(k->failure)},
                   {"inputs", inputs}});
  }
  return out;
}

nlohmann::json failure_toggles_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const FailureToggle& t : failure_toggles()) out.push_back({{"name", t.name}, {"step_kind", t.step_kind}, {"help", t.help}});
  return out;
}

}  // namespace mlcore::ops

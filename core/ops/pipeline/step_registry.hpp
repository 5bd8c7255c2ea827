// The registry of pipeline step kinds and of the failures a teacher can inject. The spec check,
// the runner, `mlplay pipeline --help` and the page's step palette all read it.
//
//   kind                  work       what
//   install_dependencies  simulated  pip install of the requirements on the build agent
//   create_workspace      simulated  az ml workspace create (or use the existing one)
//   create_compute        simulated  az ml computetarget create amlcompute (or use it); quota
//   upload_data           real       registers the source's table as a dataset version
//   validate_data         real       the core's data quality checks, failing on chosen warnings
//   create_folder         simulated  mkdir -p on the agent (metadata, models)
//   train                 real       trains and logs a run (seeded), on a compute cluster
//   evaluate              real       the run's test metrics and confusion matrix
//   quality_gate          real       a metric against a threshold
//   register_model        real       registers the trained model as the next model version
//   publish_artifact      simulated  publishes the agent's folders as a pipeline artifact
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "step_kind.hpp"

namespace mlcore::ops {

const std::vector<const StepKind*>& step_kinds();
// nullptr when unknown.
const StepKind* find_step_kind(std::string_view name);
std::string step_kind_names();

// A failure toggle: which step kind shows it, and what it does.
struct FailureToggle {
  std::string name;       // "compute_quota"
  std::string step_kind;  // "create_compute"
  std::string help;
};
//   compute_quota      create_compute fails: QuotaExceeded, the subscription has 0 cores left
//   data_validation    validate_data sees an extract that lost 40% of a column and fails on the
//                      quality warnings that gives
//   quality_gate_miss  train learns from labels a bug shuffled; quality_gate fails on the metric
const std::vector<FailureToggle>& failure_toggles();
const FailureToggle* find_failure_toggle(std::string_view name);

// [{"name", "display_name", "help", "simulated", "failure", "inputs": [{"name", "type",
// "required", "default", "help"}]}] and [{"name", "step_kind", "help"}], for the page.
nlohmann::json step_kinds_json();
nlohmann::json failure_toggles_json();
const char* input_type_name(InputType type);

}  // namespace mlcore::ops

// A pipeline as code: the spec (JSON; the CLI and the page turn YAML into it at the edges) of
// stages, jobs and steps, checked against the step kinds and the variable library. The core takes
// the spec plus an optional map from JSON pointer ("/stages/0/jobs/0/steps/3") to the {line,
// column} it came from, so every problem names the line of the YAML a student wrote.
//
//   name: iris-build
//   trigger: manual                    # or {dataset: IRIS} or {schedule: {every: 86400}}
//   variables:
//     - group: IRISBuildVG             # from the workspace's variable library
//     - name: ml.experiment
//       value: IRISExperiment
//   stages:
//     - name: Build
//       jobs:
//         - name: Train_and_register
//           steps:
//             - name: Create/use compute
//               kind: create_compute
//               inputs: {name: $(ml.computeName), vm_size: $(ml.computeVMSize)}
//
// Problems and their codes: pipeline.bad_spec (not the right shape), pipeline.missing_field,
// pipeline.unknown_field, pipeline.bad_name, pipeline.bad_trigger, pipeline.unknown_variable_group,
// pipeline.unknown_step_kind, pipeline.missing_input, pipeline.unknown_input, pipeline.bad_input,
// pipeline.undefined_variable (naming the step), pipeline.bad_threshold,
// pipeline.unknown_vm_size, pipeline.needs_train, pipeline.duplicate_name.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../error.hpp"

namespace mlcore::ops {

using SourceLines = std::map<std::string, Location>;  // JSON pointer -> where it is in the source
using GroupLibrary = std::map<std::string, std::map<std::string, std::string>>;  // group -> variables

struct SpecIssue {
  std::string code;
  std::string message;
  std::string pointer;  // where in the spec, e.g. /stages/0/jobs/0/steps/2/inputs/name
  Location where;       // from the source map: the pointer's own entry, else its nearest parent's
};

struct StepSpec {
  std::string name;
  std::string kind;
  std::string pointer;
  nlohmann::json inputs;  // every input of the kind: variables substituted, typed, defaults filled
  bool continue_on_error = false;
};

struct JobSpec {
  std::string name;
  std::string pointer;
  std::vector<StepSpec> steps;
};

struct StageSpec {
  std::string name;
  std::string pointer;
  std::vector<JobSpec> jobs;
};

struct PipelineSpec {
  std::string name;
  std::string description;
  nlohmann::json trigger;  // normalised (triggers.hpp)
  std::vector<std::string> groups;
  std::map<std::string, std::string> variables;  // everything $(...) can name in this run
  std::vector<StageSpec> stages;
};

struct SpecCheck {
  PipelineSpec spec;               // complete only when there are no issues
  std::vector<SpecIssue> issues;   // in document order
  std::vector<std::string> sources;  // the data sources the upload_data steps read
  bool ok() const { return issues.empty(); }
};

// Checks the spec; `run_number` is what $(Build.BuildId) becomes.
SpecCheck check_spec(const nlohmann::json& spec, const SourceLines& lines, const GroupLibrary& groups,
                     int run_number = 1);
// The spec, or the first issue thrown as an mlcore::Error with its location.
PipelineSpec parse_spec(const nlohmann::json& spec, const SourceLines& lines, const GroupLibrary& groups,
                        int run_number = 1);

// The location of a pointer: its own, else its nearest parent's; none when the map has neither.
Location locate(const SourceLines& lines, std::string pointer);
// {pointer: {"line", "column"}} as the page sends it -> SourceLines; throws api-style
// pipeline.bad_lines naming the entry.
SourceLines source_lines_from_json(const nlohmann::json& lines);
// [{"code", "message", "pointer", "line"?, "column"?}].
nlohmann::json issues_json(const std::vector<SpecIssue>& issues);

// Each injected failure must be known and have a step of its kind in the pipeline: throws
// pipeline.unknown_failure (listing them) or pipeline.failure_without_step (listing those that
// the pipeline can show).
void check_failures(const PipelineSpec& spec, const std::vector<std::string>& failures);

}  // namespace mlcore::ops

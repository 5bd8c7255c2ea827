// A pipeline step kind: its descriptor (name, what it does, whether its work is real core work or
// simulated cloud work, its inputs with types, defaults and help, the failure it can inject) and
// its run function. Each kind is a file pair in steps/ plus one line in step_registry.cpp.
// StepRun is what a run function works with: typed inputs, a step log on the simulated clock,
// the shared state of the pipeline run, and the host for real work.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cloud_state.hpp"
#include "pipeline_host.hpp"

namespace mlcore::ops {

enum class InputType { String, Int, Number, Bool, StringList, StringMap, Object };

struct InputSpec {
  std::string name;
  InputType type = InputType::String;
  bool required = false;
  nlohmann::json default_value;  // null = none
  std::string help;
};

// A problem a kind's own check finds in its (typed) inputs.
struct InputProblem {
  std::string input;  // the input it is about
  std::string code;   // e.g. pipeline.bad_threshold
  std::string message;
};

class StepRun;

struct StepKind {
  std::string name;          // "create_compute"
  std::string display_name;  // "Create/use compute": the step's name when the spec gives none
  std::string help;          // one line: what it does, for real or simulated
  bool simulated = false;    // true: cloud work that cannot exist in a browser, simulated
  std::vector<InputSpec> inputs;
  std::string failure;       // the failure toggle this step shows ("compute_quota"), or ""
  bool needs_train = false;  // reads the model of an earlier train step
  // Checks typed inputs beyond their types (a known VM size, a threshold in range).
  std::function<void(const nlohmann::json& inputs, std::vector<InputProblem>& problems)> check;
  std::function<void(StepRun& run)> run;
};

// A step's failure: the reason, as the step log shows it.
struct StepFailure : std::runtime_error {
  StepFailure(std::string code_, const std::string& message) : std::runtime_error(message), code(std::move(code_)) {}
  std::string code;
};

// The state one pipeline run shares between its steps.
struct RunContext {
  PipelineHost& host;
  std::string pipeline;
  int number = 0;
  std::set<std::string> failures;  // injected failures
  CloudState cloud;                // as earlier runs left it, changed by this run's steps
  std::vector<NodeCharge> charges;
  nlohmann::json last_train;  // {"run", "experiment", "dataset", "metrics", "model_file"} of the latest train step
  std::set<std::string> folders;                  // the agent's working directory
  std::map<std::string, nlohmann::json> files;    // path -> content
  std::string reason(const std::string& step) const;  // "Pipeline iris-build #1: Train"
};

class StepRun {
 public:
  StepRun(RunContext& ctx, std::string name, nlohmann::json inputs, double start)
      : ctx_(ctx), name_(std::move(name)), inputs_(std::move(inputs)), now_(start) {}

  RunContext& ctx() { return ctx_; }
  PipelineHost& host() { return ctx_.host; }
  const std::string& name() const { return name_; }
  const nlohmann::json& inputs() const { return inputs_; }
  const nlohmann::json& input(const std::string& key) const { return inputs_.at(key); }
  bool has(const std::string& key) const { return inputs_.contains(key) && !inputs_[key].is_null(); }
  std::string text(const std::string& key) const { return inputs_.at(key).get<std::string>(); }
  bool injected(const std::string& failure) const { return ctx_.failures.count(failure) > 0; }

  double now() const { return now_; }
  // A line of the step log at the current simulated time.
  void log(const std::string& text) { log_.push_back({{"time", now_}, {"text", text}}); }
  // Simulated work: time passes.
  void wait(double seconds) { now_ += seconds; }
  // After real work applied commands: the step cannot end before the clock.
  void catch_up() { now_ = std::max(now_, ctx_.host.workspace().clock); }
  [[noreturn]] void fail(const std::string& code, const std::string& message) { throw StepFailure(code, message); }

  nlohmann::json& outputs() { return outputs_; }
  const nlohmann::json& log_lines() const { return log_; }

 private:
  RunContext& ctx_;
  std::string name_;
  nlohmann::json inputs_;
  double now_;
  nlohmann::json log_ = nlohmann::json::array();
  nlohmann::json outputs_ = nlohmann::json::object();
};

// "0.0365" style numbers for logs and messages: up to 4 decimals, trailing zeros dropped.
std::string format_number(double value, int decimals = 4);

}  // namespace mlcore::ops

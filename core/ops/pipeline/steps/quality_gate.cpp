// See quality_gate.hpp.
#include "quality_gate.hpp"

#include <algorithm>

namespace mlcore::ops {
namespace {

// Metrics where smaller is better: the gate is an upper bound for them.
bool lower_is_better(const std::string& m) {
  return m == "log_loss" || m == "mae" || m == "mse" || m == "rmse" || m == "cv_std";
}

const std::vector<std::string>& gate_metrics() {
  static const std::vector<std::string> m = {
      "accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro", "precision_weighted",
      "recall_weighted", "f1_weighted", "roc_auc", "log_loss", "r2", "mae", "mse", "rmse", "cv_mean", "cv_std"};
  return m;
}

void check_inputs(const nlohmann::json& in, std::vector<InputProblem>& problems) {
  const std::string metric = in["metric"].get<std::string>();
  if (std::find(gate_metrics().begin(), gate_metrics().end(), metric) == gate_metrics().end()) {
    std::string known;
    for (const auto& m : gate_metrics()) known += (known.empty() ? "" : ", ") + m;
    problems.push_back({"metric", "pipeline.bad_input", "there is no metric '" + metric + "' to gate on; the metrics are " + known + "."});
    return;
  }
  const double t = in["threshold"].get<double>();
  const bool share = !lower_is_better(metric) && metric != "r2" && metric != "cv_mean";
  if (share && (t < 0 || t > 1))
    problems.push_back({"threshold", "pipeline.bad_threshold",
                        "the threshold " + format_number(t) + " is outside 0 to 1, the range of " + metric + "."});
  if (metric == "r2" && t > 1)
    problems.push_back({"threshold", "pipeline.bad_threshold", "the threshold " + format_number(t) + " is above 1, the best r2."});
  if (lower_is_better(metric) && t < 0)
    problems.push_back({"threshold", "pipeline.bad_threshold",
                        "the threshold " + format_number(t) + " is negative; " + metric + " is never below 0."});
}

}  // namespace

const StepKind& quality_gate_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "quality_gate";
    k.display_name = "Quality gate";
    k.help = "Pass only when a metric of the latest train step's run reaches a threshold (real: the run's metrics).";
    k.failure = "quality_gate_miss";
    k.needs_train = true;
    k.inputs = {
        {"metric", InputType::String, false, "accuracy", "The metric; at most the threshold for errors (rmse, mae, ...)."},
        {"threshold", InputType::Number, true, nullptr, "The value it must reach, e.g. 0.9."},
    };
    k.check = check_inputs;
    k.run = [](StepRun& r) {
      const std::string metric = r.text("metric");
      const double threshold = r.input("threshold").get<double>();
      const nlohmann::json& metrics = r.ctx().last_train["metrics"];
      r.wait(1);
      if (!metrics.contains(metric))
        r.fail("pipeline.unknown_metric", "The run " + r.ctx().last_train["run"].get<std::string>() + " has no metric '" +
                                              metric + "' (a " + metric + " gate needs a model that reports it).");
      const double value = metrics[metric].get<double>();
      const bool lower = lower_is_better(metric);
      const bool passed = lower ? value <= threshold : value >= threshold;
      r.outputs() = {{"metric", metric}, {"value", value}, {"threshold", threshold}, {"passed", passed}};
      const std::string v = format_number(value), t = format_number(threshold);
      if (!passed)
        r.fail("pipeline.quality_gate_failed", metric + " " + v + (lower ? " > " : " < ") + "threshold " + t);
      r.log(metric + " " + v + (lower ? " <= " : " >= ") + "threshold " + t + ": passed.");
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

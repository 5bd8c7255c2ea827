// See evaluate.hpp.
#include "evaluate.hpp"

namespace mlcore::ops {

const StepKind& evaluate_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "evaluate";
    k.display_name = "Evaluate";
    k.help = "Report the test metrics and confusion matrix of the latest train step's run (real: the core's metrics).";
    k.needs_train = true;
    k.inputs = {{"metrics", InputType::StringList, false, nlohmann::json::array(),
                 "The metrics to report; empty = all the run has."}};
    k.run = [](StepRun& r) {
      const nlohmann::json& train = r.ctx().last_train;
      const std::string run = train["run"].get<std::string>();
      r.log("Evaluating run " + run + " on its held-out test rows.");
      r.wait(10);
      const auto& logged = r.host().workspace().tracking.run(run);
      nlohmann::json reported = nlohmann::json::object();
      const auto& wanted = r.input("metrics");
      for (const auto& [name, value] : logged.metrics) {
        bool want = wanted.empty();
        for (const auto& w : wanted) want = want || w == name;
        if (!want) continue;
        r.log(name + " = " + format_number(value));
        reported[name] = value;
      }
      for (const auto& w : wanted)
        if (!logged.metrics.count(w.get<std::string>()))
          r.fail("pipeline.unknown_metric", "The run " + run + " has no metric '" + w.get<std::string>() + "'.");
      auto cm = logged.artifacts.find("confusion_matrix");
      if (cm != logged.artifacts.end()) r.log("confusion matrix " + cm->second.dump());
      r.outputs()["metrics"] = reported;
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

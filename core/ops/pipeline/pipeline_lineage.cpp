// See pipeline_lineage.hpp.
#include "pipeline_lineage.hpp"

namespace mlcore::ops {

nlohmann::json pipeline_run_of_model(const PipelineStore& store, std::string_view name, int version) {
  for (const nlohmann::json& run : store.runs())
    for (const nlohmann::json& step : run["steps"]) {
      if (!step.contains("outputs") || !step["outputs"].is_object() || !step["outputs"].contains("model")) continue;
      const nlohmann::json& m = step["outputs"]["model"];
      if (m.is_object() && m.value("name", std::string()) == name && m.value("version", 0) == version)
        return {{"id", run["id"]}, {"pipeline", run["pipeline"]}, {"number", run["number"]}};
    }
  return nullptr;
}

}  // namespace mlcore::ops

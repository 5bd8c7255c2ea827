// See pipeline_commands.hpp.
#include "pipeline_commands.hpp"

#include "../workspace.hpp"
#include "triggers.hpp"

namespace mlcore::ops {

using nlohmann::json;

void apply_set_group(Workspace& ws, const json& c, double time) {
  ws.pipelines.set_group(c["name"].get<std::string>(), c["variables"].get<std::map<std::string, std::string>>(),
                         c.contains("description") && c["description"].is_string() ? c["description"].get<std::string>() : "",
                         time);
}

void apply_delete_group(Workspace& ws, const json& c) { ws.pipelines.delete_group(c["name"].get<std::string>()); }

void apply_pipeline_save(Workspace& ws, const json& c, double time) {
  const json& spec = c["spec"];
  json trigger = c.contains("trigger") && !c["trigger"].is_null() ? c["trigger"] : spec.value("trigger", json(nullptr));
  trigger = normalise_trigger(trigger);
  const int baseline = dataset_baseline(ws.datasets, trigger);
  ws.pipelines.save_pipeline(SavedPipeline{c["name"].get<std::string>(), spec, std::move(trigger), time, baseline});
}

void apply_pipeline_delete(Workspace& ws, const json& c) { ws.pipelines.delete_pipeline(c["name"].get<std::string>()); }

void apply_record_run(Workspace& ws, const json& c, double time) {
  json run = c;
  run.erase("type");
  run.erase("duration");
  ws.pipelines.record_run(std::move(run), time);
}

}  // namespace mlcore::ops

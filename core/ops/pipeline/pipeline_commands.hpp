// The operations behind the workspace's pipeline commands (their fields are checked by the
// command table in workspace_commands.cpp before these run):
//   clock.advance            {reason?} + duration: simulated time passes (cloud work, a tick)
//   variables.set_group      {name, variables: {NAME: "value"}, description?}
//   variables.delete_group   {name}
//   pipeline.save            {name, spec, trigger?} (trigger defaults to the spec's, else manual)
//   pipeline.delete          {name}
//   pipeline.record_run      {pipeline, trigger, status, started, finished, steps, stages?, cost,
//                             failures?, requested_by?, error?}: a finished run, recorded, never
//                             re-run (error: why a saved pipeline that fell due could not start)
#pragma once
#include <nlohmann/json.hpp>

namespace mlcore::ops {

struct Workspace;

void apply_set_group(Workspace& ws, const nlohmann::json& c, double time);
void apply_delete_group(Workspace& ws, const nlohmann::json& c);
void apply_pipeline_save(Workspace& ws, const nlohmann::json& c, double time);
void apply_pipeline_delete(Workspace& ws, const nlohmann::json& c);
void apply_record_run(Workspace& ws, const nlohmann::json& c, double time);

}  // namespace mlcore::ops

// Pipeline runs in the session: a run asked for (manual, or with another trigger), the saved
// pipelines a new dataset version or the simulated clock makes due, and the variable groups a run
// brings along. Shared by the pipeline.* commands; the CLI goes through those commands too.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "../data/table.hpp"
#include "../ops/pipeline/pipeline_spec.hpp"
#include "session.hpp"

namespace mlcore::api {

// The data sources the session has been given for pipelines (source name -> table), kept so a
// scheduled or triggered run can read them later.
struct PipelineSessionState {
  std::map<std::string, std::shared_ptr<const data::Table>> sources;
};

// The workspace's variable library plus args["groups"] ({NAME: {"variables": {...}} or NAME:
// {...}}), the workspace's winning.
ops::GroupLibrary group_library(Session& s, const Json& args);

// args: {spec (object) | name (a saved pipeline), lines?, failures?, trigger?, groups?, data?:
// {source: table id}}. Groups the spec names that the workspace lacks are added from
// args["groups"] (variables.set_group, logged). Returns {run, text (the CI-style log), triggered:
// [runs of pipelines the run's new dataset versions triggered]}. A spec that does not check
// throws its first problem with its location, and nothing is logged; if anything else throws,
// the workspace is as it was.
Json run_pipeline_command(Session& s, const Json& args);

// Advances the simulated clock by args["seconds"] (>= 0), running each saved pipeline when it
// falls due on the way (schedules at their time, dataset triggers at once). Returns {ran: [{id,
// pipeline, status, trigger}], clock}.
Json tick_command(Session& s, const Json& args);

}  // namespace mlcore::api

// The simulated cloud as the pipeline runs left it: the ML workspaces and compute clusters their
// create steps made (so a later run "uses" them instead of creating them), with each cluster's
// billing state from the charges of the runs. Derived from the run records alone, never stored.
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "compute_meter.hpp"
#include "pipeline_store.hpp"

namespace mlcore::ops {

struct CloudWorkspace {
  std::string name;
  std::string resource_group;
  std::string region;
  double created = 0;
};

struct CloudState {
  std::map<std::string, CloudWorkspace> workspaces;
  std::map<std::string, ComputeCluster> computes;
};

// What a run's succeeded steps created ("outputs": {"workspace": {...}} or {"compute": {...}})
// and what its charges ("cost": {"items": [...]}) billed, applied to `cloud`.
void apply_run_to_cloud(CloudState& cloud, const nlohmann::json& run);
// Every recorded run, in order, applied to an empty cloud.
CloudState cloud_state(const PipelineStore& store);

// {"workspaces": [{"name", "resource_group", "region", "created"}], "computes": [{"name",
// "vm_size", "min_nodes", "max_nodes", "idle_seconds", "created", "nodes_now",
// "standing_cost_unbilled"}]} at time `now`, for the page.
nlohmann::json cloud_json(const CloudState& cloud, double now);

}  // namespace mlcore::ops

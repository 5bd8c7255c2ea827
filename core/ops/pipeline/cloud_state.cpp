// See cloud_state.hpp.
#include "cloud_state.hpp"

#include <algorithm>

#include "vm_sizes.hpp"

namespace mlcore::ops {

using nlohmann::json;

void apply_run_to_cloud(CloudState& cloud, const json& run) {
  for (const json& step : run["steps"]) {
    if (step.value("status", "") != "succeeded" || !step.contains("outputs") || !step["outputs"].is_object()) continue;
    const json& out = step["outputs"];
    if (out.contains("workspace") && out["workspace"].is_object()) {
      const json& w = out["workspace"];
      const std::string name = w.value("name", "");
      if (!cloud.workspaces.count(name))
        cloud.workspaces[name] = {name, w.value("resource_group", ""), w.value("region", ""), w.value("created", 0.0)};
    }
    if (out.contains("compute") && out["compute"].is_object()) {
      const json& c = out["compute"];
      const std::string name = c.value("name", "");
      auto it = cloud.computes.find(name);
      ComputeCluster cluster = it == cloud.computes.end() ? ComputeCluster{} : it->second;
      if (it == cloud.computes.end()) {
        cluster.name = name;
        cluster.created = c.value("created", 0.0);
        cluster.standing_billed_until = cluster.created;
      }
      cluster.vm_size = c.value("vm_size", "");
      cluster.min_nodes = c.value("min_nodes", 0);
      cluster.max_nodes = c.value("max_nodes", 1);
      cluster.idle_seconds = c.value("idle_seconds", 120.0);
      cluster.standing_billed_until = std::max(cluster.standing_billed_until, c.value("standing_since", cluster.created));
      cloud.computes[name] = cluster;
    }
  }
  const json items = run.contains("cost") ? run["cost"].value("items", json::array()) : json::array();
  for (const json& item : items) {
    auto it = cloud.computes.find(item.value("compute", ""));
    if (it == cloud.computes.end()) continue;
    if (item.value("kind", "") == "standing") {
      it->second.standing_billed_until = std::max(it->second.standing_billed_until, item.value("to", 0.0));
    } else if (item.value("to", 0.0) > it->second.burst_release_at) {
      it->second.burst_release_at = item.value("to", 0.0);
      it->second.burst_nodes = item.value("nodes", 0);
    } else if (item.value("to", 0.0) == it->second.burst_release_at) {
      it->second.burst_nodes += item.value("nodes", 0);  // reused and new nodes of one job
    }
  }
}

CloudState cloud_state(const PipelineStore& store) {
  CloudState cloud;
  for (const json& run : store.runs()) apply_run_to_cloud(cloud, run);
  return cloud;
}

json cloud_json(const CloudState& cloud, double now) {
  json out = {{"workspaces", json::array()}, {"computes", json::array()}};
  for (const auto& [name, w] : cloud.workspaces)
    out["workspaces"].push_back({{"name", name}, {"resource_group", w.resource_group}, {"region", w.region}, {"created", w.created}});
  for (const auto& [name, c] : cloud.computes) {
    const VmSize* vm = find_vm_size(c.vm_size);
    const double unbilled = c.min_nodes > 0 && now > c.standing_billed_until
                                ? node_cost(c.min_nodes, now - c.standing_billed_until, vm ? vm->price_per_hour : 0)
                                : 0;
    out["computes"].push_back({{"name", name}, {"vm_size", c.vm_size}, {"min_nodes", c.min_nodes},
                               {"max_nodes", c.max_nodes}, {"idle_seconds", c.idle_seconds}, {"created", c.created},
                               {"nodes_now", nodes_at(c, now)}, {"standing_cost_unbilled", unbilled}});
  }
  return out;
}

}  // namespace mlcore::ops

// The cost meter of the simulated compute clusters. A cluster (Azure ML's AmlCompute) keeps
// min_nodes nodes up at all times and scales up to max_nodes for jobs; nodes above min_nodes
// stay up idle_seconds after the last job ends, then scale down. Every node that is up is billed
// at its VM size's price per node-hour (vm_sizes.hpp), by the second:
//
//   cost = nodes x seconds up / 3600 x price per hour
//
// e.g. STANDARD_DS2_V2 (0.146 USD/h), min 0, max 1, idle 300 s, one job busy 600 s: one node up
// 600 + 300 = 900 s = 0.25 h, 0.25 x 0.146 = 0.0365 USD; then the cluster is back to 0 nodes.
// Charges are made when a job runs, through the end of its idle tail (burst nodes) or its end
// (the always-on min nodes, billed since they were last billed), so a later job within the tail
// reuses the nodes and is charged only past what was already billed: nothing is billed twice.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

// How long Azure ML takes to allocate and start nodes for a job ("Preparing"): 3 minutes.
inline constexpr double kNodeProvisionSeconds = 180;

struct ComputeCluster {
  std::string name;
  std::string vm_size;
  int min_nodes = 0;
  int max_nodes = 1;
  double idle_seconds = 120;
  double created = 0;
  // Billing state, moved on by charge_job.
  double standing_billed_until = 0;  // the min nodes are billed up to here (from `created`)
  int burst_nodes = 0;               // nodes above min_nodes left up by the last job
  double burst_release_at = 0;       // when they scale down: the last job's end + idle_seconds
};

struct NodeCharge {
  std::string compute;
  std::string vm_size;
  std::string kind;  // "burst" (nodes a job scaled up) or "standing" (the min nodes)
  int nodes = 0;
  double from = 0, to = 0;  // simulated seconds billed
  double price_per_hour = 0;
  double cost = 0;  // USD
};

double node_cost(int nodes, double seconds, double price_per_hour);
// The nodes up at time t.
int nodes_at(const ComputeCluster& c, double t);
// How long a job needing `nodes` nodes from `start` waits for new nodes: 0 when enough are up.
double provisioning_seconds(const ComputeCluster& c, int nodes, double start);
// Charges a job that used `nodes` nodes (at most max_nodes) from `start` (including any
// provisioning) to `end`, and moves the cluster's billing state on.
std::vector<NodeCharge> charge_job(ComputeCluster& c, int nodes, double start, double end);

// {"compute", "vm_size", "kind", "nodes", "from", "to", "seconds", "price_per_hour", "cost"}.
void to_json(nlohmann::json& j, const NodeCharge& c);

}  // namespace mlcore::ops

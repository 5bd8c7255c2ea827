// See compute_meter.hpp.
#include "compute_meter.hpp"

#include <algorithm>

#include "vm_sizes.hpp"

namespace mlcore::ops {
namespace {

int burst_up_at(const ComputeCluster& c, double t) { return c.burst_release_at > t ? c.burst_nodes : 0; }

double price_of(const ComputeCluster& c) {
  const VmSize* vm = find_vm_size(c.vm_size);
  return vm ? vm->price_per_hour : 0;
}

}  // namespace

double node_cost(int nodes, double seconds, double price_per_hour) { return nodes * seconds / 3600.0 * price_per_hour; }

int nodes_at(const ComputeCluster& c, double t) { return t < c.created ? 0 : c.min_nodes + burst_up_at(c, t); }

double provisioning_seconds(const ComputeCluster& c, int nodes, double start) {
  const int burst = std::max(0, nodes - c.min_nodes);
  return burst > burst_up_at(c, start) ? kNodeProvisionSeconds : 0;
}

std::vector<NodeCharge> charge_job(ComputeCluster& c, int nodes, double start, double end) {
  std::vector<NodeCharge> out;
  const double price = price_of(c);
  auto charge = [&](const char* kind, int n, double from, double to) {
    if (n <= 0 || to <= from) return;
    out.push_back(NodeCharge{c.name, c.vm_size, kind, n, from, to, price, node_cost(n, to - from, price)});
  };
  if (c.min_nodes > 0) {
    const double from = std::max(c.standing_billed_until, c.created);
    const double to = std::max(end, from);
    charge("standing", c.min_nodes, from, to);
    c.standing_billed_until = to;
  }
  const int burst = std::max(0, std::min(nodes, c.max_nodes) - c.min_nodes);
  if (burst > 0) {
    const double release = end + c.idle_seconds;
    const int reused = std::min(burst, burst_up_at(c, start));
    charge("burst", reused, c.burst_release_at, release);  // already billed up to the old release
    charge("burst", burst - reused, start, release);
    c.burst_nodes = burst;
    c.burst_release_at = release;
  }
  return out;
}

void to_json(nlohmann::json& j, const NodeCharge& c) {
  j = {{"compute", c.compute}, {"vm_size", c.vm_size}, {"kind", c.kind}, {"nodes", c.nodes}, {"from", c.from},
       {"to", c.to}, {"seconds", c.to - c.from}, {"price_per_hour", c.price_per_hour}, {"cost", c.cost}};
}

}  // namespace mlcore::ops

// See create_compute.hpp.
#include "create_compute.hpp"

#include <algorithm>
#include <cctype>

#include "../vm_sizes.hpp"

namespace mlcore::ops {
namespace {

std::string nodes_text(int n) { return std::to_string(n) + (n == 1 ? " node" : " nodes"); }

void check_inputs(const nlohmann::json& in, std::vector<InputProblem>& problems) {
  const std::string name = in["name"].get<std::string>();
  bool ok = name.size() >= 2 && name.size() <= 16 && std::isalpha(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!ok)
    problems.push_back({"name", "pipeline.bad_input",
                        "the compute name '" + name + "' is not one Azure ML accepts: 2 to 16 letters, digits or '-', "
                        "starting with a letter."});
  if (!find_vm_size(in["vm_size"].get<std::string>()))
    problems.push_back({"vm_size", "pipeline.unknown_vm_size",
                        "the VM size '" + in["vm_size"].get<std::string>() + "' is not one the simulated cloud prices; "
                        "the sizes are " + vm_size_names() + "."});
  const int min = in["min_nodes"].get<int>(), max = in["max_nodes"].get<int>();
  if (min < 0) problems.push_back({"min_nodes", "pipeline.bad_input", "min_nodes is " + std::to_string(min) + "; it is 0 or more."});
  if (max < 1) problems.push_back({"max_nodes", "pipeline.bad_input", "max_nodes is " + std::to_string(max) + "; it is 1 or more."});
  if (min > max)
    problems.push_back({"min_nodes", "pipeline.bad_input",
                        "min_nodes (" + std::to_string(min) + ") is more than max_nodes (" + std::to_string(max) + ")."});
  if (in["idle_seconds"].get<double>() < 0)
    problems.push_back({"idle_seconds", "pipeline.bad_input", "idle_seconds is negative; it is 0 or more."});
}

}  // namespace

const StepKind& create_compute_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "create_compute";
    k.display_name = "Create/use compute";
    k.help = "Create the Azure ML compute cluster, or use the existing one, within the core quota (simulated).";
    k.simulated = true;
    k.failure = "compute_quota";
    k.inputs = {
        {"name", InputType::String, true, nullptr, "The cluster's name, e.g. $(ml.computeName)."},
        {"vm_size", InputType::String, true, nullptr, "The VM size of its nodes, e.g. STANDARD_DS2_V2."},
        {"min_nodes", InputType::Int, false, 0, "Nodes kept up (and billed) at all times; 0 scales to zero."},
        {"max_nodes", InputType::Int, false, 1, "The most nodes a job can scale it up to."},
        {"idle_seconds", InputType::Number, false, 120, "Seconds nodes above min_nodes stay up after a job."},
        {"workspace", InputType::String, false, nullptr, "The ML workspace it belongs to (for the region)."},
    };
    k.check = check_inputs;
    k.run = [](StepRun& r) {
      const std::string name = r.text("name");
      const VmSize& vm = *find_vm_size(r.text("vm_size"));
      const int min = r.input("min_nodes").get<int>(), max = r.input("max_nodes").get<int>();
      const double idle = r.input("idle_seconds").get<double>();
      r.log("$ az ml computetarget create amlcompute -n " + name + " -s " + vm.name + " --min-nodes " +
            std::to_string(min) + " --max-nodes " + std::to_string(max) + " --idle-seconds-before-scaledown " +
            format_number(idle));
      std::string region = "this region";
      if (r.has("workspace") && r.ctx().cloud.workspaces.count(r.text("workspace")))
        region = r.ctx().cloud.workspaces[r.text("workspace")].region;
      r.wait(3);
      const int quota = r.injected("compute_quota") ? 0 : core_quota(vm);
      const int requested = max * vm.cores;
      if (requested > quota)
        r.fail("pipeline.quota_exceeded",
               "QuotaExceeded: Operation results in exceeding quota limits of Standard " + vm.family +
                   " Family Cores in " + region + ". Maximum allowed: " + std::to_string(quota) +
                   ", Current in use: 0, Additional requested: " + std::to_string(requested) + " cores (max " +
                   nodes_text(max) + " x " + std::to_string(vm.cores) + " cores of " + vm.name +
                   "). Ask for a quota increase, or choose a smaller VM size or fewer nodes.");
      auto& computes = r.ctx().cloud.computes;
      auto it = computes.find(name);
      const bool exists = it != computes.end();
      ComputeCluster c = exists ? it->second : ComputeCluster{};
      const int old_min = exists ? c.min_nodes : 0;
      const bool same = exists && c.vm_size == vm.name && c.min_nodes == min && c.max_nodes == max && c.idle_seconds == idle;
      if (same) {
        r.wait(2);
        r.log("Using the existing compute " + name + " (" + vm.name + ", " + std::to_string(min) + " to " +
              nodes_text(max) + ", " + std::to_string(nodes_at(c, r.now())) + " up now).");
      } else {
        r.log(exists ? "Updating compute " + name + "." : "Provisioning state: Creating");
        r.wait(exists ? 20 : 60);
        if (!exists) {
          c.name = name;
          c.created = r.now();
          c.standing_billed_until = r.now();
        }
        c.vm_size = vm.name;
        c.min_nodes = min;
        c.max_nodes = max;
        c.idle_seconds = idle;
        if (min > old_min) {
          r.log("Allocating " + nodes_text(min) + " that stay up (min_nodes " + std::to_string(min) + ").");
          c.standing_billed_until = std::max(c.standing_billed_until, r.now());  // billed from allocation
          r.wait(kNodeProvisionSeconds);
        }
        r.log("Provisioning state: Succeeded. " + name + ": " + vm.name + " (" + std::to_string(vm.cores) + " cores, " +
              format_number(vm.price_per_hour, 3) + " USD per node-hour), " + std::to_string(min) + " to " +
              nodes_text(max) + ", scales down after " + format_number(idle) + " s idle.");
        computes[name] = c;
      }
      r.outputs()["compute"] = {{"name", name}, {"vm_size", vm.name}, {"cores", vm.cores}, {"min_nodes", min},
                                {"max_nodes", max}, {"idle_seconds", idle}, {"created", computes[name].created},
                                {"standing_since", computes[name].standing_billed_until}};
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

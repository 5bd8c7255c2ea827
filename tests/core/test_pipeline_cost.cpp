// The cost meter of the simulated compute, against hand calculations with the documented price
// of STANDARD_DS2_V2 (0.146 USD per node-hour): idle time is billed until nodes scale down, a
// cluster with min nodes 0 goes back to zero, nodes still up are reused without being billed
// twice, always-on min nodes are billed all the time, and the default pipeline's cost.
#include <catch2/catch.hpp>

#include "core/api/workspace_state.hpp"
#include "core/ops/pipeline/compute_meter.hpp"
#include "core/ops/pipeline/vm_sizes.hpp"
#include "test_pipeline_fixture.hpp"

using mlcore::ops::ComputeCluster;
using mlcore::ops::NodeCharge;

namespace {

ComputeCluster ds2(int min_nodes, int max_nodes, double idle) {
  ComputeCluster c;
  c.name = "iriscompute";
  c.vm_size = "STANDARD_DS2_V2";
  c.min_nodes = min_nodes;
  c.max_nodes = max_nodes;
  c.idle_seconds = idle;
  c.created = 0;
  return c;
}

}  // namespace

TEST_CASE("The price table has STANDARD_DS2_V2 at 0.146 USD per node-hour with 2 cores", "[pipeline_cost]") {
  const auto* vm = mlcore::ops::find_vm_size("Standard_DS2_v2");
  REQUIRE(vm != nullptr);
  CHECK(vm->price_per_hour == 0.146);
  CHECK(vm->cores == 2);
  CHECK(mlcore::ops::core_quota(*vm) == 10);
  CHECK(mlcore::ops::core_quota(*mlcore::ops::find_vm_size("STANDARD_NC6")) == 0);
  CHECK(mlcore::ops::find_vm_size("STANDARD_XXL") == nullptr);
}

TEST_CASE("One DS2_V2 node busy 600 s with 300 s idle costs 900 s at 0.146 USD/h = 0.0365 USD, then scales to zero",
          "[pipeline_cost]") {
  ComputeCluster c = ds2(0, 1, 300);
  CHECK(mlcore::ops::provisioning_seconds(c, 1, 1000) == 180);  // no node is up
  const auto charges = mlcore::ops::charge_job(c, 1, 1000, 1600);
  REQUIRE(charges.size() == 1);
  CHECK(charges[0].kind == "burst");
  CHECK(charges[0].from == 1000);
  CHECK(charges[0].to == 1900);
  CHECK(charges[0].cost == Approx(0.0365).epsilon(1e-12));  // 1 x 900 / 3600 x 0.146
  CHECK(mlcore::ops::nodes_at(c, 1899) == 1);
  CHECK(mlcore::ops::nodes_at(c, 1900) == 0);  // min nodes 0: back to zero after the idle time
}

TEST_CASE("A job within the idle time reuses the node and is billed only past what was billed", "[pipeline_cost]") {
  ComputeCluster c = ds2(0, 1, 300);
  const double first = mlcore::ops::charge_job(c, 1, 1000, 1600)[0].cost;
  CHECK(mlcore::ops::provisioning_seconds(c, 1, 1800) == 0);
  const auto second = mlcore::ops::charge_job(c, 1, 1800, 1900);
  REQUIRE(second.size() == 1);
  CHECK(second[0].from == 1900);  // 1000..1900 was billed with the first job
  CHECK(second[0].to == 2200);
  // 1000 to 2200 is 1200 node-seconds in all: 1200 / 3600 x 0.146.
  CHECK(first + second[0].cost == Approx(1200.0 / 3600 * 0.146).epsilon(1e-12));
}

TEST_CASE("Always-on min nodes are billed from creation, with no idle tail and no scale down", "[pipeline_cost]") {
  ComputeCluster c = ds2(1, 2, 300);
  c.standing_billed_until = 0;
  CHECK(mlcore::ops::provisioning_seconds(c, 1, 3600) == 0);
  const auto a = mlcore::ops::charge_job(c, 1, 3600, 4200);
  REQUIRE(a.size() == 1);
  CHECK(a[0].kind == "standing");
  CHECK(a[0].cost == Approx(4200.0 / 3600 * 0.146).epsilon(1e-12));
  // A job a day later pays the day the node stood idle: min nodes cost money.
  const auto b = mlcore::ops::charge_job(c, 1, 86400 + 4200, 86400 + 4800);
  CHECK(b[0].from == 4200);
  CHECK(b[0].cost == Approx((86400.0 + 600) / 3600 * 0.146).epsilon(1e-12));
  CHECK(mlcore::ops::nodes_at(c, 200000) == 1);
  // Two nodes: the second is a burst node with an idle tail.
  const auto both = mlcore::ops::charge_job(c, 2, 200000, 200600);
  REQUIRE(both.size() == 2);
  CHECK(both[1].kind == "burst");
  CHECK(both[1].to - both[1].from == 900);
}

TEST_CASE("The default pipeline's cost is its training job plus the idle time on one DS2_V2 node", "[pipeline_cost]") {
  mlcore::api::Session s;
  int table = 0;
  mlplay_test::load_iris(s, &table);
  const auto run = s.call("pipeline.run", mlplay_test::run_args(mlplay_test::iris_build_spec(), table))["run"];
  // The train step starts at 217 s: 180 s to scale up, 45 s environment, 22 s fit = 247 s busy,
  // then 300 s idle (ml.computeIdleSecs): 547 s x 0.146 / 3600.
  REQUIRE(run["cost"]["items"].size() == 1);
  const auto& item = run["cost"]["items"][0];
  CHECK(item["from"] == 217);
  CHECK(item["to"] == 764);
  CHECK(item["seconds"] == 547);
  CHECK(run["cost"]["total"].get<double>() == Approx(547.0 / 3600 * 0.146).epsilon(1e-12));
  CHECK(run["cost"]["currency"] == "USD");
  // At the end of the run (530 s) the node is still idling; at 764 s it is gone.
  const auto cloud = s.call("pipeline.runs", mlcore::api::Json::object())["cloud"];
  CHECK(cloud["computes"][0]["nodes_now"] == 1);
  s.call("pipeline.tick", {{"seconds", 234}});
  CHECK(s.call("pipeline.runs", mlcore::api::Json::object())["cloud"]["computes"][0]["nodes_now"] == 0);
}

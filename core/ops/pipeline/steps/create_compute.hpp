// Step kind create_compute (simulated): az ml computetarget create amlcompute: creates the compute
// cluster (65 s; plus 180 s to allocate the always-on nodes when min_nodes > 0) or uses the
// existing one (5 s). Checks the family's core quota for max_nodes nodes: the compute_quota failure
// shows here as QuotaExceeded.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& create_compute_step();
}  // namespace mlcore::ops

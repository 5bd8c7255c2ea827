// Step kind train (real): trains a model (seeded) on a dataset version and logs the run, as the
// Train view does; on a compute cluster it waits for nodes (180 s when none are up), prepares the
// environment (45 s), then fits (20 s plus 1 s per 500 cells) and the cluster's cost is charged.
// Writes metadata/run.json and the model file when those folders exist. Under the quality_gate_miss
// failure it learns from shuffled labels.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& train_step();
}  // namespace mlcore::ops

// Step kind quality_gate (real): compares a metric of the latest train step's run with a threshold
// (at least, or at most for errors such as rmse) and fails when it misses. Takes 1 s.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& quality_gate_step();
}  // namespace mlcore::ops

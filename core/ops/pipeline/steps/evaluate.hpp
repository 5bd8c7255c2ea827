// Step kind evaluate (real): reports the test metrics and confusion matrix of the latest train
// step's run. Takes 10 s.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& evaluate_step();
}  // namespace mlcore::ops

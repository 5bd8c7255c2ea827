// Step kind create_workspace (simulated): az ml workspace create --exist-ok: creates the ML
// workspace and its resource group (45 s) or uses the one an earlier run created (4 s).
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& create_workspace_step();
}  // namespace mlcore::ops

// Step kind create_folder (simulated): mkdir -p of folders on the build agent (the tutorial's
// metadata and models folders), which later steps write into and publish. Takes 1 s.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& create_folder_step();
}  // namespace mlcore::ops

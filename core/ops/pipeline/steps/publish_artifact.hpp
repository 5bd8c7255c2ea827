// Step kind publish_artifact (simulated): publishes folders of the build agent as a named pipeline
// artifact; a folder that does not exist fails the step. Takes 3 s plus 1 s per file.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& publish_artifact_step();
}  // namespace mlcore::ops

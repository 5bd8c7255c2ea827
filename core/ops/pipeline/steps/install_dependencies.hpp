// Step kind install_dependencies (simulated): pip installs the requirements on the build agent, as
// the tutorial's install_requirements.sh does, and adds the Azure ML CLI extension. Takes 12 s plus
// 4 s per package, plus 10 s for the CLI extension.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& install_dependencies_step();
}  // namespace mlcore::ops

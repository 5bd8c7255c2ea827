// Step kind validate_data (real): runs the core's data quality checks on a dataset version and
// fails when a warning with a blocking code (fail_on) appears; other warnings are logged. The
// data_validation failure shows here.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& validate_data_step();
}  // namespace mlcore::ops

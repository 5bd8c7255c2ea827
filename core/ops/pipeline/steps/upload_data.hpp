// Step kind upload_data (real): uploads a data source (a built-in dataset or file the run was
// given, or a dataset version) and registers it as the next version of a dataset, with its profile;
// the same content registers nothing new. Takes 5 s plus 1 s per 20,000 cells, then the
// registration.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& upload_data_step();
}  // namespace mlcore::ops

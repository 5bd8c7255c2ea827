// Step kind register_model (real): registers the latest train step's model as the next version of a
// registered model (model.register), with tags and a description; writes metadata/model.json when
// that folder exists. Takes 10 s, then the registration.
#pragma once
#include "../step_kind.hpp"

namespace mlcore::ops {
const StepKind& register_model_step();
}  // namespace mlcore::ops

// Which pipeline run made a model version: the link from the model registry back to the CI run
// that trained and registered it, for lineage.
#pragma once
#include <string_view>

#include <nlohmann/json.hpp>

#include "pipeline_store.hpp"

namespace mlcore::ops {

// {"id", "pipeline", "number"} of the run whose register_model step registered NAME:VERSION, or
// null when the version was registered by hand.
nlohmann::json pipeline_run_of_model(const PipelineStore& store, std::string_view name, int version);

}  // namespace mlcore::ops

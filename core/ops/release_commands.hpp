// The workspace commands of releases and endpoints, called from the command table in
// workspace_commands.cpp (which has already checked the fields' types):
//   release.create {model, version, definition, failures, stages}: Release-N with the stages'
//     outcomes; a stage with "deployed": true points its endpoint at the model version.
//   release.update {release, stages}: new outcomes of waiting stages (approval, deploy, smoke test).
//   endpoint.deploy {name, model, version, stage?}, endpoint.rollback {name},
//   endpoint.set_canary {name, version, percent, seed?}.
// The outcomes are decided by core/api/release_flow; here they are only checked and recorded.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

struct Workspace;

void apply_release_create(Workspace& ws, const nlohmann::json& c, double time, const std::string& actor);
void apply_release_update(Workspace& ws, const nlohmann::json& c, double time, const std::string& actor);
void apply_endpoint_deploy(Workspace& ws, const nlohmann::json& c, double time, const std::string& actor);
void apply_endpoint_rollback(Workspace& ws, const nlohmann::json& c, double time, const std::string& actor);
void apply_endpoint_set_canary(Workspace& ws, const nlohmann::json& c, double time, const std::string& actor);

}  // namespace mlcore::ops

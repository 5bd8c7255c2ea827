// Every feature area registers its commands here; the Session constructor calls this.
#pragma once

namespace mlcore::api {
class Session;
void register_all_commands(Session& session);
void register_core_commands(Session& session);
void register_data_commands(Session& session);
void register_train_commands(Session& session);
void register_search_commands(Session& session);
void register_workspace_commands(Session& session);
void register_drift_commands(Session& session);
void register_pipeline_commands(Session& session);
void register_release_commands(Session& session);
void register_endpoint_commands(Session& session);
void register_simulation_commands(Session& session);
}  // namespace mlcore::api

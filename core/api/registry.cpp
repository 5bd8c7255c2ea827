// The list of command areas. Adding an area adds one line here.
#include "registry.hpp"

#include "session.hpp"

namespace mlcore::api {

void register_all_commands(Session& session) {
  register_core_commands(session);
  register_data_commands(session);
  register_train_commands(session);
  register_search_commands(session);
  register_workspace_commands(session);
  register_drift_commands(session);
  register_pipeline_commands(session);
  register_release_commands(session);
  register_endpoint_commands(session);
  register_simulation_commands(session);
}

}  // namespace mlcore::api

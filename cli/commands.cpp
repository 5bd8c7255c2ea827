// The list of sub-commands. Adding one adds its file and one line here.
#include "cli.hpp"

namespace mlplay {

void register_info_commands();
void register_data_sub_commands();
void register_train_sub_commands();
void register_tune_sub_commands();
void register_generate_sub_commands();
void register_runs_sub_commands();
void register_models_sub_commands();
void register_replay_sub_commands();
void register_serve_sub_commands();
void register_pipeline_sub_commands();
void register_drift_sub_commands();
void register_simulate_sub_commands();

void register_sub_commands() {
  register_info_commands();
  register_data_sub_commands();
  register_train_sub_commands();
  register_tune_sub_commands();
  register_generate_sub_commands();
  register_runs_sub_commands();
  register_models_sub_commands();
  register_replay_sub_commands();
  register_serve_sub_commands();
  register_pipeline_sub_commands();
  register_drift_sub_commands();
  register_simulate_sub_commands();
}

}  // namespace mlplay

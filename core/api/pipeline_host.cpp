// See pipeline_host.hpp.
#include "pipeline_host.hpp"

#include "../data/table_hash.hpp"
#include "../error.hpp"
#include "data_commands.hpp"
#include "training_run.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {

const ops::Workspace& SessionHost::workspace() const { return current_workspace(s_); }

std::shared_ptr<const data::Table> SessionHost::source_table(const std::string& source) {
  auto it = sources_.find(source);
  if (it != sources_.end()) return it->second;
  try {
    Json ref;
    return dataset_table(source, ref);
  } catch (const Error& e) {
    std::string given;
    for (const auto& g : sources_) given += (given.empty() ? "" : ", ") + g.first;
    throw Error("pipeline.unknown_source",
                "The data source '" + excerpt_of(source) + "' was not given to this run (" +
                    (given.empty() ? "none was" : "it was given " + given) + ") and is not a dataset version (" +
                    e.what() + "). Load it first (the page passes data: {\"" + source +
                    "\": TABLE}; mlplay reads built-in datasets and files itself).");
  }
}

std::shared_ptr<const data::Table> SessionHost::dataset_table(const std::string& reference, Json& ref) {
  const ops::DatasetVersion& v = workspace().datasets.resolve(reference);
  const std::string name = reference.substr(0, reference.find(':'));
  auto table = version_table(s_, v);
  if (!table)
    throw Error("dataset.no_table", "The table of " + ops::version_reference(name, v.number) +
                                        " is not in this workspace (it was rebuilt from its log alone); register the data again.");
  ref = {{"name", name}, {"version", v.number}, {"hash", v.hash}};
  return std::shared_ptr<const data::Table>(table, &table->table);
}

ops::DatasetOutcome SessionHost::register_dataset(const data::Table& table, const std::string& name,
                                                  const std::string& source, const Json& profile, double at) {
  const std::string hash = data::content_hash(table);
  const ops::Dataset* existing = workspace().datasets.find(name);
  make_room(at, existing && existing->find_hash(hash) ? 0 : 1);
  DatasetRegistration reg = api::register_dataset(s_, table, name, source, Json{{"profile", profile}}, hash);
  return {reg.name, reg.number, reg.hash, reg.created};
}

std::string SessionHost::train(std::shared_ptr<const data::Table> table, const eval::TrainRequest& request,
                               const std::string& experiment, const Json& tags, double at) {
  eval::TrainingJob job(table, request);
  while (!job.step()) {
  }
  make_room(at, 1);
  return log_training_run(s_, job.model(), job.result(), *table, {{"experiment", experiment}, {"tags", tags}})["run"];
}

Json SessionHost::apply(const Json& command) { return apply_command(s_, command); }

}  // namespace mlcore::api

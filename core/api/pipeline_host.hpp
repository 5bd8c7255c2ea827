// The session as a pipeline host: the pipeline engine's real work done the way the page does it
// (api::register_dataset, a TrainingJob logged by api::log_training_run, workspace commands
// through apply_command), with its data sources from the tables the run was given or from the
// workspace's dataset versions.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "../ops/pipeline/pipeline_host.hpp"
#include "session.hpp"

namespace mlcore::api {

class SessionHost : public ops::PipelineHost {
 public:
  SessionHost(Session& s, std::map<std::string, std::shared_ptr<const data::Table>> sources)
      : s_(s), sources_(std::move(sources)) {}

  const ops::Workspace& workspace() const override;
  std::shared_ptr<const data::Table> source_table(const std::string& source) override;
  std::shared_ptr<const data::Table> dataset_table(const std::string& reference, Json& ref) override;
  ops::DatasetOutcome register_dataset(const data::Table& table, const std::string& name, const std::string& source,
                                       const Json& profile, double at) override;
  std::string train(std::shared_ptr<const data::Table> table, const eval::TrainRequest& request,
                    const std::string& experiment, const Json& tags, double at) override;

 protected:
  Json apply(const Json& command) override;

 private:
  Session& s_;
  std::map<std::string, std::shared_ptr<const data::Table>> sources_;
};

}  // namespace mlcore::api

// What a pipeline run needs from the world around the core's pure engine: the workspace, the
// tables behind data sources, and the real work the page does too (register a dataset version,
// train and log a run, apply a workspace command). The session implements it
// (core/api/pipeline_host.hpp); the engine in this folder never touches anything else, so the
// same run is reproduced wherever the same host answers.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "../../data/table.hpp"
#include "../../eval/training_job.hpp"
#include "../workspace.hpp"

namespace mlcore::ops {

struct DatasetOutcome {
  std::string name;
  int version = 0;
  std::string hash;
  bool created = false;  // false: a version already held this content
};

class PipelineHost {
 public:
  virtual ~PipelineHost() = default;

  virtual const Workspace& workspace() const = 0;
  // The table behind a data source: a name the run was given tables for ("iris"), else a dataset
  // version reference ("IRIS", "IRIS:2"). Throws pipeline.unknown_source saying what it knows.
  virtual std::shared_ptr<const data::Table> source_table(const std::string& source) = 0;
  // A dataset version's table; sets `ref` to its {"name", "version", "hash"}. Throws the
  // registry's errors, or dataset.no_table when the workspace lacks the table.
  virtual std::shared_ptr<const data::Table> dataset_table(const std::string& reference, nlohmann::json& ref) = 0;

  // The real work. Each applies its workspace commands (one simulated minute each unless they
  // say otherwise) so that they land by `at` when the clock allows, after it otherwise.
  virtual DatasetOutcome register_dataset(const data::Table& table, const std::string& name,
                                          const std::string& source, const nlohmann::json& profile, double at) = 0;
  // Trains to completion and logs the run (dataset version from request.dataset); returns its id.
  virtual std::string train(std::shared_ptr<const data::Table> table, const eval::TrainRequest& request,
                            const std::string& experiment, const nlohmann::json& tags, double at) = 0;
  // Applies one workspace command so that it lands by `at`; returns what apply gave ({"seq", ...}).
  nlohmann::json apply_by(const nlohmann::json& command, double at);
  // What the clock.advance commands say simulated time passed for ("Pipeline iris-build #1: Train").
  void set_activity(std::string activity) { activity_ = std::move(activity); }

 protected:
  // Applies a command as the pipeline's actor and returns the session's answer.
  virtual nlohmann::json apply(const nlohmann::json& command) = 0;
  // Lets simulated time pass (a clock.advance command) so that `commands` more commands of the
  // default duration land exactly at `at`; nothing when the clock is already past that.
  void make_room(double at, int commands);

 private:
  std::string activity_ = "Pipeline";
};

}  // namespace mlcore::ops

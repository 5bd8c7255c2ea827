// The CI/CD a simulation drives, through the session's own commands: the build pipeline it runs
// (upload the data, train on a metered compute, register the model; in CI/CD mode also validate
// the data, evaluate and gate on quality), and the release of a model version through UAT, the
// approval the policy's role grants, PROD, and the registry's Production stage.
#pragma once
#include <memory>
#include <string>

#include "../data/table.hpp"
#include "simulation_run.hpp"

namespace mlcore::api {

// The build pipeline's spec: `name` (iris-build, iris-retrain, iris-retrain-gated) reading the
// data source `source`; `gated` adds validate_data, evaluate and quality_gate.
Json simulation_build_spec(const Simulation& sim, const std::string& name, const std::string& source, bool gated);

struct BuildOutcome {
  Json run;          // the recorded pipeline run (without its step logs)
  int version = 0;   // the registered model version; 0 when the run failed
  double cost = 0;   // USD
};

// Runs the build pipeline on `table` (given to the run as data source `source`); `trigger` is
// "manual" or what the run records as its trigger ({"type": "simulation", ...}).
BuildOutcome run_build(Session& s, const Simulation& sim, const std::string& name, std::shared_ptr<const data::Table> table,
                       const std::string& source, bool gated, const Json& trigger);

// Releases `version` of the simulation's model: UAT (deploy, and a smoke test that posts a row of
// `sample` and expects the version's own answer: the tutorial's fixed IRIS payload would pin the
// old concept), then PROD once the policy's approval_role approves with `comment`, then the
// registry's Production stage (archiving the one before). Returns {release, status, approval}.
Json release_version(Session& s, const Simulation& sim, int version, const data::Table& sample, const std::string& comment);

}  // namespace mlcore::api

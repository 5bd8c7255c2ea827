// The release pipeline's rules (CD): a registered model version is deployed to UAT and smoke-
// tested, waits for a pre-deployment approval, then goes to PROD. This decides what happens in
// each stage (on the workspace's simulated clock) and logs the outcome as one workspace command
// (release.create, release.update), so replaying the log needs no scoring.
#pragma once
#include "session.hpp"

namespace mlcore::api {

// The tutorial's two stages for a model: UAT on "<name>-uat" with a smoke test, PROD on
// "<name>-prod" behind an approval. For IRIS the smoke test posts {"SepalLengthCm": 6.6,
// "SepalWidthCm": 3, "PetalLengthCm": 4.4, "PetalWidthCm": 1.4} and expects {"output":
// {"predicted_species": "1"}}; for other models it posts the first row of the training data
// and expects what the registered version answers.
Json default_release_definition(Session& s, const std::string& model, int version);

// The failure toggles a release takes, for teaching: "deploy_missing_file" (the UAT deploy's
// score.py cannot find the model file: FileNotFoundError), "smoke_wrong_prediction" (the scoring
// script reads the features in reverse order, so the smoke test's answer is wrong).
const std::vector<std::string>& release_failure_toggles();

// {model, version, definition?, failures?} -> the release as JSON. Runs the stages up to the
// first approval (or failure).
Json start_release(Session& s, const Json& args);
// {release, decision: "approve" | "reject", comment?} on the stage waiting for approval, as the
// session's role, which must be the gate's (release.not_approver otherwise); an approval runs
// that stage and those after it up to the next approval.
Json decide_release(Session& s, const Json& args);

}  // namespace mlcore::api

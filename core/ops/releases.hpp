// Releases (CD) of the workspace, as in the IRIS tutorial's release pipeline: Release-N takes an
// artifact (a registered model version) through stages (UAT: deploy and smoke test; PROD: a
// pre-deployment approval, then deploy), each with a status, times and a log. This value only
// records what happened; core/api/release_flow decides it (deploys, smoke tests, approvals).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

enum class ReleaseStatus { not_deployed, waiting_for_approval, succeeded, failed, rejected };

// "not deployed", "waiting for approval", "succeeded", "failed", "rejected" (as on screen).
const char* release_status_name(ReleaseStatus s);
// Throws release.bad_status listing the five.
ReleaseStatus parse_release_status(std::string_view text);

struct ReleaseLogLine {
  double time = 0;
  std::string text;
};

struct ReleaseStage {
  std::string name;      // "UAT", "PROD"
  std::string endpoint;  // "iris-uat"
  ReleaseStatus status = ReleaseStatus::not_deployed;
  std::optional<double> started, finished;
  std::vector<ReleaseLogLine> log;
  nlohmann::json smoke_test;  // {"passed", "status", "content_type", "body", "expected"} or null
  nlohmann::json approval;    // {"decision": "approved"|"rejected", "by", "comment", "time"} or null
};

struct Release {
  int number = 0;  // Release-1, Release-2, ...
  std::string model;
  int version = 0;
  nlohmann::json definition;  // the release pipeline it ran (stages, endpoints, smoke test)
  std::vector<std::string> failures;  // failure toggles it ran with
  double created = 0;
  std::string by;
  std::vector<ReleaseStage> stages;

  std::string name() const { return "Release-" + std::to_string(number); }
  // failed / rejected when a stage is; waiting for approval when one waits; succeeded when all
  // did; else not deployed.
  ReleaseStatus status() const;
};

// One stage's outcome as commands carry it: {"name", "status", "started", "finished", "log":
// [{"time", "text"}], "smoke_test"?, "approval"?}.
ReleaseStage stage_from_json(const nlohmann::json& j);
nlohmann::json stage_to_json(const ReleaseStage& s);

class ReleaseRegistry {
 public:
  // Release-N with N one more than the last; its stages are those of `stages` in order.
  const Release& create(std::string model, int version, nlohmann::json definition, std::vector<std::string> failures,
                        std::vector<ReleaseStage> stages, double time, const std::string& by);
  // Replaces the named stages' outcomes. A stage that already succeeded, failed or was rejected
  // cannot change (release.stage_done); an unknown stage throws release.unknown_stage.
  const Release& update(int number, const std::vector<ReleaseStage>& stages);

  // Throws release.unknown.
  const Release& release(int number) const;
  const std::vector<Release>& releases() const { return releases_; }

  friend bool operator==(const ReleaseRegistry& a, const ReleaseRegistry& b);
  friend void from_json(const nlohmann::json& j, ReleaseRegistry& r);

 private:
  std::vector<Release> releases_;  // releases_[i].number == i + 1
};

inline bool operator!=(const ReleaseRegistry& a, const ReleaseRegistry& b) { return !(a == b); }

// {"releases": [{"number", "name", "model", "version", "status", "definition", "failures",
// "created", "by", "stages": [...]}]}; reading throws release.corrupt.
void to_json(nlohmann::json& j, const ReleaseRegistry& r);
void from_json(const nlohmann::json& j, ReleaseRegistry& r);

}  // namespace mlcore::ops

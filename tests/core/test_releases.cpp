// Releases: numbering, the status a release shows from its stages, updates of waiting stages
// only, and the JSON round trip.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/ops/releases.hpp"
#include "error_checks.hpp"

using mlcore::ops::Release;
using mlcore::ops::ReleaseRegistry;
using mlcore::ops::ReleaseStage;
using mlcore::ops::ReleaseStatus;
using mlplay_test::error_code;

namespace {

ReleaseStage stage(const char* name, ReleaseStatus status) {
  ReleaseStage s;
  s.name = name;
  s.endpoint = std::string("iris-") + (name[0] == 'U' ? "uat" : "prod");
  s.status = status;
  return s;
}

}  // namespace

TEST_CASE("A release waiting for approval shows so, approving PROD makes it succeeded", "[releases]") {
  ReleaseRegistry r;
  const Release& first = r.create("IRIS", 2, nlohmann::json::object(), {},
                                  {stage("UAT", ReleaseStatus::succeeded), stage("PROD", ReleaseStatus::waiting_for_approval)},
                                  600, "ML Engineer");
  CHECK(first.name() == "Release-1");
  CHECK(first.status() == ReleaseStatus::waiting_for_approval);
  const Release& done = r.update(1, {stage("PROD", ReleaseStatus::succeeded)});
  CHECK(done.status() == ReleaseStatus::succeeded);
  CHECK(done.stages[1].endpoint == "iris-prod");
  // A finished stage is history: it cannot be approved again.
  CHECK(error_code([&] { r.update(1, {stage("PROD", ReleaseStatus::rejected)}); }) == "release.stage_done");
  CHECK(error_code([&] { r.update(1, {stage("QA", ReleaseStatus::succeeded)}); }) == "release.unknown_stage");
  CHECK(error_code([&] { r.update(2, {}); }) == "release.unknown");
}

TEST_CASE("A release that failed at UAT is failed, and PROD is not deployed", "[releases]") {
  ReleaseRegistry r;
  r.create("IRIS", 1, nlohmann::json::object(), {"deploy_missing_file"},
           {stage("UAT", ReleaseStatus::failed), stage("PROD", ReleaseStatus::not_deployed)}, 60, "ML Engineer");
  const Release& second = r.create("IRIS", 2, nlohmann::json::object(), {},
                                   {stage("UAT", ReleaseStatus::succeeded), stage("PROD", ReleaseStatus::rejected)}, 120, "Approver");
  CHECK(r.release(1).status() == ReleaseStatus::failed);
  CHECK(r.release(1).stages[1].status == ReleaseStatus::not_deployed);
  CHECK(second.name() == "Release-2");
  CHECK(second.status() == ReleaseStatus::rejected);
}

TEST_CASE("Releases survive the JSON round trip with their logs, statuses read as shown on screen", "[releases]") {
  ReleaseRegistry r;
  ReleaseStage uat = stage("UAT", ReleaseStatus::failed);
  uat.started = 60;
  uat.finished = 300;
  uat.log = {{60, "Starting deployment to iris-uat"}, {300, "FileNotFoundError: [Errno 2] No such file or directory"}};
  uat.smoke_test = nullptr;
  r.create("IRIS", 1, {{"name", "IRIS release"}}, {"deploy_missing_file"}, {uat, stage("PROD", ReleaseStatus::not_deployed)}, 60, "ML Engineer");
  nlohmann::json j = r;
  CHECK(j["releases"][0]["status"] == "failed");
  CHECK(j["releases"][0]["stages"][1]["status"] == "not deployed");
  CHECK(j.get<ReleaseRegistry>() == r);
  j["releases"][0]["stages"][0]["status"] = "exploded";
  CHECK(error_code([&] { (void)j.get<ReleaseRegistry>(); }) == "release.corrupt");
}

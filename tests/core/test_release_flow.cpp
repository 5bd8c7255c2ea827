// The release pipeline through the session, as the page drives it: a trained IRIS model version
// goes to UAT, passes the smoke test with the tutorial's payload, waits for approval, is approved
// and reaches PROD; a release with the missing-file toggle fails at UAT and PROD is not deployed;
// a rejected release stays out of PROD; endpoints answer the tutorial payload; the log replays.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/api/workspace_state.hpp"
#include "core/data/csv_reader.hpp"
#include "error_checks.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using mlplay_test::error_code;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Trains a decision tree of the given depth on the built-in Iris and registers it as IRIS:N.
void register_iris(Session& s, int depth) {
  static const std::string csv = read_text(std::string(MLPLAY_SOURCE_DIR) + "/datasets/iris.csv");
  const int table = mlcore::api::keep_table(s, mlcore::data::read_csv(csv), "iris.csv");
  Json trained = s.call("train.run", {{"table", table}, {"target", "Species"}, {"family", "decision_tree"},
                                      {"params", {{"max_depth", depth}}}, {"seed", 0}});
  Json run = s.call("train.log_run", {{"model", trained["model"]}, {"experiment", "IRISExperiment"}});
  s.call("workspace.apply", {{"command", {{"type", "model.register"}, {"name", "IRIS"}, {"run", run["run"]}}}});
}

std::string stage_status(const Json& release, int i) { return release["stages"][i]["status"].get<std::string>(); }

}  // namespace

TEST_CASE("A release passes UAT's smoke test, waits for approval, is approved by the Approver and reaches PROD", "[release]") {
  Session s;
  register_iris(s, 3);
  Json r = s.call("release.start", {{"model", "IRIS"}, {"version", 1}});
  CHECK(r["name"] == "Release-1");
  CHECK(stage_status(r, 0) == "succeeded");
  CHECK(r["stages"][0]["smoke_test"]["passed"] == true);
  // The tutorial's answer for its payload: versicolor, class "1".
  CHECK(Json::parse(r["stages"][0]["smoke_test"]["body"].get<std::string>()) == Json::parse(R"({"output":{"predicted_species":"1"}})"));
  CHECK(stage_status(r, 1) == "waiting for approval");
  CHECK(r["status"] == "waiting for approval");
  // UAT answers; PROD does not exist yet.
  Json uat = s.call("endpoint.score", {{"endpoint", "iris-uat"}, {"content_type", "application/json"},
                                       {"body", R"({"SepalLengthCm": 6.6, "SepalWidthCm": 3, "PetalLengthCm": 4.4, "PetalWidthCm": 1.4})"}});
  CHECK(uat["status"] == 200);
  CHECK(uat["body"] == R"({"output":{"predicted_species":"1"}})");
  CHECK(error_code([&] { s.call("endpoint.score", {{"endpoint", "iris-prod"}, {"content_type", "application/json"}, {"body", "{}"}}); }) ==
        "endpoint.unknown");

  s.call("workspace.actor", {{"actor", "Approver"}});
  r = s.call("release.decide", {{"release", 1}, {"decision", "approve"}, {"comment", "UAT looks good"}});
  CHECK(r["status"] == "succeeded");
  CHECK(r["stages"][1]["approval"]["by"] == "Approver");
  CHECK(r["stages"][1]["approval"]["comment"] == "UAT looks good");
  Json endpoints = s.call("endpoint.list", Json::object());
  REQUIRE(endpoints["endpoints"].size() == 2);
  CHECK(endpoints["endpoints"][0]["name"] == "iris-prod");
  CHECK(endpoints["endpoints"][0]["version"] == 1);
  CHECK(endpoints["endpoints"][0]["history"][0]["release"] == "Release-1");
  CHECK(error_code([&] { s.call("release.decide", {{"release", 1}, {"decision", "approve"}}); }) == "release.not_waiting");
}

TEST_CASE("A release with the missing-file toggle fails at UAT with FileNotFoundError and PROD is not deployed", "[release]") {
  Session s;
  register_iris(s, 3);
  register_iris(s, 1);
  Json ok = s.call("release.start", {{"model", "IRIS"}, {"version", 1}});
  s.call("workspace.actor", {{"actor", "Approver"}});
  s.call("release.decide", {{"release", 1}, {"decision", "approve"}});
  Json bad = s.call("release.start", {{"model", "IRIS"}, {"version", 2}, {"failures", {"deploy_missing_file"}}});
  CHECK(bad["name"] == "Release-2");
  CHECK(bad["status"] == "failed");
  CHECK(stage_status(bad, 0) == "failed");
  CHECK(stage_status(bad, 1) == "not deployed");
  std::string log;
  for (const auto& line : bad["stages"][0]["log"]) log += line["text"].get<std::string>() + "\n";
  CHECK_THAT(log, Catch::Contains("FileNotFoundError: [Errno 2] No such file or directory"));
  // The failed release changed no endpoint: iris-uat and iris-prod still serve IRIS:1.
  for (const auto& e : s.call("endpoint.list", Json::object())["endpoints"]) CHECK(e["version"] == 1);
  Json history = s.call("release.list", Json::object())["releases"];
  REQUIRE(history.size() == 2);
  CHECK(history[0]["status"] == "succeeded");
  CHECK(history[1]["status"] == "failed");
}

TEST_CASE("The wrong-prediction toggle fails the smoke test, a rejected approval keeps PROD as it was", "[release]") {
  Session s;
  register_iris(s, 3);
  Json wrong = s.call("release.start", {{"model", "IRIS"}, {"version", 1}, {"failures", {"smoke_wrong_prediction"}}});
  CHECK(stage_status(wrong, 0) == "failed");
  CHECK(wrong["stages"][0]["smoke_test"]["passed"] == false);
  CHECK(stage_status(wrong, 1) == "not deployed");
  Json second = s.call("release.start", {{"model", "IRIS"}, {"version", 1}});
  // Only the gate's role decides.
  CHECK(error_code([&] { s.call("release.decide", {{"release", 2}, {"decision", "approve"}}); }) == "release.not_approver");
  s.call("workspace.actor", {{"actor", "Approver"}});
  Json rejected = s.call("release.decide", {{"release", 2}, {"decision", "reject"}, {"comment", "not this week"}});
  CHECK(rejected["status"] == "rejected");
  CHECK(rejected["stages"][1]["approval"]["decision"] == "rejected");
  CHECK(s.call("endpoint.list", Json::object())["endpoints"].size() == 1);  // only iris-uat
  CHECK(error_code([&] { s.call("release.start", {{"model", "IRIS"}, {"version", 1}, {"failures", {"meteor"}}}); }) == "release.bad_failure");
  CHECK(error_code([&] { s.call("release.start", {{"model", "IRIS"}, {"version", 9}}); }) == "registry.unknown_version");
}

TEST_CASE("Redeploy, rollback and a canary at an endpoint, the exported log replays to the same workspace", "[release]") {
  Session s;
  register_iris(s, 3);
  register_iris(s, 1);
  s.call("workspace.apply", {{"command", {{"type", "endpoint.deploy"}, {"name", "iris-prod"}, {"model", "IRIS"}, {"version", 1}, {"stage", "PROD"}}}});
  s.call("workspace.apply", {{"command", {{"type", "endpoint.deploy"}, {"name", "iris-prod"}, {"model", "IRIS"}, {"version", 2}}}});
  s.call("workspace.apply", {{"command", {{"type", "endpoint.rollback"}, {"name", "iris-prod"}}}});
  s.call("workspace.apply", {{"command", {{"type", "endpoint.set_canary"}, {"name", "iris-prod"}, {"version", 2}, {"percent", 50}, {"seed", 3}}}});
  int to_two = 0;
  for (int i = 0; i < 200; ++i)
    to_two += s.call("endpoint.score", {{"endpoint", "iris-prod"}, {"path", "/ping"}, {"method", "GET"}})["version"] == 2;
  CHECK(to_two > 70);  // Binomial(200, 0.5): sd about 7
  CHECK(to_two < 130);
  s.call("release.start", {{"model", "IRIS"}, {"version", 2}});
  const std::string exported = mlcore::api::export_workspace(s);
  Session other;
  mlcore::api::import_workspace(other, exported);  // checks the log rebuilds the saved state
  CHECK(mlcore::api::export_workspace(other) == exported);
  CHECK(s.call("endpoint.requests", {{"endpoint", "iris-prod"}, {"limit", 5}})["requests"].size() == 5);
}

// The model registry: numbering per model, stage transitions and their history, archive on
// promotion, rollback, aliases, lookups with stable error codes, and the JSON round trip.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ops/model_registry.hpp"
#include "error_checks.hpp"

using mlcore::ops::AliasChange;
using mlcore::ops::ModelRegistry;
using mlcore::ops::ModelVersion;
using mlcore::ops::ModelVersionInput;
using mlcore::ops::parse_stage;
using mlcore::ops::Stage;
using mlcore::ops::StageTransition;
using mlplay_test::code_of;

namespace {

ModelVersionInput input(const std::string& run, double created) {
  ModelVersionInput in;
  in.run_id = run;
  in.source = "model-" + run;
  in.created = created;
  in.created_by = "Data Scientist";
  in.dataset = {{"name", "IRIS"}, {"version", 1}, {"hash", "0123456789abcdef0123456789abcdef"}};
  return in;
}

// IRIS with versions 1 and 2, IRIS:1 already in Production since t=20.
ModelRegistry iris_in_production() {
  ModelRegistry reg;
  reg.register_version("IRIS", input("r1", 10));
  reg.register_version("IRIS", input("r2", 11));
  reg.transition("IRIS", 1, Stage::Production, 20, "Approver", "first release");
  return reg;
}

}  // namespace

TEST_CASE("versions are numbered 1 2 3 per model and keep their input", "[model_registry]") {
  ModelRegistry reg;
  const ModelVersion& v1 = reg.register_version("IRIS", input("r1", 10));
  CHECK(v1.number == 1);
  CHECK(v1.run_id == "r1");
  CHECK(v1.source == "model-r1");
  CHECK(v1.format == "mlplay.model");
  CHECK(v1.created == 10);
  CHECK(v1.created_by == "Data Scientist");
  CHECK(v1.dataset["version"] == 1);
  CHECK(v1.stage == Stage::None);
  CHECK(v1.history.empty());
  CHECK(reg.register_version("IRIS", input("r2", 11)).number == 2);
  CHECK(reg.register_version("WINE", input("w1", 12)).number == 1);
  CHECK(reg.register_version("IRIS", input("r3", 13)).number == 3);
  CHECK(reg.versions("IRIS").size() == 3);
  CHECK(reg.versions("WINE").size() == 1);
  CHECK(reg.names() == std::vector<std::string>{"IRIS", "WINE"});
}

TEST_CASE("stage names parse case-insensitively and unknown ones are bad_stage", "[model_registry]") {
  CHECK(parse_stage("None") == Stage::None);
  CHECK(parse_stage("staging") == Stage::Staging);
  CHECK(parse_stage("PRODUCTION") == Stage::Production);
  CHECK(parse_stage("Archived") == Stage::Archived);
  CHECK(mlcore::ops::stage_name(Stage::Production) == "Production");
  std::string message;
  CHECK(code_of([] { parse_stage("Prod"); }, &message) == "registry.bad_stage");
  CHECK(message.find("Staging") != std::string::npos);  // the message lists the stages
}

TEST_CASE("transitions move the stage and record from to time by and comment", "[model_registry]") {
  ModelRegistry reg;
  reg.register_version("IRIS", input("r1", 10));
  reg.transition("IRIS", 1, Stage::Staging, 20, "ML Engineer", "ready for UAT");
  const ModelVersion& v = reg.transition("IRIS", 1, Stage::Production, 30, "Approver", "UAT passed");
  CHECK(v.stage == Stage::Production);
  REQUIRE(v.history.size() == 2);
  CHECK(v.history[0] == StageTransition{Stage::None, Stage::Staging, 20, "ML Engineer", "ready for UAT"});
  CHECK(v.history[1] == StageTransition{Stage::Staging, Stage::Production, 30, "Approver", "UAT passed"});
  CHECK(code_of([&] { reg.transition("IRIS", 1, Stage::Production, 31, "Approver", ""); }) ==
        "registry.bad_stage");
  CHECK(code_of([&] { reg.transition("IRIS", 7, Stage::Staging, 31, "Approver", ""); }) ==
        "registry.unknown_version");
  CHECK(code_of([&] { reg.transition("WINE", 1, Stage::Staging, 31, "Approver", ""); }) ==
        "registry.unknown_model");
}

TEST_CASE("promoting with archive_existing archives the version in Production", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.transition("IRIS", 2, Stage::Production, 40, "Approver", "better F1", true);
  CHECK(reg.version("IRIS", 2).stage == Stage::Production);
  const ModelVersion& v1 = reg.version("IRIS", 1);
  CHECK(v1.stage == Stage::Archived);
  REQUIRE(v1.history.size() == 2);
  CHECK(v1.history[1] ==
        StageTransition{Stage::Production, Stage::Archived, 40, "Approver", "archived on promotion of IRIS:2"});
  CHECK(reg.version("IRIS", 2).history.back() ==
        StageTransition{Stage::None, Stage::Production, 40, "Approver", "better F1"});
}

TEST_CASE("promoting without archive_existing keeps both versions in Production", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.transition("IRIS", 2, Stage::Production, 40, "Approver", "canary", false);
  CHECK(reg.version("IRIS", 1).stage == Stage::Production);
  CHECK(reg.version("IRIS", 1).history.size() == 1);
  CHECK(reg.version("IRIS", 2).stage == Stage::Production);
  auto latest = reg.latest_versions("IRIS", {Stage::Production});
  REQUIRE(latest.size() == 1);
  CHECK(latest[0].number == 2);  // the highest-numbered one, as in MLflow
}

TEST_CASE("latest_versions gives the newest version of each stage that has one", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.register_version("IRIS", input("r3", 12));
  reg.transition("IRIS", 2, Stage::Staging, 30, "ML Engineer", "");
  auto all = reg.latest_versions("IRIS");
  REQUIRE(all.size() == 3);  // None, Staging, Production; nothing is Archived
  CHECK(all[0].number == 3);
  CHECK(all[1].number == 2);
  CHECK(all[2].number == 1);
  CHECK(reg.latest_versions("IRIS", {Stage::Archived}).empty());
}

TEST_CASE("rollback archives the current Production version and restores the previous one", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.transition("IRIS", 2, Stage::Production, 40, "Approver", "v2", true);
  const ModelVersion& back = reg.rollback("IRIS", 50, "ML Engineer", "v2 drifts");
  CHECK(back.number == 1);
  CHECK(reg.version("IRIS", 1).stage == Stage::Production);
  CHECK(reg.version("IRIS", 2).stage == Stage::Archived);
  CHECK(reg.version("IRIS", 1).history.back() ==
        StageTransition{Stage::Archived, Stage::Production, 50, "ML Engineer", "v2 drifts"});
  CHECK(reg.version("IRIS", 2).history.back() ==
        StageTransition{Stage::Production, Stage::Archived, 50, "ML Engineer", "v2 drifts"});
}

TEST_CASE("rollback with no earlier Production version is no_previous_production", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  CHECK(code_of([&] { reg.rollback("IRIS", 50, "ML Engineer", ""); }) == "registry.no_previous_production");
  CHECK(reg.version("IRIS", 1).stage == Stage::Production);  // nothing changed
  ModelRegistry none;
  none.register_version("IRIS", input("r1", 10));
  CHECK(code_of([&] { none.rollback("IRIS", 50, "ML Engineer", ""); }) == "registry.no_production");
}

TEST_CASE("aliases are set moved deleted and resolved with their history", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.set_alias("IRIS", "champion", 1, 30, "Approver");
  CHECK(reg.resolve("IRIS@champion").number == 1);
  reg.set_alias("IRIS", "champion", 2, 40, "Approver");
  CHECK(reg.resolve("IRIS@champion").number == 2);
  reg.set_alias("IRIS", "champion", 2, 41, "Approver");  // no move, no history
  reg.delete_alias("IRIS", "champion", 50, "ML Engineer");
  const auto& h = reg.model("IRIS").alias_history;
  REQUIRE(h.size() == 3);
  CHECK(h[0] == AliasChange{"champion", std::nullopt, 1, 30, "Approver"});
  CHECK(h[1] == AliasChange{"champion", 1, 2, 40, "Approver"});
  CHECK(h[2] == AliasChange{"champion", 2, std::nullopt, 50, "ML Engineer"});
  CHECK(reg.model("IRIS").aliases.empty());
  CHECK(code_of([&] { reg.resolve("IRIS@champion"); }) == "registry.unknown_alias");
  CHECK(code_of([&] { reg.delete_alias("IRIS", "champion", 60, "Approver"); }) == "registry.unknown_alias");
  CHECK(code_of([&] { reg.set_alias("IRIS", "champion", 9, 60, "Approver"); }) == "registry.unknown_version");
}

TEST_CASE("references resolve by number alias latest or name alone", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  CHECK(reg.resolve("IRIS:1").number == 1);
  CHECK(reg.resolve("IRIS").number == 2);
  CHECK(reg.resolve("IRIS:latest").number == 2);
  std::string message;
  CHECK(code_of([&] { reg.resolve("IRIS:5"); }, &message) == "registry.unknown_version");
  CHECK(message.find("1 to 2") != std::string::npos);
  CHECK(code_of([&] { reg.resolve("IRIS:x"); }) == "registry.unknown_version");
  CHECK(code_of([&] { reg.resolve("WINE:1"); }, &message) == "registry.unknown_model");
  CHECK(message.find("IRIS") != std::string::npos);
}

TEST_CASE("bad model and alias names are rejected", "[model_registry]") {
  ModelRegistry reg;
  CHECK(code_of([&] { reg.register_version("", input("r", 1)); }) == "registry.bad_name");
  CHECK(code_of([&] { reg.register_version("my model", input("r", 1)); }) == "registry.bad_name");
  CHECK(code_of([&] { reg.register_version("IRIS:2", input("r", 1)); }) == "registry.bad_name");
  CHECK(code_of([&] { reg.register_version("iris-v1.2_x", input("r", 1)); }).empty());
  for (std::string bad : {"", "2", "v3", "latest", "my alias", "a.b"})
    CHECK(code_of([&] { reg.set_alias("iris-v1.2_x", bad, 1, 2, "Approver"); }) == "registry.bad_alias");
  CHECK(code_of([&] { reg.set_alias("iris-v1.2_x", "champion-2_b", 1, 2, "Approver"); }).empty());
  CHECK(code_of([&] { reg.resolve("bad name"); }) == "registry.bad_name");
}

TEST_CASE("the JSON round trip gives an equal registry", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.register_version("WINE", input("w1", 5.25));
  reg.set_description("IRIS", "flower classifier");
  reg.set_tag("IRIS", "team", "teaching");
  reg.transition("IRIS", 2, Stage::Production, 40, "Approver", "v2", true);
  reg.set_alias("IRIS", "champion", 2, 41, "Approver");
  reg.set_alias("IRIS", "old", 1, 42, "Approver");
  reg.delete_alias("IRIS", "old", 43, "Approver");
  nlohmann::json j = reg;
  CHECK(j["models"][0]["name"] == "IRIS");
  CHECK(j["models"][0]["versions"][0]["stage"] == "Archived");
  CHECK(j["models"][0]["alias_history"][0]["from_version"].is_null());
  ModelRegistry back = j.get<ModelRegistry>();
  CHECK(back == reg);
  CHECK(nlohmann::json(back) == j);
  CHECK(nlohmann::json::parse(j.dump()).get<ModelRegistry>() == reg);
  back.set_alias("IRIS", "champion", 1, 50, "Approver");
  CHECK(back != reg);
}

TEST_CASE("damaged JSON is registry.corrupt naming the field and leaves the registry as it was", "[model_registry]") {
  ModelRegistry reg = iris_in_production();
  reg.set_alias("IRIS", "champion", 1, 30, "Approver");
  const nlohmann::json good = reg;
  auto load = [](const nlohmann::json& j, std::string* message) {
    return code_of([&] { j.get<ModelRegistry>(); }, message);
  };
  std::string message;
  nlohmann::json j = good;
  j["models"][0]["versions"][1]["stage"] = "Prod";
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].versions[1].stage") != std::string::npos);
  j = good;
  j["models"][0]["versions"][0]["stage"] = "Staging";  // history ends in Production
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].versions[0].stage") != std::string::npos);
  j = good;
  j["models"][0]["versions"][1]["number"] = 3;
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].versions[1].number") != std::string::npos);
  j = good;
  j["models"][0]["versions"][0].erase("run_id");
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].versions[0].run_id") != std::string::npos);
  j = good;
  j["models"][0]["aliases"]["champion"] = 9;
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].aliases.champion") != std::string::npos);
  j = good;
  j["models"][0]["name"] = "bad name";
  CHECK(load(j, &message) == "registry.corrupt");
  CHECK(message.find("models[0].name") != std::string::npos);
  CHECK(load(nlohmann::json::array(), &message) == "registry.corrupt");
  j = good;
  j["models"][0]["versions"][1]["run_id"] = 5;
  ModelRegistry target = reg;
  CHECK(code_of([&] { from_json(j, target); }) == "registry.corrupt");
  CHECK(target == reg);
}

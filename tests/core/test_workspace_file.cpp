// The exported workspace file: written then read gives the same workspace and artifacts; cut,
// foreign and newer files are refused with their codes; the artifacts a file lacks are named;
// command log files replay.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/ops/workspace_file.hpp"
#include "error_checks.hpp"
#include "workspace_fixture.hpp"

using mlcore::ops::read_workspace_file;
using mlcore::ops::Workspace;
using mlcore::ops::WorkspaceFile;
using mlcore::ops::write_workspace_file;
using mlplay_test::code_of;
using nlohmann::json;

TEST_CASE("A workspace file written then read gives an equal workspace and blob store", "[workspace_file]") {
  const WorkspaceFile f = mlplay_test::session_file();
  REQUIRE(f.workspace.log.size() == 8);
  REQUIRE(f.blobs.blobs().size() == 3);  // one table, two model files
  const WorkspaceFile back = read_workspace_file(write_workspace_file(f));
  CHECK(back.workspace == f.workspace);
  CHECK(back.blobs == f.blobs);
  CHECK(mlcore::ops::missing_artifacts(back).empty());
}

TEST_CASE("A workspace file cut at half its length is workspace.corrupt saying it ends early", "[workspace_file]") {
  const std::string text = write_workspace_file(mlplay_test::session_file());
  std::string message;
  CHECK(code_of([&] { (void)read_workspace_file(text.substr(0, text.size() / 2)); }, &message) == "workspace.corrupt");
  CHECK(message.find("ends early") != std::string::npos);
  // Damage in the middle is told apart from a cut.
  std::string garbled = text;
  garbled[text.size() / 2] = '#';
  CHECK(code_of([&] { (void)read_workspace_file(garbled); }, &message) == "workspace.corrupt");
  CHECK(message.find("ends early") == std::string::npos);
}

TEST_CASE("A foreign JSON document is workspace.foreign and a schema_version 99 is workspace.schema_newer",
          "[workspace_file]") {
  CHECK(code_of([] { (void)read_workspace_file(R"({"format":"other"})"); }) == "workspace.foreign");
  CHECK(code_of([] { (void)read_workspace_file("[1, 2, 3]"); }) == "workspace.foreign");
  json j = mlcore::ops::workspace_file_json(mlplay_test::session_file());
  j["schema_version"] = 99;
  std::string message;
  CHECK(code_of([&] { (void)read_workspace_file(j.dump()); }, &message) == "workspace.schema_newer");
  CHECK(message.find("99") != std::string::npos);
}

TEST_CASE("A tampered artifact in a workspace file is blob.corrupt", "[workspace_file]") {
  const WorkspaceFile f = mlplay_test::session_file();
  json j = mlcore::ops::workspace_file_json(f);
  const std::string key = f.blobs.blobs().begin()->first;
  j["blobs"][key]["text"] = j["blobs"][key]["text"].get<std::string>() + "x";
  CHECK(code_of([&] { (void)read_workspace_file(j.dump()); }) == "blob.corrupt");
}

TEST_CASE("A workspace file without blobs reads with none and names the artifacts it lacks", "[workspace_file]") {
  WorkspaceFile f = mlplay_test::session_file();
  f.blobs.clear();
  const WorkspaceFile back = read_workspace_file(json(f.workspace).dump());
  CHECK(back.workspace == f.workspace);
  CHECK(back.blobs.blobs().empty());
  CHECK(mlcore::ops::missing_artifacts(back) ==
        std::vector<std::string>{"IRIS:1 (dataset)", "IRIS:1 (model file)", "IRIS:2 (model file)"});
}

TEST_CASE("replay_file rebuilds a workspace from its log, a list, or logged then bare commands", "[workspace_file]") {
  const Workspace ws = mlplay_test::session_file().workspace;
  const json exported = ws;
  CHECK(mlcore::ops::replay_file(exported) == ws);
  CHECK(mlcore::ops::replay_file(exported["log"]) == ws);

  // The first five logged, the rest bare: the bare ones follow at 60 s steps by the given actor.
  const auto steps = mlplay_test::session_steps();
  json mixed = json::array();
  for (std::size_t i = 0; i < 5; ++i) mixed.push_back(exported["log"][i]);
  for (std::size_t i = 5; i < steps.size(); ++i) mixed.push_back(steps[i].command);
  const Workspace rebuilt = mlcore::ops::replay_file(mixed, "Approver");
  CHECK(rebuilt.log.size() == 8);
  CHECK(rebuilt.log[5].time == ws.log[4].time + 60);
  CHECK(rebuilt.log[7].actor == "Approver");
  CHECK(rebuilt.models.version("IRIS", 1).stage == mlcore::ops::Stage::Archived);

  json after_bare = mixed;
  after_bare.push_back(exported["log"][0]);
  CHECK(code_of([&] { (void)mlcore::ops::replay_file(after_bare); }) == "workspace.corrupt");
  CHECK(code_of([] { (void)mlcore::ops::replay_file(json{{"format", "mlplay.commands"}}); }) == "workspace.corrupt");
}

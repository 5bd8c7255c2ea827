// mlplay models transition, rollback and alias: one logged command applied to the workspace
// file, written back atomically with its artifacts; a refused change leaves the file as it was.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/ops/workspace_file.hpp"
#include "workspace_fixture.hpp"

using mlcore::ops::Stage;
using mlcore::ops::WorkspaceFile;
using mlplay_test::mlplay;
using mlplay_test::Run;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The session after `steps` steps; 6 leaves IRIS:1 in Production and IRIS:2 in None.
std::string session_path(const std::string& name, std::size_t steps) {
  return mlplay_test::write_temp(name, mlcore::ops::write_workspace_file(mlplay_test::session_file(steps)));
}

WorkspaceFile read_back(const std::string& path) {
  std::string bytes = mlplay_test::read_bytes(path);
  return mlcore::ops::read_workspace_file(bytes);
}

}  // namespace

TEST_CASE("models transition IRIS 2 Production --archive-existing archives IRIS:1 and rewrites the file", "[cli_workspace]") {
  const std::string ws = session_path("promote.json", 6);
  const std::string before = mlplay_test::read_bytes(ws);
  Run r = mlplay("models transition " + ws + " IRIS 2 Production --archive-existing --comment 'better accuracy'");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "IRIS:2: None -> Production"));
  CHECK(has(r.out, "IRIS:1: Production -> Archived"));
  CHECK(mlplay_test::read_bytes(ws) != before);

  const WorkspaceFile after = read_back(ws);
  const auto& models = after.workspace.models;
  CHECK(models.version("IRIS", 1).stage == Stage::Archived);
  CHECK(models.version("IRIS", 2).stage == Stage::Production);
  const auto& moved = models.version("IRIS", 2).history.back();
  CHECK(moved.by == "ML Engineer");
  CHECK(moved.comment == "better accuracy");
  CHECK(models.version("IRIS", 1).history.back().comment == "archived on promotion of IRIS:2");
  REQUIRE(after.workspace.log.size() == 7);
  CHECK(after.workspace.log.back().command["type"] == "model.transition");
  CHECK(after.workspace.log.back().command["archive_existing"] == true);
  CHECK(after.blobs == mlplay_test::session_blobs());  // the artifacts are kept
}

TEST_CASE("models transition without --archive-existing leaves two versions in Production", "[cli_workspace]") {
  const std::string ws = session_path("promote_both.json", 6);
  Run r = mlplay("models transition " + ws + " IRIS 2 production --as Approver");
  REQUIRE(r.status == 0);
  CHECK_FALSE(has(r.out, "Archived"));
  const WorkspaceFile after = read_back(ws);
  CHECK(after.workspace.models.version("IRIS", 1).stage == Stage::Production);
  CHECK(after.workspace.models.version("IRIS", 2).stage == Stage::Production);
  CHECK(after.workspace.log.back().actor == "Approver");
}

TEST_CASE("A refused transition exits 1 with the registry's code and leaves the file unchanged", "[cli_workspace]") {
  const std::string ws = session_path("refused.json", 6);
  const std::string before = mlplay_test::read_bytes(ws);
  Run stage = mlplay("models transition " + ws + " IRIS 2 Sideways", true);
  CHECK(stage.status == 1);
  CHECK(has(stage.out, "registry.bad_stage"));
  Run version = mlplay("models transition " + ws + " IRIS 9 Staging", true);
  CHECK(version.status == 1);
  CHECK(has(version.out, "registry.unknown_version"));
  Run model = mlplay("models transition " + ws + " WINE 1 Staging", true);
  CHECK(model.status == 1);
  CHECK(has(model.out, "registry.unknown_model"));
  Run same = mlplay("models transition " + ws + " IRIS 1 Production", true);  // already there
  CHECK(same.status == 1);
  CHECK(has(same.out, "registry.bad_stage"));
  CHECK(mlplay("models transition " + ws + " IRIS two Staging").status == 2);
  CHECK(mlplay("models transition " + ws + " IRIS 2").status == 2);
  CHECK(mlplay_test::read_bytes(ws) == before);
  // Nor is a temporary file left behind.
  CHECK(mlplay_test::read_bytes(ws + ".tmp").empty());
}

TEST_CASE("models transition --out writes a new file and leaves the input as it was", "[cli_workspace]") {
  const std::string ws = session_path("out_in.json", 6);
  const std::string out = mlplay_test::temp_path("out_new.json");
  std::remove(out.c_str());
  const std::string before = mlplay_test::read_bytes(ws);
  REQUIRE(mlplay("models transition " + ws + " IRIS 2 Staging --out " + out).status == 0);
  CHECK(mlplay_test::read_bytes(ws) == before);
  CHECK(read_back(out).workspace.models.version("IRIS", 2).stage == Stage::Staging);
  // A folder that does not exist: the write fails, exit 1, and the input is untouched.
  Run bad = mlplay("models transition " + ws + " IRIS 2 Staging --out /no/such/dir/ws.json", true);
  CHECK(bad.status == 1);
  CHECK(has(bad.out, "io.write_failed"));
  CHECK(mlplay_test::read_bytes(ws) == before);
}

TEST_CASE("A gzip workspace stays gzip when changed in place", "[cli_workspace]") {
  const std::string text = mlcore::ops::write_workspace_file(mlplay_test::session_file(6));
  const std::string ws = mlplay_test::write_temp("inplace.mlplay.json", mlplay_test::gzip_bytes(text));
  REQUIRE(mlplay("models transition " + ws + " IRIS 2 Staging").status == 0);
  const std::string bytes = mlplay_test::read_bytes(ws);
  REQUIRE(bytes.size() > 2);
  CHECK(static_cast<unsigned char>(bytes[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(bytes[1]) == 0x8b);
  Run j = mlplay("models show " + ws + " IRIS:2 --json");
  REQUIRE(j.status == 0);
  CHECK(nlohmann::json::parse(j.out)["stage"] == "Staging");
}

TEST_CASE("models rollback brings IRIS:1 back to Production and archives IRIS:2", "[cli_workspace]") {
  const std::string ws = session_path("rollback.json", 8);
  Run r = mlplay("models rollback " + ws + " IRIS --comment 'bad predictions'");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "IRIS:1: Archived -> Production"));
  CHECK(has(r.out, "IRIS:2: Production -> Archived"));
  const WorkspaceFile after = read_back(ws);
  CHECK(after.workspace.models.version("IRIS", 1).stage == Stage::Production);
  CHECK(after.workspace.models.version("IRIS", 2).stage == Stage::Archived);
  CHECK(after.workspace.log.back().command["type"] == "model.rollback");

  const std::string none = session_path("rollback_none.json", 5);  // nothing in Production yet
  const std::string before = mlplay_test::read_bytes(none);
  Run refused = mlplay("models rollback " + none + " IRIS", true);
  CHECK(refused.status == 1);
  CHECK(has(refused.out, "registry.no_production"));
  CHECK(mlplay_test::read_bytes(none) == before);
}

TEST_CASE("models alias sets, moves and deletes an alias, and an unknown one is refused", "[cli_workspace]") {
  const std::string ws = session_path("alias.json", 8);
  Run set = mlplay("models alias " + ws + " IRIS challenger 1");
  REQUIRE(set.status == 0);
  CHECK(has(set.out, "IRIS@challenger -> IRIS:1"));
  Run move = mlplay("models alias " + ws + " IRIS champion 1 --as Approver");
  REQUIRE(move.status == 0);
  CHECK(has(move.out, "(was IRIS:2)"));
  WorkspaceFile after = read_back(ws);
  CHECK(after.workspace.models.model("IRIS").aliases == std::map<std::string, int>{{"challenger", 1}, {"champion", 1}});
  CHECK(after.workspace.log.back().actor == "Approver");

  Run del = mlplay("models alias " + ws + " IRIS challenger --delete");
  REQUIRE(del.status == 0);
  after = read_back(ws);
  CHECK(after.workspace.models.model("IRIS").aliases == std::map<std::string, int>{{"champion", 1}});
  CHECK(after.workspace.models.model("IRIS").alias_history.size() == 4);  // set, set, move, delete

  const std::string before = mlplay_test::read_bytes(ws);
  Run unknown = mlplay("models alias " + ws + " IRIS nobody --delete", true);
  CHECK(unknown.status == 1);
  CHECK(has(unknown.out, "registry.unknown_alias"));
  Run bad = mlplay("models alias " + ws + " IRIS latest 1", true);  // reserved: reads as a version
  CHECK(bad.status == 1);
  CHECK(has(bad.out, "registry.bad_alias"));
  CHECK(mlplay("models alias " + ws + " IRIS champion").status == 2);
  CHECK(mlplay_test::read_bytes(ws) == before);
}

// mlplay export and mlplay replay: a workspace written as its command log and rebuilt from it is
// the same workspace, from a plain or a gzip-compressed export; bare command lists replay too;
// a log that does not apply, a cut one or a foreign one is refused and nothing is written.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/ops/workspace_file.hpp"
#include "workspace_fixture.hpp"

using mlcore::ops::Workspace;
using mlcore::ops::WorkspaceFile;
using mlplay_test::mlplay;
using mlplay_test::Run;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Workspace read_workspace(const std::string& path) {
  return mlcore::ops::read_workspace_file(mlplay_test::read_bytes(path)).workspace;
}

// export --commands then replay, from the given workspace file; the rebuilt workspace.
Workspace export_and_replay(const std::string& ws, const std::string& tag) {
  const std::string commands = mlplay_test::temp_path(tag + "_commands.json");
  const std::string rebuilt = mlplay_test::temp_path(tag + "_rebuilt.json");
  std::remove(rebuilt.c_str());
  Run e = mlplay("export " + ws + " --commands " + commands);
  REQUIRE(e.status == 0);
  const json log = json::parse(mlplay_test::read_bytes(commands));
  CHECK(log["format"] == "mlplay.commands");
  CHECK(log["log"].size() == 8);
  Run r = mlplay("replay " + commands + " --out " + rebuilt);
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "Replayed 8 commands"));
  return read_workspace(rebuilt);
}

}  // namespace

TEST_CASE("A workspace exported as commands and replayed by mlplay equals the exported one, plain and gzip",
          "[cli_workspace]") {
  // Built through the commands: dataset version, two recorded runs with different params,
  // IRIS:1 and IRIS:2 with tags and descriptions, IRIS:2 to Production with archive_existing,
  // the champion alias.
  const WorkspaceFile file = mlplay_test::session_file();
  const Workspace& original = file.workspace;
  REQUIRE(original.tracking.run("run-1").params != original.tracking.run("run-2").params);
  REQUIRE(original.models.version("IRIS", 1).stage == mlcore::ops::Stage::Archived);
  REQUIRE(original.models.version("IRIS", 2).description == "logistic regression, C=0.5");
  REQUIRE(original.models.model("IRIS").aliases.at("champion") == 2);

  const std::string text = mlcore::ops::write_workspace_file(file);
  const std::string plain = mlplay_test::write_temp("mustshow.mlplay.json", text);
  CHECK(export_and_replay(plain, "mustshow_plain") == original);

  const std::string gz = mlplay_test::write_temp("mustshow_gz.mlplay.json", mlplay_test::gzip_bytes(text));
  CHECK(export_and_replay(gz, "mustshow_gz") == original);
}

TEST_CASE("mlplay export --out writes the whole file uncompressed, artifacts included", "[cli_workspace]") {
  const WorkspaceFile file = mlplay_test::session_file();
  const std::string text = mlcore::ops::write_workspace_file(file);
  const std::string gz = mlplay_test::write_temp("export_out.mlplay.json", mlplay_test::gzip_bytes(text));
  const std::string out = mlplay_test::temp_path("export_out_copy.json");
  REQUIRE(mlplay("export " + gz + " --out " + out).status == 0);
  const std::string bytes = mlplay_test::read_bytes(out);
  REQUIRE(!bytes.empty());
  CHECK(bytes[0] == '{');
  const WorkspaceFile back = mlcore::ops::read_workspace_file(bytes);
  CHECK(back.workspace == file.workspace);
  CHECK(back.blobs == file.blobs);
  CHECK(mlplay("export " + gz).status == 2);  // nothing to write
}

TEST_CASE("mlplay replay reads an exported workspace directly and a list of bare commands", "[cli_workspace]") {
  const WorkspaceFile file = mlplay_test::session_file();
  const std::string ws = mlplay_test::write_temp("replay_ws.json", mlcore::ops::write_workspace_file(file));
  const std::string out = mlplay_test::temp_path("replay_ws_out.json");
  REQUIRE(mlplay("replay " + ws + " --out " + out).status == 0);
  CHECK(read_workspace(out) == file.workspace);

  // The same commands without their log entries, applied by one role 60 s apart.
  json bare = json::array();
  Workspace expected;
  for (const auto& s : mlplay_test::session_steps()) {
    json c = s.command;
    c.erase("duration");
    bare.push_back(c);
    mlcore::ops::apply(expected, c, "Approver");
  }
  const std::string list = mlplay_test::write_temp("replay_bare.json", bare.dump());
  const std::string list_out = mlplay_test::temp_path("replay_bare_out.json");
  REQUIRE(mlplay("replay " + list + " --out " + list_out + " --as Approver").status == 0);
  const Workspace rebuilt = read_workspace(list_out);
  CHECK(rebuilt == expected);
  CHECK(rebuilt.clock == 8 * 60);
  CHECK(rebuilt.log.front().actor == "Approver");
}

TEST_CASE("mlplay replay refuses a command that does not apply, naming it, and writes nothing", "[cli_workspace]") {
  const json commands = json::array({
      {{"type", "experiment.create"}, {"name", "IRISExperiment"}},
      {{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-7"}},
  });
  const std::string path = mlplay_test::write_temp("replay_fail.json", commands.dump());
  const std::string out = mlplay_test::temp_path("replay_fail_out.json");
  std::remove(out.c_str());
  Run r = mlplay("replay " + path + " --out " + out, true);
  CHECK(r.status == 1);
  CHECK(r.out.rfind(path + ": Command 2 (log[1])", 0) == 0);
  CHECK(has(r.out, "tracking.unknown_run"));
  CHECK(mlplay_test::read_bytes(out).empty());
}

TEST_CASE("mlplay replay refuses a cut, foreign or newer log file and needs --out", "[cli_workspace]") {
  const std::string out = mlplay_test::temp_path("replay_bad_out.json");
  const std::string cut = mlplay_test::write_temp("replay_cut.json", "[{\"type\": \"experiment.create\",\n \"na");
  Run a = mlplay("replay " + cut + " --out " + out, true);
  CHECK(a.status == 1);
  CHECK(a.out.rfind(cut + ":2:", 0) == 0);  // FILE:LINE:COL
  CHECK(has(a.out, "ends early"));
  CHECK(has(a.out, "[workspace.corrupt]"));

  const std::string foreign = mlplay_test::write_temp("replay_foreign.json", R"({"format":"other","log":[]})");
  Run b = mlplay("replay " + foreign + " --out " + out, true);
  CHECK(b.status == 1);
  CHECK(has(b.out, "[workspace.foreign]"));

  const std::string newer =
      mlplay_test::write_temp("replay_newer.json", R"({"format":"mlplay.commands","schema_version":99,"log":[]})");
  Run c = mlplay("replay " + newer + " --out " + out, true);
  CHECK(c.status == 1);
  CHECK(has(c.out, "[workspace.schema_newer]"));

  const std::string neither = mlplay_test::write_temp("replay_neither.json", "42");
  CHECK(mlplay("replay " + neither + " --out " + out).status == 1);
  CHECK(mlplay("replay " + neither).status == 2);
  CHECK(mlplay("replay").status == 2);
}

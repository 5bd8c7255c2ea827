// `mlplay replay` and `mlplay export`: a workspace as its command log and back. export writes
// the log of a workspace file ({"format": "mlplay.commands", "schema_version", "log": [...]}) and
// a normalised uncompressed copy of the file; replay rebuilds a workspace from such a log, from
// a list of bare commands a script wrote, or from an exported workspace.
#include <iostream>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/ops/workspace_file.hpp"
#include "gzip.hpp"
#include "workspace_io.hpp"

namespace mlplay {
namespace {

using nlohmann::json;
namespace ops = mlcore::ops;

constexpr const char* kCommandsFormat = "mlplay.commands";

const char* kReplayUsage =
    "Usage: mlplay replay COMMANDS.json --out WORKSPACE.json [--as ROLE]\n\n"
    "Rebuilds a workspace by applying commands in order and writes it (registries and log, no\n"
    "artifacts) as a workspace file the page can import. COMMANDS.json (plain or gzip) is\n"
    "  - a list of logged commands {\"seq\", \"time\", \"actor\", \"command\"} (applied at their own\n"
    "    time by their own actor) and/or bare commands {\"type\", ...} (applied after them, 60\n"
    "    simulated seconds apart unless they give a \"duration\"), or\n"
    "  - an object with such a \"log\" list: the file `mlplay export --commands` writes, or an\n"
    "    exported workspace.\n"
    "The command types: dataset.register_version, experiment.create, run.start, run.record,\n"
    "run.log_param, run.log_metric, run.set_tag, run.set_note, run.add_artifact, run.finish,\n"
    "model.register, model.transition, model.rollback, model.set_alias, model.delete_alias.\n\n"
    "  --out FILE           where to write the workspace (gzip if it ends in .gz); required\n"
    "  --as ROLE            who applies the bare commands (default \"ML Engineer\")\n\n"
    "A command that does not apply prints FILE: Command N (log[i]): reason [code] and exits 1;\n"
    "nothing is written then.\n";

const char* kExportUsage =
    "Usage: mlplay export WORKSPACE [--commands OUT.json] [--out OUT.mlplay.json]\n\n"
    "Writes what a workspace file (plain or gzip) holds:\n"
    "  --commands FILE      its command log as {\"format\": \"mlplay.commands\", \"schema_version\",\n"
    "                       \"log\": [{\"seq\", \"time\", \"actor\", \"command\"}]}, which\n"
    "                       `mlplay replay` turns back into the same workspace\n"
    "  --out FILE           the whole workspace file, artifacts included, uncompressed and\n"
    "                       normalised\n"
    "At least one of them is required. A damaged file prints FILE: message [code] and exits 1.\n";

// A log file from another program or a newer build is refused before anything is applied.
void check_log_file(const json& j) {
  if (!j.is_object()) return;
  if (j.contains("format") && j["format"] != kCommandsFormat && j["format"] != ops::kWorkspaceFormat)
    throw mlcore::Error("workspace.foreign", "This is not a command log: it says its format is " +
                                                 mlcore::excerpt_of(j["format"].dump()) + " where \"" + kCommandsFormat +
                                                 "\" or an exported workspace was expected.");
  if (j.contains("schema_version") && j["schema_version"].is_number_integer() &&
      j["schema_version"].get<std::int64_t>() > ops::kWorkspaceSchemaVersion)
    throw mlcore::Error("workspace.schema_newer",
                        "This command log was written by a newer MLOps Playground (schema version " +
                            j["schema_version"].dump() + "); this build reads schema version " +
                            std::to_string(ops::kWorkspaceSchemaVersion) + " and older.");
}

int run_replay(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--out", "--as"}, {});
  expect_positional(args, {"the command log file"});
  if (!args.has("--out")) throw UsageError("--out WORKSPACE.json is required: where to write the workspace.");
  const std::string& path = args.positional[0];
  const json log = load_json(path);
  ops::Workspace ws;
  try {
    check_log_file(log);
    ws = ops::replay_file(log, args.value_or("--as", "ML Engineer"));
  } catch (const mlcore::Error& e) {
    throw InputError(path, e);
  }
  const std::string out = args.value_or("--out", "");
  const std::string text = json(ws).dump();
  write_file_atomic(out, wants_gzip(out) ? gzip(text) : text);
  std::size_t versions = 0;
  for (const auto& m : ws.models.models()) versions += m.second.versions.size();
  std::cout << "Replayed " << ws.log.size() << " commands: " << ws.tracking.runs().size() << " runs, " << versions
            << " model versions, " << ws.datasets.datasets().size() << " datasets. Wrote " << out << ".\n";
  return kExitOk;
}

int run_export(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--commands", "--out"}, {});
  expect_positional(args, {"the workspace file"});
  if (!args.has("--commands") && !args.has("--out"))
    throw UsageError("say what to write: --commands OUT.json, --out OUT.mlplay.json or both.");
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  for (const std::string& m : ops::missing_artifacts(ws.file))
    std::cerr << "mlplay export: warning: " << ws.path << " lacks the artifact of " << m << "\n";
  if (args.has("--commands")) {
    const json log = {{"format", kCommandsFormat}, {"schema_version", ws.file.workspace.schema_version},
                      {"log", ws.file.workspace.log}};
    write_file_atomic(args.value_or("--commands", ""), log.dump(1) + "\n");
    std::cout << "Wrote " << ws.file.workspace.log.size() << " commands to " << args.value_or("--commands", "") << ".\n";
  }
  if (args.has("--out")) {
    write_file_atomic(args.value_or("--out", ""), ops::write_workspace_file(ws.file));
    std::cout << "Wrote the workspace (" << ws.file.blobs.blobs().size() << " artifacts) to "
              << args.value_or("--out", "") << ".\n";
  }
  return kExitOk;
}

}  // namespace

void register_replay_sub_commands() {
  sub_commands()["replay"] = SubCommand{"Rebuild a workspace file from a command log.", kReplayUsage, run_replay};
  sub_commands()["export"] = SubCommand{"Write a workspace file's command log, or a normalised copy of it.",
                                        kExportUsage, run_export};
}

}  // namespace mlplay

// `mlplay models ...`: the model registry of a workspace file. list and show read it (in
// models_view.cpp); transition, rollback and alias apply one logged command, as the page's
// Registry view does, and write the workspace back atomically with its artifacts.
#include <iostream>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/ops/workspace.hpp"
#include "models_view.hpp"
#include "workspace_io.hpp"

namespace mlplay {
namespace {

using mlcore::ops::RegisteredModel;
using nlohmann::json;

const char* kDefaultActor = "ML Engineer";

const char* kModelsUsage =
    "Usage: mlplay models list WORKSPACE [--json]\n"
    "       mlplay models show WORKSPACE NAME[:VERSION|@ALIAS] [--json]\n"
    "       mlplay models transition WORKSPACE NAME VERSION STAGE [--comment C] [--archive-existing]\n"
    "                                [--as ROLE] [--out FILE]\n"
    "       mlplay models rollback WORKSPACE NAME [--comment C] [--as ROLE] [--out FILE]\n"
    "       mlplay models alias WORKSPACE NAME ALIAS VERSION [--as ROLE] [--out FILE]\n"
    "       mlplay models alias WORKSPACE NAME ALIAS --delete [--as ROLE] [--out FILE]\n\n"
    "The model registry of a workspace file (the .mlplay.json the page exports, plain or gzip).\n\n"
    "list        every model version with its stage, aliases, run and dataset version\n"
    "show        one version (IRIS:2, IRIS@champion, IRIS:latest) or all versions of a model (IRIS):\n"
    "            tags, description, run, dataset, stage history, alias history and lineage\n"
    "transition  moves a version to a stage: None, Staging, Production or Archived\n"
    "  --comment C          why (kept in the stage history)\n"
    "  --archive-existing   with Staging or Production: the versions already in that stage go to\n"
    "                       Archived first\n"
    "rollback    the Production version goes to Archived and the one in Production before it\n"
    "            comes back\n"
    "alias       points ALIAS (e.g. champion) at VERSION, or with --delete removes it\n\n"
    "Options of the commands that change the registry:\n"
    "  --as ROLE            who acts, as recorded in the log (default \"ML Engineer\")\n"
    "  --out FILE           write the changed workspace to FILE (gzip if it ends in .gz) instead of\n"
    "                       back in place (a gzip file stays gzip); the file is replaced atomically\n"
    "  --json               (list, show) print JSON\n\n"
    "The change is one logged command of the workspace, so the page can undo it. A change the\n"
    "registry refuses (an unknown model, version or stage; a rollback with nothing to roll back\n"
    "to) prints the reason, exits 1 and leaves the file as it was; a damaged file prints\n"
    "FILE: message [code] and exits 1.\n";

int parse_version(const std::string& text) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size()) return v;  // the registry names the versions that exist
  } catch (const std::exception&) {
  }
  throw UsageError("VERSION is a version number (1, 2, ...), got '" + text + "'.");
}

// Applies the command as the actor, writes the workspace where --out says and reports the seq.
std::uint64_t apply_and_save(LoadedWorkspace& ws, const json& command, const ArgList& args) {
  mlcore::ops::apply(ws.file.workspace, command, args.value_or("--as", kDefaultActor));
  const std::string out = args.value_or("--out", ws.path);
  save_workspace(out, ws.file, args.has("--out") ? wants_gzip(out) : ws.gzipped);
  return ws.file.workspace.log.size();
}

// One line per version whose stage the command changed, the moved version first.
void print_stage_changes(const RegisteredModel& before, const RegisteredModel& after, int moved) {
  auto line = [&](std::size_t i) {
    const auto& v = after.versions[i];
    std::cout << after.name << ":" << v.number << ": " << mlcore::ops::stage_name(before.versions[i].stage) << " -> "
              << mlcore::ops::stage_name(v.stage);
    const auto& t = v.history.back();
    std::cout << " (by " << t.by << (t.comment.empty() ? "" : ": " + t.comment) << ")\n";
  };
  for (std::size_t i = 0; i < after.versions.size(); ++i)
    if (after.versions[i].number == moved) line(i);
  for (std::size_t i = 0; i < before.versions.size(); ++i)
    if (after.versions[i].number != moved && before.versions[i].stage != after.versions[i].stage) line(i);
}

void print_written(const LoadedWorkspace& ws, const ArgList& args, std::uint64_t seq) {
  std::cout << "Wrote " << args.value_or("--out", ws.path) << " (command " << seq << " of the log).\n";
}

int run_transition(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--comment", "--as", "--out"}, {"--archive-existing"});
  expect_positional(args, {"the workspace file", "the model name", "the version number", "the stage"});
  const std::string& name = args.positional[1];
  const int version = parse_version(args.positional[2]);
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  json command = {{"type", "model.transition"}, {"name", name}, {"version", version}, {"stage", args.positional[3]}};
  if (args.has("--comment")) command["comment"] = args.value_or("--comment", "");
  if (args.has("--archive-existing")) command["archive_existing"] = true;
  const RegisteredModel before = ws.file.workspace.models.model(name);  // registry.unknown_model
  const std::uint64_t seq = apply_and_save(ws, command, args);
  print_stage_changes(before, ws.file.workspace.models.model(name), version);
  print_written(ws, args, seq);
  return kExitOk;
}

int run_rollback(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--comment", "--as", "--out"}, {});
  expect_positional(args, {"the workspace file", "the model name"});
  const std::string& name = args.positional[1];
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  json command = {{"type", "model.rollback"}, {"name", name}};
  if (args.has("--comment")) command["comment"] = args.value_or("--comment", "");
  const RegisteredModel before = ws.file.workspace.models.model(name);
  const std::uint64_t seq = apply_and_save(ws, command, args);
  const RegisteredModel& after = ws.file.workspace.models.model(name);
  int restored = 0;  // the version rollback brought back to Production
  for (std::size_t i = 0; i < after.versions.size(); ++i)
    if (after.versions[i].stage == mlcore::ops::Stage::Production && before.versions[i].stage != after.versions[i].stage)
      restored = after.versions[i].number;
  print_stage_changes(before, after, restored);
  print_written(ws, args, seq);
  return kExitOk;
}

int run_alias(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--as", "--out"}, {"--delete"});
  const bool del = args.has("--delete");
  if (del)
    expect_positional(args, {"the workspace file", "the model name", "the alias"});
  else
    expect_positional(args, {"the workspace file", "the model name", "the alias", "the version number (or --delete)"});
  const std::string& name = args.positional[1];
  const std::string& alias = args.positional[2];
  const int version = del ? 0 : parse_version(args.positional[3]);
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  json command = {{"type", del ? "model.delete_alias" : "model.set_alias"}, {"name", name}, {"alias", alias}};
  if (!del) command["version"] = version;
  const RegisteredModel before = ws.file.workspace.models.model(name);
  const std::uint64_t seq = apply_and_save(ws, command, args);
  auto was = before.aliases.find(alias);
  const std::string previous = was == before.aliases.end() ? "" : " (was " + name + ":" + std::to_string(was->second) + ")";
  if (del)
    std::cout << "Deleted " << name << "@" << alias << previous << ".\n";
  else
    std::cout << name << "@" << alias << " -> " << name << ":" << version << previous << "\n";
  print_written(ws, args, seq);
  return kExitOk;
}

int run_models(const std::vector<std::string>& a) {
  if (a.empty()) throw UsageError("name an action: list, show, transition, rollback or alias.");
  std::vector<std::string> rest(a.begin() + 1, a.end());
  if (a[0] == "list") return run_models_list(rest);
  if (a[0] == "show") return run_models_show(rest);
  if (a[0] == "transition") return run_transition(rest);
  if (a[0] == "rollback") return run_rollback(rest);
  if (a[0] == "alias") return run_alias(rest);
  throw UsageError("unknown action '" + a[0] + "'; the actions are list, show, transition, rollback and alias.");
}

}  // namespace

void register_models_sub_commands() {
  sub_commands()["models"] = SubCommand{
      "List, show, promote, roll back and alias the model versions of a workspace file.", kModelsUsage, run_models};
}

}  // namespace mlplay

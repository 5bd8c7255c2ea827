// Commands over the workspace: apply a logged command, undo and redo, the role acting, the
// state for the page's views, runs (search, compare), lineage, and export/import of the file.
#include <algorithm>

#include "../data/schema.hpp"
#include "../data/table_hash.hpp"
#include "../error.hpp"
#include "../ops/workspace_file.hpp"
#include "registry.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

Json history_flags(WorkspaceState& w) {
  return {{"can_undo", w.history.can_undo()}, {"can_redo", w.history.can_redo()},
          {"commands", w.history.current().log.size()}};
}

Json counts(const ops::Workspace& ws) {
  std::size_t versions = 0, model_versions = 0;
  for (const auto& e : ws.datasets.datasets()) versions += e.second.versions.size();
  for (const auto& e : ws.models.models()) model_versions += e.second.versions.size();
  return {{"datasets", ws.datasets.datasets().size()}, {"dataset_versions", versions},
          {"experiments", ws.tracking.experiments().size()}, {"runs", ws.tracking.runs().size()},
          {"models", ws.models.models().size()}, {"model_versions", model_versions},
          {"commands", ws.log.size()}};
}

std::string text_arg(const Json& args, const char* field) {
  const Json& v = require_field(args, field);
  if (!v.is_string()) throw Error("api.bad_args", std::string("The field '") + field + "' should be text.");
  return v.get<std::string>();
}

}  // namespace

WorkspaceState& workspace_state(Session& s) { return s.state<WorkspaceState>(); }
const ops::Workspace& current_workspace(Session& s) { return workspace_state(s).history.current(); }

Json apply_command(Session& s, const Json& command) {
  auto& w = workspace_state(s);
  w.history.apply(command, w.actor);
  const ops::Workspace& ws = w.history.current();
  Json out = {{"seq", ws.log.back().seq}};
  const std::string type = command["type"].get<std::string>();
  if (type == "run.start" || type == "run.record") out["run"] = ws.tracking.runs().back().id;
  if (type == "model.register") {
    const std::string name = command["name"].get<std::string>();
    const int v = ws.models.model(name).latest().number;
    out["name"] = name;
    out["version"] = v;
    out["reference"] = name + ":" + std::to_string(v);
  }
  return out;
}

DatasetRegistration register_dataset(Session& s, const data::Table& table, const std::string& name,
                                     const std::string& source, const Json& extra, std::string hash) {
  ops::validate_dataset_name(name);
  if (hash.empty()) hash = data::content_hash(table);
  const ops::Workspace& ws = current_workspace(s);
  const ops::Dataset* existing = ws.datasets.find(name);
  const ops::DatasetVersion* same = existing ? existing->find_hash(hash) : nullptr;
  Json command = {{"type", "dataset.register_version"}, {"name", name}, {"hash", hash},
                  {"schema", data::schema_of(table)}, {"rows", table.rows()}};
  if (!source.empty()) command["source"] = source;
  bool annotates = false;
  if (extra.contains("description") && extra["description"].is_string()) {
    command["description"] = extra["description"];
    annotates = annotates || !existing || existing->description != extra["description"].get<std::string>();
  }
  if (extra.contains("tags") && extra["tags"].is_object() && !extra["tags"].empty()) {
    command["tags"] = extra["tags"];
    for (const auto& [k, v] : extra["tags"].items()) {
      auto t = existing ? existing->tags.find(k) : decltype(existing->tags.end()){};
      annotates = annotates || !existing || t == existing->tags.end() || !v.is_string() || t->second != v.get<std::string>();
    }
  }
  if (same && !annotates) return {name, same->number, hash, false};
  if (!same) command["profile"] = extra.value("profile", Json(nullptr));
  apply_command(s, command);
  workspace_state(s).blobs.put_table(table, hash);
  const ops::DatasetVersion* now = current_workspace(s).datasets.dataset(name).find_hash(hash);
  return {name, now->number, hash, same == nullptr};
}

std::string export_workspace(Session& s) {
  auto& w = workspace_state(s);
  ops::WorkspaceFile file{w.history.current(), {}};
  // Only what the registries point at: artifacts of undone commands stay behind.
  for (const auto& [key, blob] : w.blobs.blobs()) {
    bool used = false;
    for (const auto& e : file.workspace.datasets.datasets())
      for (const auto& v : e.second.versions) used = used || v.hash == key;
    for (const auto& r : file.workspace.tracking.runs())
      for (const auto& a : r.artifacts) used = used || (a.second.is_string() && a.second.get<std::string>() == key);
    for (const auto& e : file.workspace.models.models())
      for (const auto& v : e.second.versions) used = used || v.source == key;
    if (used) file.blobs.put(key, blob);
  }
  return ops::write_workspace_file(file);
}

Json import_workspace(Session& s, std::string_view text) {
  ops::WorkspaceFile file = ops::read_workspace_file(text);  // throws before anything changes
  Json out = counts(file.workspace);
  out["missing"] = ops::missing_artifacts(file);
  auto& w = workspace_state(s);
  w.history = ops::History(std::move(file.workspace));
  w.blobs = std::move(file.blobs);
  return out;
}

void register_workspace_commands(Session& s) {
  s.add_command("workspace.apply", "Apply a workspace command as the current role: {command: {type, ...}}.",
                [](Session& self, const Json& args) {
                  Json out = apply_command(self, require_field(args, "command"));
                  out.update(history_flags(workspace_state(self)));
                  return out;
                });
  s.add_command("workspace.commands", "The workspace command types.",
                [](Session&, const Json&) { return Json(ops::command_types()); });
  s.add_command("workspace.state",
                "The workspace (registries, and the command log unless {log: false}), undo/redo flags, role and artifact keys.",
                [](Session& self, const Json& args) {
                  auto& w = workspace_state(self);
                  Json ws = w.history.current();
                  if (!args.value("log", true)) ws.erase("log");
                  Json keys = Json::array();
                  for (const auto& e : w.blobs.blobs()) keys.push_back(e.first);
                  Json out = {{"workspace", ws}, {"actor", w.actor}, {"blobs", keys}, {"counts", counts(w.history.current())}};
                  out.update(history_flags(w));
                  return out;
                });
  s.add_command("workspace.undo", "Undo the last command. Returns {undone: command or null, can_undo, can_redo}.",
                [](Session& self, const Json&) {
                  auto& w = workspace_state(self);
                  Json last = w.history.can_undo() ? w.history.current().log.back().command : Json(nullptr);
                  Json out = {{"undone", w.history.undo() ? last : Json(nullptr)}};
                  out.update(history_flags(w));
                  return out;
                });
  s.add_command("workspace.redo", "Redo the last undone command. Returns {redone: bool, can_undo, can_redo}.",
                [](Session& self, const Json&) {
                  auto& w = workspace_state(self);
                  bool done = w.history.redo();
                  Json out = {{"redone", done ? w.history.current().log.back().command : Json(nullptr)}};
                  out.update(history_flags(w));
                  return out;
                });
  s.add_command("workspace.actor", "Set the role that acts from now on: {actor: \"Data Scientist\" | \"ML Engineer\" | \"Approver\" | ...}.",
                [](Session& self, const Json& args) {
                  std::string actor = text_arg(args, "actor");
                  if (actor.empty() || actor.size() > 60)
                    throw Error("api.bad_args", "A role is a name of 1 to 60 characters, such as Data Scientist.");
                  workspace_state(self).actor = actor;
                  return Json{{"actor", actor}};
                });
  s.add_command("workspace.new", "Start an empty workspace (the loaded tables stay).", [](Session& self, const Json&) {
    auto& w = workspace_state(self);
    w.history = ops::History();
    w.blobs.clear();
    return history_flags(w);
  });
  s.add_command("workspace.export", "The workspace file as JSON (registries, log and artifacts).",
                [](Session& self, const Json&) { return Json::parse(export_workspace(self)); });
  s.add_command("workspace.import", "Replace the workspace with an exported one: {text}. A damaged file changes nothing.",
                [](Session& self, const Json& args) { return import_workspace(self, text_arg(args, "text")); });
  s.add_command("workspace.blob", "An artifact's stored text: {key}. Returns {key, kind, text, schema?}.",
                [](Session& self, const Json& args) {
                  const std::string key = text_arg(args, "key");
                  const ops::Blob& b = workspace_state(self).blobs.get(key);
                  Json out = {{"key", key}, {"kind", ops::blob_kind_name(b.kind)}, {"text", b.text}};
                  if (b.kind == ops::BlobKind::dataset) out["schema"] = b.schema;
                  return out;
                });
  s.add_command("runs.list",
                "Runs in run order, or by a metric (largest first unless ascending): {experiment?, filter?, order_by?, ascending?}.",
                [](Session& self, const Json& args) {
                  const auto& t = current_workspace(self).tracking;
                  ops::RunOrder order;
                  order.metric = args.value("order_by", std::string());
                  order.descending = !args.value("ascending", false);
                  const std::string filter = args.value("filter", std::string());
                  const std::string experiment = args.contains("experiment") && args["experiment"].is_string()
                                                     ? args["experiment"].get<std::string>() : std::string();
                  const auto runs = t.search_runs(experiment, filter, order);
                  Json out = Json::array();
                  for (const ops::Run* r : runs) out.push_back(*r);
                  return Json{{"runs", out}};
                });
  s.add_command("runs.compare", "Params and metrics of runs side by side, with what differs: {runs: [ids]}.",
                [](Session& self, const Json& args) {
                  return current_workspace(self).tracking.compare_runs(require_field(args, "runs").get<std::vector<std::string>>());
                });
  s.add_command("lineage.model", "Dataset version -> run -> model version: {name, version}.",
                [](Session& self, const Json& args) {
                  return ops::lineage_of_model(current_workspace(self), text_arg(args, "name"),
                                               require_field(args, "version").get<int>());
                });
  s.add_command("lineage.dataset", "Runs and model versions built on a dataset version: {name, version}.",
                [](Session& self, const Json& args) {
                  return ops::lineage_of_dataset(current_workspace(self), text_arg(args, "name"),
                                                 require_field(args, "version").get<int>());
                });
  s.add_command("models.resolve", "A model version by reference: {reference: \"IRIS:2\" | \"IRIS@champion\" | \"IRIS\"}.",
                [](Session& self, const Json& args) {
                  const std::string ref = text_arg(args, "reference");
                  const auto& v = current_workspace(self).models.resolve(ref);
                  Json out = v;
                  out["name"] = ref.substr(0, ref.find_first_of(":@"));
                  return out;
                });
}

}  // namespace mlcore::api

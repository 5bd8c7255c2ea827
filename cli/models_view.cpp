// See models_view.hpp. A version is shown with its stage history, the alias moves that touched
// it and its lineage (run and dataset version), as text or JSON.
#include "models_view.hpp"

#include <iostream>
#include <optional>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/ops/workspace.hpp"
#include "text_table.hpp"
#include "workspace_io.hpp"
#include "ws_format.hpp"

namespace mlplay {
namespace {

using mlcore::ops::AliasChange;
using mlcore::ops::ModelVersion;
using mlcore::ops::RegisteredModel;
using mlcore::ops::Workspace;
using nlohmann::json;

std::vector<std::string> aliases_of(const RegisteredModel& m, int version) {
  std::vector<std::string> out;
  for (const auto& [alias, v] : m.aliases)
    if (v == version) out.push_back(alias);
  return out;
}

bool touches(const AliasChange& c, int version) {
  return (c.from_version && *c.from_version == version) || (c.to_version && *c.to_version == version);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string version_text(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

std::string alias_change_text(const AliasChange& c) {
  std::string what = !c.from_version ? "set to " + version_text(c.to_version)
                     : !c.to_version ? "deleted (was " + version_text(c.from_version) + ")"
                                     : "moved " + version_text(c.from_version) + " -> " + version_text(c.to_version);
  return format_time(c.time) + "  " + c.alias + ": " + what + " by " + c.by;
}

json version_json(const Workspace& ws, const RegisteredModel& m, const ModelVersion& v) {
  json j = v;
  j["model"] = m.name;
  j["reference"] = m.name + ":" + std::to_string(v.number);
  j["aliases"] = aliases_of(m, v.number);
  json moves = json::array();
  for (const AliasChange& c : m.alias_history)
    if (touches(c, v.number)) moves.push_back(c);
  j["alias_history"] = moves;
  j["lineage"] = mlcore::ops::lineage_of_model(ws, m.name, v.number);
  return j;
}

void print_version(const Workspace& ws, const RegisteredModel& m, const ModelVersion& v) {
  const json lineage = mlcore::ops::lineage_of_model(ws, m.name, v.number);
  std::cout << m.name << ":" << v.number << "  " << mlcore::ops::stage_name(v.stage);
  const auto aliases = aliases_of(m, v.number);
  if (!aliases.empty()) std::cout << "  aliases: " << joined(aliases);
  std::cout << "\n";
  const json& run = lineage["run"];
  std::cout << "  run:            " << value_text(run["id"]);
  if (run.contains("experiment"))
    std::cout << " (experiment " << value_text(run["experiment"]) << ", " << or_dash(value_text(run["family"])) << ", "
              << value_text(run["status"]) << ")";
  std::cout << "\n  dataset:        " << dataset_text(lineage["dataset"]);
  if (lineage["dataset"].is_object() && lineage["dataset"].contains("hash"))
    std::cout << " (hash " << value_text(lineage["dataset"]["hash"]) << ")";
  std::cout << "\n  source:         " << or_dash(v.source) << "\n"
            << "  created:        " << format_time(v.created) << " by " << or_dash(v.created_by) << "\n"
            << "  description:    " << or_dash(v.description) << "\n"
            << "  tags:           " << or_dash(joined_pairs(v.tags, [](const std::string& s) { return s; })) << "\n"
            << "  stage history:" << (v.history.empty() ? "  -" : "") << "\n";
  for (const auto& t : v.history) {
    std::cout << "    " << format_time(t.time) << "  " << mlcore::ops::stage_name(t.from) << " -> "
              << mlcore::ops::stage_name(t.to) << " by " << t.by;
    if (!t.comment.empty()) std::cout << ": " << t.comment;
    std::cout << "\n";
  }
  bool any = false;
  for (const AliasChange& c : m.alias_history)
    if (touches(c, v.number)) {
      if (!any) std::cout << "  alias history:\n";
      any = true;
      std::cout << "    " << alias_change_text(c) << "\n";
    }
}

}  // namespace

int run_models_list(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {}, {"--json"});
  expect_positional(args, {"the workspace file"});
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  const auto& models = ws.file.workspace.models.models();
  if (args.has("--json")) {
    json out = json::array();
    for (const auto& [name, m] : models) {
      json versions = json::array();
      for (const ModelVersion& v : m.versions)
        versions.push_back({{"version", v.number}, {"stage", mlcore::ops::stage_name(v.stage)}, {"run", v.run_id},
                            {"dataset", v.dataset}, {"aliases", aliases_of(m, v.number)}});
      out.push_back({{"name", name}, {"description", m.description}, {"tags", m.tags}, {"aliases", m.aliases},
                     {"versions", versions}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  if (models.empty()) {
    std::cout << "No registered models.\n";
    return kExitOk;
  }
  TextTable table({"model", "version", "stage", "aliases", "run", "dataset"});
  for (const auto& [name, m] : models)
    for (const ModelVersion& v : m.versions)
      table.add({name, std::to_string(v.number), mlcore::ops::stage_name(v.stage), or_dash(joined(aliases_of(m, v.number))),
                 or_dash(v.run_id), dataset_text(v.dataset)});
  std::cout << table.str();
  return kExitOk;
}

int run_models_show(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {}, {"--json"});
  expect_positional(args, {"the workspace file", "the model (NAME, NAME:VERSION or NAME@ALIAS)"});
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  const Workspace& w = ws.file.workspace;
  const std::string& ref = args.positional[1];
  const std::size_t cut = ref.find_first_of(":@");
  const RegisteredModel& m = w.models.model(ref.substr(0, cut));  // registry.unknown_model
  std::vector<const ModelVersion*> shown;
  if (cut == std::string::npos) {
    for (const ModelVersion& v : m.versions) shown.push_back(&v);
  } else {
    shown.push_back(&w.models.resolve(ref));  // registry.unknown_version / unknown_alias
  }
  if (args.has("--json")) {
    if (cut != std::string::npos) {
      std::cout << version_json(w, m, *shown[0]).dump(2) << "\n";
      return kExitOk;
    }
    json versions = json::array();
    for (const ModelVersion* v : shown) versions.push_back(version_json(w, m, *v));
    json out = {{"name", m.name}, {"description", m.description}, {"tags", m.tags}, {"aliases", m.aliases},
                {"alias_history", m.alias_history}, {"versions", versions}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  if (cut == std::string::npos) {
    std::cout << m.name << "  " << m.versions.size() << " version" << (m.versions.size() == 1 ? "" : "s");
    if (!m.description.empty()) std::cout << "  " << m.description;
    std::cout << "\n";
    if (!m.tags.empty()) std::cout << "tags: " << joined_pairs(m.tags, [](const std::string& s) { return s; }) << "\n";
    std::cout << "\n";
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i) std::cout << "\n";
    print_version(w, m, *shown[i]);
  }
  return kExitOk;
}

}  // namespace mlplay

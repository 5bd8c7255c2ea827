// Reading and writing the exported workspace and the command log files of `mlplay replay`.
#include "workspace_file.hpp"

#include "../error.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& what) {
  throw Error("workspace.corrupt", "The workspace file is damaged: " + what);
}

LoggedCommand logged_entry(const json& e, std::size_t i) {
  try {
    return e.get<LoggedCommand>();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& ex) {
    corrupt("log[" + std::to_string(i) + "] cannot be read: " + ex.what());
  }
}

}  // namespace

json workspace_file_json(const WorkspaceFile& file) {
  json j = file.workspace;
  j["blobs"] = file.blobs;
  return j;
}

std::string write_workspace_file(const WorkspaceFile& file) { return workspace_file_json(file).dump(); }

WorkspaceFile read_workspace_file(std::string_view text) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const bool at_end = e.byte >= text.size();
    corrupt(at_end ? "it ends early, after " + std::to_string(text.size()) +
                         " bytes, in the middle of its JSON (a download or copy was cut short)."
                   : "it is not JSON at byte " + std::to_string(e.byte) + " of " + std::to_string(text.size()) + ".");
  }
  WorkspaceFile f;
  f.workspace = j.get<Workspace>();
  if (j.is_object() && j.contains("blobs")) f.blobs = j["blobs"].get<BlobStore>();
  return f;
}

Workspace replay_file(const json& log_file, const std::string& actor) {
  const json* list = &log_file;
  if (log_file.is_object()) {
    if (!log_file.contains("log") || !log_file["log"].is_array())
      corrupt("it has no \"log\" list of commands; give a list of commands or an exported workspace.");
    list = &log_file["log"];
  } else if (!log_file.is_array()) {
    corrupt("it is neither a list of commands nor an exported workspace.");
  }
  std::vector<LoggedCommand> logged;
  std::size_t i = 0;
  for (; i < list->size() && (*list)[i].is_object() && (*list)[i].contains("command"); ++i)
    logged.push_back(logged_entry((*list)[i], i));
  Workspace ws = replay(logged);
  for (; i < list->size(); ++i) {
    const json& e = (*list)[i];
    if (e.is_object() && e.contains("command"))
      corrupt("log[" + std::to_string(i) + "] is a logged command after bare ones; put logged commands first.");
    try {
      apply(ws, e, actor);
    } catch (const Error& ex) {
      throw Error(ex.code(), "Command " + std::to_string(i + 1) + " (log[" + std::to_string(i) + "]): " + ex.what(), ex.where());
    }
  }
  return ws;
}

std::vector<std::string> missing_artifacts(const WorkspaceFile& file) {
  std::vector<std::string> out;
  for (const auto& [name, d] : file.workspace.datasets.datasets())
    for (const auto& v : d.versions)
      if (!file.blobs.contains(v.hash)) out.push_back(version_reference(name, v.number) + " (dataset)");
  for (const auto& [name, m] : file.workspace.models.models())
    for (const auto& v : m.versions)
      if (v.source.rfind("model-", 0) == 0 && !file.blobs.contains(v.source))
        out.push_back(name + ":" + std::to_string(v.number) + " (model file)");
  return out;
}

}  // namespace mlcore::ops

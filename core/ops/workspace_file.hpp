// The exported workspace: one JSON document holding the workspace (registries and the command
// log) and the artifacts it points at (dataset tables, model files), and the command log files
// `mlplay replay` reads.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "blob_store.hpp"
#include "workspace.hpp"

namespace mlcore::ops {

struct WorkspaceFile {
  Workspace workspace;
  BlobStore blobs;
};

// The workspace's JSON (format "mlplay.workspace") with a "blobs" field beside its parts.
nlohmann::json workspace_file_json(const WorkspaceFile& file);
std::string write_workspace_file(const WorkspaceFile& file);

// Parses an exported file. Text that is not JSON (a truncated download, another file) throws
// workspace.corrupt with the byte offset where reading stopped; the rest is checked as the
// workspace's from_json and BlobStore's from_json check it (workspace.foreign,
// workspace.schema_newer, workspace.corrupt, blob.corrupt). A file without "blobs" reads with
// none, so a workspace written by `mlplay replay` opens too.
WorkspaceFile read_workspace_file(std::string_view text);

// The command log in a file for `mlplay replay`: a list, or an object with a "log" list (such as
// an exported workspace). Each entry is a logged command {"seq", "time", "actor", "command"} or a
// bare command {"type", ...}; bare ones are applied after the logged ones by `actor` at the
// clock's pace, logged ones at their own time. Throws workspace.corrupt naming the entry.
Workspace replay_file(const nlohmann::json& log_file, const std::string& actor = "mlplay");

// The dataset versions and model versions whose artifacts the file lacks, as "IRIS:2 (dataset)"
// and "IRIS:1 (model file)"; empty when everything the registries point at is there.
std::vector<std::string> missing_artifacts(const WorkspaceFile& file);

}  // namespace mlcore::ops

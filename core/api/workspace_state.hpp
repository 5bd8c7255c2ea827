// The session's workspace: the command history (with undo and redo), the artifact store, and
// the role the user acts as. Data and training commands change the workspace only through
// apply_command, so everything they do is logged, undoable and exported.
#pragma once
#include <string>
#include <string_view>

#include "../data/table.hpp"
#include "../ops/blob_store.hpp"
#include "../ops/workspace.hpp"
#include "session.hpp"

namespace mlcore::api {

struct WorkspaceState {
  ops::History history;
  ops::BlobStore blobs;
  std::string actor = "Data Scientist";
};

WorkspaceState& workspace_state(Session& s);
const ops::Workspace& current_workspace(Session& s);

// Applies a workspace command as the session's actor (strong guarantee: on a throw nothing
// changed) and returns what it made: {"seq"} plus "run" for run.start/run.record and
// {"name", "version", "reference"} for model.register.
Json apply_command(Session& s, const Json& command);

// What registering a table as a dataset version gave.
struct DatasetRegistration {
  std::string name;
  int number = 0;
  std::string hash;
  bool created = false;
};

// Registers the table as the next version of `name` unless a version of it already has this
// content (then nothing is logged unless a new description or tag is given). Keeps the table in
// the artifact store. `hash` may be passed when already known.
DatasetRegistration register_dataset(Session& s, const data::Table& table, const std::string& name,
                                     const std::string& source, const Json& description_and_tags,
                                     std::string hash = "");

// The exported workspace file (JSON text with the artifacts), and its import: a file that does
// not read leaves the session's workspace exactly as it was. Returns {"runs", "models",
// "datasets", "commands", "missing": [...]} counts of what was imported.
std::string export_workspace(Session& s);
Json import_workspace(Session& s, std::string_view text);

}  // namespace mlcore::api

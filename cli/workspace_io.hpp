// Reading and writing the files the workspace commands work on: an exported workspace (plain or
// gzip-compressed, as the page saves large ones) and any JSON input, with failures reported as
// "FILE: message [code]"; and atomic writes, so a failed command never leaves half a file.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/ops/workspace_file.hpp"

namespace mlplay {

struct LoadedWorkspace {
  std::string path;
  bool gzipped = false;  // the file was gzip-compressed; writing it back in place keeps that
  mlcore::ops::WorkspaceFile file;
};

// The file's bytes, inflated when they start with the gzip magic number. Throws InputError
// (io.read_failed, workspace.corrupt for damaged compression) naming the file.
std::string read_input_bytes(const std::string& path, bool* gzipped = nullptr);

// Reads and checks an exported workspace (ops::read_workspace_file). Throws InputError naming
// the file (workspace.corrupt, workspace.foreign, workspace.schema_newer, blob.corrupt, ...).
LoadedWorkspace load_workspace(const std::string& path);

// Parses a JSON file (plain or gzip). Text that is not JSON throws InputError (workspace.corrupt)
// with the line and column where reading stopped.
nlohmann::json load_json(const std::string& path);

// Writes `text` to PATH.tmp and renames it over PATH, so PATH is either the old file or the
// whole new one. Throws mlcore::Error (io.write_failed) naming the file.
void write_file_atomic(const std::string& path, const std::string& text);

// The workspace file's JSON, gzip-compressed when `gzipped`, written atomically.
void save_workspace(const std::string& path, const mlcore::ops::WorkspaceFile& file, bool gzipped);

// True when the path ends with ".gz".
bool wants_gzip(const std::string& path);

}  // namespace mlplay

// See workspace_io.hpp.
#include "workspace_io.hpp"

#include <cstdio>
#include <fstream>

#include "cli.hpp"
#include "core/error.hpp"
#include "gzip.hpp"

namespace mlplay {
namespace {

// 1-based line and column of a byte offset, for a parse error a student can find in an editor.
mlcore::Location location_of(const std::string& text, std::size_t byte) {
  mlcore::Location at{1, 1, ""};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

}  // namespace

std::string read_input_bytes(const std::string& path, bool* gzipped) {
  try {
    std::string bytes = read_file(path);
    const bool z = is_gzip(bytes);
    if (gzipped) *gzipped = z;
    if (!z) return bytes;
    try {
      return gunzip(bytes);
    } catch (const mlcore::Error& e) {
      throw mlcore::Error("workspace.corrupt", std::string("The file is damaged: ") + e.what());
    }
  } catch (const mlcore::Error& e) {
    throw InputError(path, e);
  }
}

LoadedWorkspace load_workspace(const std::string& path) {
  LoadedWorkspace out;
  out.path = path;
  const std::string text = read_input_bytes(path, &out.gzipped);
  try {
    out.file = mlcore::ops::read_workspace_file(text);
  } catch (const mlcore::Error& e) {
    throw InputError(path, e);
  }
  return out;
}

nlohmann::json load_json(const std::string& path) {
  const std::string text = read_input_bytes(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const bool at_end = e.byte >= text.size();
    const std::string why = at_end ? "The file is damaged: it ends early, in the middle of its JSON (a download or copy was cut short)."
                                   : "The file is damaged: it is not JSON here.";
    throw InputError(path, mlcore::Error("workspace.corrupt", why, location_of(text, e.byte == 0 ? 0 : e.byte - 1)));
  }
}

void write_file_atomic(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw mlcore::Error("io.write_failed", "Cannot open '" + tmp + "' for writing.");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      throw mlcore::Error("io.write_failed", "Writing '" + tmp + "' failed (is the disk full?); '" + path +
                                                 "' is unchanged.");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw mlcore::Error("io.write_failed", "Cannot replace '" + path + "' with the new version; it is unchanged.");
  }
}

void save_workspace(const std::string& path, const mlcore::ops::WorkspaceFile& file, bool gzipped) {
  const std::string text = mlcore::ops::write_workspace_file(file);
  write_file_atomic(path, gzipped ? gzip(text) : text);
}

bool wants_gzip(const std::string& path) { return path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0; }

}  // namespace mlplay

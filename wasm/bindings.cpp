// The whole JavaScript surface of the core (the only file with EMSCRIPTEN_BINDINGS). It only
// translates: commands go in as a name and JSON text and come back as JSON text; bulk data
// crosses as typed arrays. No exception ever leaves this file.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/api/workspace_state.hpp"
#include "core/version.hpp"

using emscripten::val;
using mlcore::api::Json;

namespace {

class Core {
 public:
  // {"result": ...} or {"error": {"code", "message", ...}} as JSON text.
  std::string call(const std::string& name, const std::string& args_json) {
    try {
      Json args = args_json.empty() ? Json::object() : Json::parse(args_json);
      return session_.call_safe(name, args).dump();
    } catch (const std::exception& e) {  // only the JSON parse can throw here
      return mlcore::api::error_to_json(e).dump();
    }
  }

  // Bytes of a CSV upload (a Uint8Array), copied once into a reused buffer and fed to the reader.
  std::string feed_csv(int upload, const val& bytes) {
    try {
      const std::size_t n = bytes["length"].as<std::size_t>();
      buffer_.resize(n);
      val(emscripten::typed_memory_view(n, buffer_.data())).call<void>("set", bytes);
      mlcore::api::feed_upload(session_, upload, buffer_.data(), n);
      return R"({"result":{}})";
    } catch (const std::exception& e) {
      return mlcore::api::error_to_json(e).dump();
    }
  }

  // The workspace file as JSON text: {"result": "<text>"} would escape it all, so the text comes
  // back bare and an error as {"error": ...} text, told apart by the caller's first character.
  std::string export_workspace() {
    try {
      return mlcore::api::export_workspace(session_);
    } catch (const std::exception& e) {
      return mlcore::api::error_to_json(e).dump();
    }
  }

  // An exported workspace file's bytes (a Uint8Array, uncompressed); a damaged file changes nothing.
  std::string import_workspace(const val& bytes) {
    try {
      const std::size_t n = bytes["length"].as<std::size_t>();
      std::vector<char> text(n);
      val(emscripten::typed_memory_view(n, text.data())).call<void>("set", bytes);
      return Json{{"result", mlcore::api::import_workspace(session_, std::string_view(text.data(), n))}}.dump();
    } catch (const std::exception& e) {
      return mlcore::api::error_to_json(e).dump();
    }
  }

 private:
  mlcore::api::Session session_;
  std::vector<char> buffer_;
};

std::string version() { return mlcore::version_string(); }
std::string build_info() { return mlcore::build_info_json(); }

}  // namespace

EMSCRIPTEN_BINDINGS(mlplay) {
  emscripten::class_<Core>("Core").constructor<>().function("call", &Core::call)
      .function("feedCsv", &Core::feed_csv)
      .function("exportWorkspace", &Core::export_workspace)
      .function("importWorkspace", &Core::import_workspace);
  emscripten::function("version", &version);
  emscripten::function("buildInfo", &build_info);
}

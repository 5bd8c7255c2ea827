// The command interface of the core: a command name and a JSON argument in, a JSON result out.
// A Session holds what commands work on (loaded tables, uploads in progress). The wasm layer and
// the CLI both talk to the core through it, so the page and `mlplay` run the same code.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace mlcore::api {

class Session;
using Json = nlohmann::json;
using Handler = std::function<Json(Session&, const Json&)>;

struct CommandInfo {
  std::string help;  // one line, shown by "core.commands"
  Handler run;
};

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs a command; throws mlcore::Error (api.unknown_command, api.bad_args, ...) on failure.
  Json call(const std::string& name, const Json& args);
  // Never throws: {"result": ...} or {"error": {"code", "message", "line"?, "column"?, "excerpt"?}}.
  Json call_safe(const std::string& name, const Json& args);

  void add_command(const std::string& name, std::string help, Handler run);
  const std::map<std::string, CommandInfo>& commands() const { return commands_; }

  // State owned by feature areas (datasets, models, ...), each behind its own type.
  template <class T>
  T& state() {
    auto& slot = states_[typeid(T).name()];
    if (!slot) slot = std::shared_ptr<void>(new T(), [](void* p) { delete static_cast<T*>(p); });
    return *static_cast<T*>(slot.get());
  }

 private:
  std::map<std::string, CommandInfo> commands_;
  std::map<std::string, std::shared_ptr<void>> states_;
};

// Turns any exception into the error object of the boundary.
Json error_to_json(const std::exception& e);

// Reads a required or optional field of a command's arguments, with a clear error naming it.
const Json& require_field(const Json& args, const char* field);

}  // namespace mlcore::api

// Command dispatch and the one place where exceptions become error values.
#include "session.hpp"

#include <typeinfo>

#include "../error.hpp"
#include "../version.hpp"
#include "registry.hpp"

namespace mlcore::api {

Session::Session() { register_all_commands(*this); }
Session::~Session() = default;

void Session::add_command(const std::string& name, std::string help, Handler run) {
  commands_[name] = CommandInfo{std::move(help), std::move(run)};
}

Json Session::call(const std::string& name, const Json& args) {
  auto it = commands_.find(name);
  if (it == commands_.end())
    throw Error("api.unknown_command",
                "Unknown command '" + name + "'; the command 'core.commands' lists the known ones.");
  return it->second.run(*this, args);
}

Json Session::call_safe(const std::string& name, const Json& args) {
  try {
    return Json{{"result", call(name, args)}};
  } catch (const std::exception& e) {
    return error_to_json(e);
  } catch (...) {
    return Json{{"error", {{"code", "core.unknown"}, {"message", "An unknown error happened in the core."}}}};
  }
}

Json error_to_json(const std::exception& e) {
  Json err;
  if (const auto* me = dynamic_cast<const Error*>(&e)) {
    err = {{"code", me->code()}, {"message", me->what()}};
    if (me->where().line) err["line"] = me->where().line;
    if (me->where().column) err["column"] = me->where().column;
    if (!me->where().excerpt.empty()) err["excerpt"] = me->where().excerpt;
  } else if (const auto* je = dynamic_cast<const nlohmann::json::exception*>(&e)) {
    err = {{"code", "api.bad_json"}, {"message", std::string("Malformed JSON: ") + je->what()}};
  } else if (dynamic_cast<const std::bad_alloc*>(&e)) {
    err = {{"code", "core.out_of_memory"}, {"message", "The core ran out of memory; try a smaller file."}};
  } else {
    err = {{"code", "core.internal"}, {"message", e.what()}};
  }
  return Json{{"error", err}};
}

const Json& require_field(const Json& args, const char* field) {
  if (!args.is_object() || !args.contains(field))
    throw Error("api.bad_args", std::string("The argument '") + field + "' is required.");
  return args.at(field);
}

}  // namespace mlcore::api

// Commands about the core itself: version, build, the list of commands.
#include "../error.hpp"
#include "../version.hpp"
#include "registry.hpp"
#include "session.hpp"

namespace mlcore::api {

void register_core_commands(Session& s) {
  s.add_command("core.version", "The core's version string.",
                [](Session&, const Json&) { return Json(version_string()); });
  s.add_command("core.build", "Version, target (wasm32 or native), compiler and build type.",
                [](Session&, const Json&) { return Json::parse(build_info_json()); });
  s.add_command("core.commands", "The known commands with a line of help each.", [](Session& self, const Json&) {
    Json out = Json::object();
    for (const auto& [name, info] : self.commands()) out[name] = info.help;
    return out;
  });
}

}  // namespace mlcore::api

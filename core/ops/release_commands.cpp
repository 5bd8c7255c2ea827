// Release and endpoint commands (see release_commands.hpp).
#include "release_commands.hpp"

#include "../error.hpp"
#include "workspace.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

std::vector<ReleaseStage> stages_of(const json& list) {
  std::vector<ReleaseStage> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    try {
      out.push_back(stage_from_json(list[i]));
    } catch (const json::exception& e) {
      throw Error("workspace.bad_command", "The command's field 'stages[" + std::to_string(i) + "]' is not a stage outcome: " + e.what());
    }
  }
  return out;
}

// Deploys the release's model version to every stage that says it was deployed.
void deploy_stages(Workspace& ws, const Release& r, const json& list, const std::string& actor, double time) {
  for (const json& s : list)
    if (s.value("deployed", false)) {
      const double when = s.contains("finished") && s["finished"].is_number() ? s["finished"].get<double>() : time;
      ws.endpoints.deploy(s.at("endpoint").get<std::string>(), s.at("name").get<std::string>(), r.model, r.version, when,
                          actor, r.name());
    }
}

}  // namespace

void apply_release_create(Workspace& ws, const json& c, double time, const std::string& actor) {
  const std::string model = c["model"].get<std::string>();
  const int version = c["version"].get<int>();
  ws.models.version(model, version);  // registry.unknown_model / unknown_version
  std::vector<ReleaseStage> stages = stages_of(c["stages"]);
  const double created = !stages.empty() && stages[0].started ? *stages[0].started : time;
  std::vector<std::string> failures;
  for (const json& f : c.value("failures", json::array())) failures.push_back(f.get<std::string>());
  const Release& r = ws.releases.create(model, version, c.value("definition", json::object()), failures, std::move(stages), created, actor);
  deploy_stages(ws, r, c["stages"], actor, time);
}

void apply_release_update(Workspace& ws, const json& c, double time, const std::string& actor) {
  const Release& r = ws.releases.update(c["release"].get<int>(), stages_of(c["stages"]));
  deploy_stages(ws, r, c["stages"], actor, time);
}

void apply_endpoint_deploy(Workspace& ws, const json& c, double time, const std::string& actor) {
  const std::string model = c["model"].get<std::string>();
  const int version = c["version"].get<int>();
  ws.models.version(model, version);
  ws.endpoints.deploy(c["name"].get<std::string>(), c.value("stage", std::string()), model, version, time, actor);
}

void apply_endpoint_rollback(Workspace& ws, const json& c, double time, const std::string& actor) {
  ws.endpoints.rollback(c["name"].get<std::string>(), time, actor);
}

void apply_endpoint_set_canary(Workspace& ws, const json& c, double time, const std::string& actor) {
  const Endpoint& e = ws.endpoints.endpoint(c["name"].get<std::string>());
  const int version = c["version"].get<int>();
  const double percent = c["percent"].get<double>();
  if (percent > 0) ws.models.version(e.model, version);
  ws.endpoints.set_canary(e.name, version, percent, c.value("seed", std::uint64_t{0}), time, actor);
}

}  // namespace mlcore::ops

// See simulation_pipeline.hpp.
#include "simulation_pipeline.hpp"

#include <cctype>

#include "../serve/scoring.hpp"
#include "data_commands.hpp"
#include "endpoint_state.hpp"
#include "pipeline_run.hpp"
#include "release_flow.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

Json step(const std::string& name, const std::string& kind, Json inputs) {
  return {{"name", name}, {"kind", kind}, {"inputs", std::move(inputs)}};
}

// A compute name Azure ML accepts (2 to 16 letters, digits or '-', a letter first): iriscompute.
std::string compute_name(const std::string& model) {
  std::string stem;
  for (char c : model)
    if (std::isalnum(static_cast<unsigned char>(c)) && stem.size() < 9)
      stem += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (stem.empty() || !std::isalpha(static_cast<unsigned char>(stem[0]))) stem = "c" + stem.substr(0, 8);
  return stem + "compute";
}

// Sets the session's role for the approval the policy grants, and puts it back.
class ActingAs {
 public:
  ActingAs(Session& s, const std::string& role) : w_(workspace_state(s)), before_(w_.actor) { w_.actor = role; }
  ~ActingAs() { w_.actor = before_; }
  ActingAs(const ActingAs&) = delete;
  ActingAs& operator=(const ActingAs&) = delete;

 private:
  WorkspaceState& w_;
  std::string before_;
};

// {feature: value} of the first row of `t` with every feature present, or null.
Json payload_of(const data::Table& t, const std::vector<std::string>& features) {
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const Json row = row_to_json(t, r);
    Json out = Json::object();
    bool complete = true;
    for (const auto& f : features) {
      const Json& v = row[static_cast<std::size_t>(t.find(f))];
      complete = complete && !v.is_null();
      out[f] = v;
    }
    if (complete) return out;
  }
  return nullptr;
}

}  // namespace

Json simulation_build_spec(const Simulation& sim, const std::string& name, const std::string& source, bool gated) {
  const sim::Scenario& sc = sim.scenario;
  const std::string metric = sim.classification ? "accuracy" : "r2";
  const std::string compute = compute_name(sim.model);
  Json steps = Json::array();
  steps.push_back(step("Create/use compute", "create_compute",
                       {{"name", compute}, {"vm_size", sc.policy.vm_size}, {"min_nodes", 0}, {"max_nodes", 1}, {"idle_seconds", 120}}));
  steps.push_back(step("Upload data", "upload_data", {{"source", source}, {"dataset", sim.dataset}}));
  if (gated) steps.push_back(step("Validate data", "validate_data", {{"dataset", sim.dataset}, {"target", sc.target}}));
  steps.push_back(step("Train", "train",
                       {{"dataset", sim.dataset}, {"target", sc.target}, {"model", sc.model.family}, {"params", sc.model.params},
                        {"features", sc.model.features}, {"test_size", sc.model.test_size}, {"seed", sc.model.seed},
                        {"experiment", sc.model.experiment}, {"compute", compute}}));
  if (gated) {
    steps.push_back(step("Evaluate", "evaluate", {{"metrics", {metric}}}));
    if (sc.policy.quality_gate)
      steps.push_back(step("Quality gate", "quality_gate", {{"metric", metric}, {"threshold", *sc.policy.quality_gate}}));
  }
  steps.push_back(step("Register model", "register_model",
                       {{"name", sim.model},
                        {"tags", {{"data", sim.dataset}, {"simulation", sc.name}}},
                        {"description", sim.model + " " + sc.model.family + " (simulation " + sc.name + ")"}}));
  return {{"name", name},
          {"description", std::string(gated ? "Gated build" : "Build") + " pipeline of the simulation " + sc.name + "."},
          {"trigger", "manual"},
          {"stages", {{{"name", "Build"}, {"jobs", {{{"name", "Train_and_register"}, {"steps", steps}}}}}}}};
}

BuildOutcome run_build(Session& s, const Simulation& sim, const std::string& name, std::shared_ptr<const data::Table> table,
                       const std::string& source, bool gated, const Json& trigger) {
  s.state<PipelineSessionState>().sources[source] = std::move(table);
  Json args = {{"spec", simulation_build_spec(sim, name, source, gated)}};
  if (trigger != "manual") args["trigger"] = trigger;
  Json run = run_pipeline_command(s, args)["run"];
  BuildOutcome out;
  out.cost = run["cost"].value("total", 0.0);
  for (auto& st : run["steps"]) {
    if (st["kind"] == "register_model" && st["status"] == "succeeded") out.version = st["outputs"]["model"]["version"].get<int>();
    st.erase("log");
  }
  out.run = std::move(run);
  return out;
}

Json release_version(Session& s, const Simulation& sim, int version, const data::Table& sample, const std::string& comment) {
  Json def = default_release_definition(s, sim.model, version);
  const Json payload = payload_of(sample, sim.scenario.model.features);
  if (!payload.is_null()) {
    auto bundle = model_of_version(s, sim.model, version);
    const std::string body = payload.dump();
    serve::ScoringResponse r = serve::score(*bundle, {"POST", "/score", "application/json", body});
    def["stages"][0]["smoke_test"] = {{"payload", payload}, {"expect", r.status == 200 ? Json::parse(r.body) : Json(nullptr)}};
  }
  const std::string role = sim.scenario.policy.approval_role;
  def["stages"][0]["endpoint"] = sim.stem + "-uat";
  def["stages"][1]["endpoint"] = sim.endpoint;
  def["stages"][1]["approval"] = {{"role", role}};
  Json rel = start_release(s, {{"model", sim.model}, {"version", version}, {"definition", def}});
  if (rel["status"] == "waiting for approval") {
    ActingAs as(s, role);
    rel = decide_release(s, {{"release", rel["number"]}, {"decision", "approve"}, {"comment", comment}});
    if (rel["status"] == "succeeded")
      apply_command(s, {{"type", "model.transition"}, {"name", sim.model}, {"version", version}, {"stage", "Production"},
                        {"archive_existing", true}, {"comment", "Released by " + rel["name"].get<std::string>() + "."}});
  }
  Json approval = nullptr, smoke = nullptr;
  for (const auto& st : rel["stages"]) {
    if (st.contains("approval") && !st["approval"].is_null()) approval = st["approval"];
    if (st.contains("smoke_test") && !st["smoke_test"].is_null()) smoke = st["smoke_test"]["passed"];
  }
  return {{"release", rel["name"]}, {"number", rel["number"]}, {"version", version}, {"status", rel["status"]},
          {"smoke_test_passed", smoke}, {"approval", approval}};
}

}  // namespace mlcore::api

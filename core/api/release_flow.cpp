// The release pipeline's rules (see release_flow.hpp): deploy, smoke test, approval gate.
#include "release_flow.hpp"

#include <algorithm>
#include <cctype>

#include "../error.hpp"
#include "../serve/scoring.hpp"
#include "data_commands.hpp"
#include "endpoint_state.hpp"
#include "registry.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

// Simulated durations of the stage work, in seconds (an ACI deployment of the tutorial takes a
// few minutes; the smoke test is one request).
constexpr double kQueue = 60, kDownload = 30, kBuildImage = 210, kCreate = 60, kSmoke = 20;

struct Flow {
  Session& s;
  std::string model;
  int version;
  std::string release;  // "Release-N"
  std::vector<std::string> failures;
  double t;  // the simulated clock as the flow goes

  bool toggled(const char* name) const { return std::find(failures.begin(), failures.end(), name) != failures.end(); }
};

void say(Json& log, double t, const std::string& text) { log.push_back({{"time", t}, {"text", text}}); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The smoke test: one real request to the model version, checked for 200, JSON and the answer.
Json smoke_test(Flow& f, const Json& spec, const std::string& endpoint, Json& log) {
  Json payload = spec.at("payload");
  if (f.toggled("smoke_wrong_prediction") && payload.is_object()) {
    // The injected bug: score.py reads the columns in reverse order.
    std::vector<Json> values;
    for (const auto& item : payload.items()) values.push_back(item.value());
    std::reverse(values.begin(), values.end());
    std::size_t i = 0;
    for (auto& item : payload.items()) item.value() = values[i++];
  }
  auto bundle = model_of_version(f.s, f.model, f.version);
  const std::string body = payload.dump();
  serve::ScoringResponse r = serve::score(*bundle, {"POST", "/score", "application/json", body});
  f.t += kSmoke;
  say(log, f.t, "POST /endpoints/" + endpoint + "/score " + spec.at("payload").dump());
  say(log, f.t, "-> " + std::to_string(r.status) + " " + r.content_type + " " + r.body);
  Json got = Json::parse(r.body, nullptr, false);
  const Json& expected = spec.value("expect", Json(nullptr));
  const bool json_type = lower(r.content_type).rfind("application/json", 0) == 0;
  const bool passed = r.status == 200 && json_type && (expected.is_null() || got == expected);
  std::string why = r.status != 200 ? "status " + std::to_string(r.status) + ", expected 200"
                    : !json_type    ? "content type " + r.content_type + ", expected application/json"
                                    : "expected " + expected.dump() + ", got " + r.body;
  say(log, f.t, passed ? "Smoke test passed: 200, application/json" + (expected.is_null() ? std::string() : ", " + expected.dump())
                       : "##[error]Smoke test failed: " + why);
  return {{"passed", passed}, {"request", spec.at("payload")}, {"status", r.status}, {"content_type", r.content_type},
          {"body", r.body}, {"expected", expected}};
}

// Deploys (and smoke-tests) one stage; the outcome is {name, endpoint, status, started,
// finished, log, smoke_test, approval, deployed}.
Json run_stage(Flow& f, const Json& def, bool first, Json log, Json approval) {
  const std::string endpoint = def.at("endpoint").get<std::string>();
  const std::string name = def.at("name").get<std::string>();
  const double started = f.t;
  const std::string ref = f.model + ":" + std::to_string(f.version);
  say(log, f.t, "##[section]Starting: Deploy " + ref + " to " + endpoint + " (" + name + ")");
  f.t += kDownload;
  say(log, f.t, "Downloaded artifact " + ref + " (model file, score.py, conda environment)");
  f.t += kBuildImage;
  say(log, f.t, "Built the scoring image");
  Json out = {{"name", name}, {"endpoint", endpoint}, {"started", started}, {"approval", approval}, {"smoke_test", nullptr}};
  if (first && f.toggled("deploy_missing_file")) {
    f.t += kCreate;
    say(log, f.t, "Traceback (most recent call last):");
    say(log, f.t, "  File \"/var/azureml-app/score.py\", line 12, in init");
    say(log, f.t, "    model = joblib.load(os.path.join(os.getenv('AZUREML_MODEL_DIR'), 'outputs/model.pkl'))");
    say(log, f.t, "FileNotFoundError: [Errno 2] No such file or directory: '/var/azureml-app/outputs/model.pkl'");
    say(log, f.t, "##[error]Deployment of " + endpoint + " failed: the scoring container did not start.");
    out.update({{"status", "failed"}, {"finished", f.t}, {"log", log}, {"deployed", false}});
    return out;
  }
  f.t += kCreate;
  say(log, f.t, "Endpoint " + endpoint + " answers " + ref + " at /endpoints/" + endpoint + "/score");
  out["deployed"] = true;
  bool passed = true;
  if (def.contains("smoke_test") && def["smoke_test"].is_object()) {
    say(log, f.t, "##[section]Starting: Smoke test");
    out["smoke_test"] = smoke_test(f, def["smoke_test"], endpoint, log);
    passed = out["smoke_test"]["passed"].get<bool>();
  }
  out.update({{"status", passed ? "succeeded" : "failed"}, {"finished", f.t}, {"log", log}});
  return out;
}

Json waiting(const Flow& f, const Json& def) {
  const std::string role = def["approval"].is_object() ? def["approval"].value("role", std::string("Approver")) : "Approver";
  Json log = Json::array();
  say(log, f.t, "##[section]Pre-deployment approval: waiting for " + role);
  return {{"name", def.at("name")}, {"endpoint", def.at("endpoint")}, {"status", "waiting for approval"},
          {"started", f.t}, {"finished", nullptr}, {"log", log}, {"smoke_test", nullptr}, {"approval", nullptr}};
}

Json not_deployed(const Json& def) {
  return {{"name", def.at("name")}, {"endpoint", def.at("endpoint")}, {"status", "not deployed"}, {"log", Json::array()}};
}

// Runs stages from `from` on; the stage at `from` is already approved when `approval` is given.
Json run_from(Flow& f, const Json& stages, std::size_t from, Json first_log, Json approval) {
  Json out = Json::array();
  bool stopped = false;
  for (std::size_t i = from; i < stages.size(); ++i) {
    const Json& def = stages[i];
    if (stopped) {
      out.push_back(not_deployed(def));
      continue;
    }
    const bool gated = def.contains("approval") && !def["approval"].is_null() && def["approval"] != false;
    if (gated && !(i == from && !approval.is_null())) {
      out.push_back(waiting(f, def));
      stopped = true;
      continue;
    }
    Json outcome = run_stage(f, def, i == 0, i == from ? first_log : Json::array(), i == from ? approval : Json(nullptr));
    stopped = outcome["status"] != "succeeded";
    out.push_back(std::move(outcome));
  }
  return out;
}

Json release_json(Session& s, int number) {
  Json all = current_workspace(s).releases;
  return all["releases"][static_cast<std::size_t>(number - 1)];
}

void check_definition(const Json& d) {
  if (!d.is_object() || !d.contains("stages") || !d["stages"].is_array() || d["stages"].empty())
    throw Error("release.bad_definition", "A release pipeline needs \"stages\": a list of {name, endpoint, smoke_test?, approval?}.");
  for (std::size_t i = 0; i < d["stages"].size(); ++i) {
    const Json& st = d["stages"][i];
    if (!st.is_object() || !st.contains("name") || !st["name"].is_string() || !st.contains("endpoint") || !st["endpoint"].is_string())
      throw Error("release.bad_definition", "Stage " + std::to_string(i + 1) + " of the release pipeline needs a name and an endpoint.");
    ops::validate_endpoint_name(st["endpoint"].get<std::string>());
    if (st.contains("smoke_test") && !st["smoke_test"].is_null() && !(st["smoke_test"].is_object() && st["smoke_test"].contains("payload")))
      throw Error("release.bad_definition", "The smoke test of stage " + st["name"].get<std::string>() + " needs a \"payload\" to post.");
  }
}

}  // namespace

const std::vector<std::string>& release_failure_toggles() {
  static const std::vector<std::string> t = {"deploy_missing_file", "smoke_wrong_prediction"};
  return t;
}

Json default_release_definition(Session& s, const std::string& model, int version) {
  const std::string base = lower(model);
  Json payload, expect;
  if (model == "IRIS") {
    payload = {{"SepalLengthCm", 6.6}, {"SepalWidthCm", 3}, {"PetalLengthCm", 4.4}, {"PetalWidthCm", 1.4}};
    expect = {{"output", {{"predicted_species", "1"}}}};
  } else {
    // The first row of the training data, answered as the registered version answers it.
    auto bundle = model_of_version(s, model, version);
    const auto& v = current_workspace(s).models.version(model, version);
    payload = Json::object();
    if (v.dataset.is_object()) {
      auto table = version_table(s, current_workspace(s).datasets.version(v.dataset["name"].get<std::string>(), v.dataset["version"].get<int>()));
      if (table && table->table.rows() > 0) {
        Json row = row_to_json(table->table, 0);
        for (const auto& f : bundle->pre.features()) payload[f.name] = row[static_cast<std::size_t>(table->table.find(f.name))];
      }
    }
    serve::ScoringResponse r = serve::score(*bundle, {"POST", "/score", "application/json", payload.dump()});
    expect = r.status == 200 ? Json::parse(r.body) : Json(nullptr);
  }
  Json smoke = {{"payload", payload}, {"expect", expect}};
  return {{"name", model + " release pipeline"},
          {"stages", {{{"name", "UAT"}, {"endpoint", base + "-uat"}, {"smoke_test", smoke}},
                      {{"name", "PROD"}, {"endpoint", base + "-prod"}, {"approval", {{"role", "Approver"}}}}}}};
}

Json start_release(Session& s, const Json& args) {
  const std::string model = require_field(args, "model").get<std::string>();
  const int version = require_field(args, "version").get<int>();
  const ops::Workspace& ws = current_workspace(s);
  ws.models.version(model, version);  // registry.unknown_model / unknown_version
  Json definition = args.contains("definition") && !args["definition"].is_null() ? args["definition"]
                                                                                 : default_release_definition(s, model, version);
  check_definition(definition);
  std::vector<std::string> failures = args.value("failures", std::vector<std::string>());
  for (const auto& name : failures)
    if (std::find(release_failure_toggles().begin(), release_failure_toggles().end(), name) == release_failure_toggles().end())
      throw Error("release.bad_failure", "There is no failure toggle '" + excerpt_of(name) +
                                             "'; the release toggles are deploy_missing_file and smoke_wrong_prediction.");
  const int number = static_cast<int>(ws.releases.releases().size()) + 1;
  Flow f{s, model, version, "Release-" + std::to_string(number), failures, ws.clock + kQueue};
  const double start = ws.clock;
  Json stages = run_from(f, definition["stages"], 0, Json::array(), nullptr);
  apply_command(s, {{"type", "release.create"}, {"model", model}, {"version", version}, {"definition", definition},
                    {"failures", failures}, {"stages", stages}, {"duration", f.t - start}});
  return release_json(s, number);
}

Json decide_release(Session& s, const Json& args) {
  const int number = require_field(args, "release").get<int>();
  const std::string decision = require_field(args, "decision").get<std::string>();
  if (decision != "approve" && decision != "reject")
    throw Error("release.bad_decision", "A decision is \"approve\" or \"reject\", not '" + excerpt_of(decision) + "'.");
  const ops::Workspace& ws = current_workspace(s);
  const ops::Release& r = ws.releases.release(number);
  std::size_t at = r.stages.size();
  for (std::size_t i = 0; i < r.stages.size(); ++i)
    if (r.stages[i].status == ops::ReleaseStatus::waiting_for_approval) at = std::min(at, i);
  if (at == r.stages.size())
    throw Error("release.not_waiting", r.name() + " is " + ops::release_status_name(r.status()) + "; nothing waits for approval.");
  const std::string actor = workspace_state(s).actor;
  // The gate names who may pass it (the tutorial's pre-deployment approvers).
  const Json& gate = r.definition["stages"][at].value("approval", Json(nullptr));
  const std::string role = gate.is_object() ? gate.value("role", std::string("Approver")) : "Approver";
  if (actor != role)
    throw Error("release.not_approver", r.name() + "'s " + r.stages[at].name + " stage waits for approval by " + role +
                                            "; you are acting as " + actor + ". Switch \"Acting as\" to " + role + ".");
  const std::string comment = args.value("comment", std::string());
  const double start = ws.clock;
  Flow f{s, r.model, r.version, r.name(), r.failures, ws.clock + kQueue};
  Json approval = {{"decision", decision == "approve" ? "approved" : "rejected"}, {"by", actor}, {"comment", comment}, {"time", f.t}};
  Json log = ops::stage_to_json(r.stages[at])["log"];
  say(log, f.t, std::string(decision == "approve" ? "Approved" : "Rejected") + " by " + actor + (comment.empty() ? "" : ": " + comment));
  Json stages;
  if (decision == "reject") {
    Json stage = ops::stage_to_json(r.stages[at]);
    stage.update({{"status", "rejected"}, {"finished", f.t}, {"log", log}, {"approval", approval}});
    stages = Json::array({stage});
  } else {
    stages = run_from(f, r.definition["stages"], at, log, approval);
    stages[0]["started"] = ops::stage_to_json(r.stages[at])["started"];
  }
  apply_command(s, {{"type", "release.update"}, {"release", number}, {"stages", stages}, {"duration", f.t - start}});
  return release_json(s, number);
}

void register_release_commands(Session& s) {
  s.add_command("release.definition", "The default release pipeline for a model version: {model, version}.",
                [](Session& self, const Json& args) {
                  return default_release_definition(self, require_field(args, "model").get<std::string>(),
                                                    require_field(args, "version").get<int>());
                });
  s.add_command("release.failures", "The failure toggles a release takes.",
                [](Session&, const Json&) { return Json(release_failure_toggles()); });
  s.add_command("release.start", "Release a model version: {model, version, definition?, failures?}. Runs UAT; stops at the approval.",
                [](Session& self, const Json& args) { return start_release(self, args); });
  s.add_command("release.decide", "Approve or reject the stage waiting for approval: {release, decision, comment?}.",
                [](Session& self, const Json& args) { return decide_release(self, args); });
  s.add_command("release.list", "The release history.",
                [](Session& self, const Json&) { return Json(current_workspace(self).releases); });
}

}  // namespace mlcore::api

// Endpoints in the session: scoring a request at a deployed endpoint with the model version it
// serves (through its canary), the request log, and the endpoints' state for the page.
#include <algorithm>

#include "../error.hpp"
#include "endpoint_state.hpp"
#include "registry.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

EndpointState& state(Session& s) { return s.state<EndpointState>(); }

std::string cut(const std::string& text) { return text.size() <= 4096 ? text : text.substr(0, 4096) + "..."; }

Json request_json(const EndpointRequest& r) {
  return {{"number", r.number}, {"endpoint", r.endpoint}, {"model", r.model}, {"version", r.version},
          {"time", r.time}, {"path", r.path}, {"input", r.input}, {"status", r.status}, {"output", r.output}};
}

}  // namespace

std::shared_ptr<const models::ModelBundle> model_of_version(Session& s, const std::string& model, int version) {
  const std::string key = current_workspace(s).models.version(model, version).source;
  auto& cache = state(s).models;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto bundle = std::make_shared<const models::ModelBundle>(models::load_model_text(workspace_state(s).blobs.get(key).text));
  cache[key] = bundle;
  return bundle;
}

Json score_at_endpoint(Session& s, const Json& args) {
  const std::string name = require_field(args, "endpoint").get<std::string>();
  const ops::Endpoint& e = current_workspace(s).endpoints.endpoint(name);
  auto& st = state(s);
  const std::uint64_t n = st.served[name]++;
  const int version = ops::route_request(e, n);
  const std::string method = args.value("method", std::string("POST"));
  const std::string path = args.value("path", std::string("/score"));
  const std::string content_type = args.value("content_type", std::string());
  const std::string body = args.value("body", std::string());
  serve::ScoringResponse r = serve::score(*model_of_version(s, e.model, version), {method, path, content_type, body});
  st.requests.push_back({n, name, e.model, version, current_workspace(s).clock, path, cut(body), r.status, cut(r.body)});
  if (st.requests.size() > EndpointState::kMaxLogged) st.requests.pop_front();
  Json headers = Json::object();
  for (const auto& [k, v] : r.headers) headers[k] = v;
  return {{"status", r.status}, {"content_type", r.content_type}, {"headers", headers}, {"body", r.body},
          {"model", e.model}, {"version", version}, {"request", n}};
}

void register_endpoint_commands(Session& s) {
  s.add_command("endpoint.list", "Deployed endpoints with their model versions, canaries, histories and request counts.",
                [](Session& self, const Json&) {
                  Json j = current_workspace(self).endpoints;
                  for (auto& e : j["endpoints"]) {
                    auto it = state(self).served.find(e["name"].get<std::string>());
                    e["requests"] = it == state(self).served.end() ? 0 : it->second;
                  }
                  return j;
                });
  s.add_command("endpoint.score",
                "Answer a request at an endpoint: {endpoint, method?, path? (/score, /invocations, /ping, /health), content_type, body}.",
                [](Session& self, const Json& args) { return score_at_endpoint(self, args); });
  s.add_command("endpoint.requests", "The latest requests answered: {endpoint?, limit? (100)}, newest first.",
                [](Session& self, const Json& args) {
                  const std::string name = args.value("endpoint", std::string());
                  const std::size_t limit = std::min<std::size_t>(args.value("limit", std::size_t{100}), EndpointState::kMaxLogged);
                  Json out = Json::array();
                  const auto& log = state(self).requests;
                  for (auto it = log.rbegin(); it != log.rend() && out.size() < limit; ++it)
                    if (name.empty() || it->endpoint == name) out.push_back(request_json(*it));
                  return Json{{"requests", out}};
                });
  s.add_command("endpoint.schema", "The feature schema of the model version an endpoint serves: {endpoint}.",
                [](Session& self, const Json& args) {
                  const auto& e = current_workspace(self).endpoints.endpoint(require_field(args, "endpoint").get<std::string>());
                  auto bundle = model_of_version(self, e.model, e.version);
                  Json features = Json::array();
                  for (const auto& f : bundle->pre.features()) features.push_back(models::feature_spec_to_json(f));
                  return Json{{"model", e.model}, {"version", e.version}, {"target", bundle->target.name()},
                              {"task", models::to_string(bundle->task)}, {"classes", bundle->target.classes()},
                              {"features", features}};
                });
}

}  // namespace mlcore::api

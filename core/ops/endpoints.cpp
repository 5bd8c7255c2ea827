// Endpoints: deployments, rollbacks and canaries as a value (see endpoints.hpp).
#include "endpoints.hpp"

#include <cmath>

#include "../data/random.hpp"
#include "../error.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

[[noreturn]] void corrupt(const std::string& why) {
  throw Error("endpoint.corrupt", "The saved endpoints are damaged: " + why);
}

}  // namespace

void validate_endpoint_name(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 63 && name.front() != '-' && name.back() != '-';
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (!ok)
    throw Error("endpoint.bad_name", "'" + excerpt_of(name) +
                                         "' is not an endpoint name: use 1 to 63 lower-case letters, digits and '-', "
                                         "not starting or ending with '-' (e.g. iris-prod).");
}

const Endpoint* EndpointRegistry::find(std::string_view name) const {
  auto it = endpoints_.find(name);
  return it == endpoints_.end() ? nullptr : &it->second;
}

const Endpoint& EndpointRegistry::endpoint(std::string_view name) const {
  if (const Endpoint* e = find(name)) return *e;
  std::string known;
  for (const auto& entry : endpoints_) known += (known.empty() ? "" : ", ") + entry.first;
  throw Error("endpoint.unknown", "There is no endpoint '" + excerpt_of(name) + "'" +
                                      (known.empty() ? "; nothing is deployed yet." : "; the endpoints are " + known + "."));
}

Endpoint& EndpointRegistry::mut(std::string_view name) {
  endpoint(name);
  return endpoints_.find(name)->second;
}

const Endpoint& EndpointRegistry::deploy(std::string_view name, std::string stage, std::string model, int version,
                                         double time, const std::string& by, const std::string& release) {
  validate_endpoint_name(name);
  if (version < 1) throw Error("endpoint.bad_version", "A model version number starts at 1.");
  auto [it, created] = endpoints_.try_emplace(std::string(name));
  Endpoint& e = it->second;
  const bool same = !created && e.model == model && e.version == version;
  e.name = std::string(name);
  if (!stage.empty() || created) e.stage = std::move(stage);
  e.model = std::move(model);
  e.version = version;
  if (e.canary && e.canary->version == version) e.canary.reset();
  e.history.push_back({same ? "redeploy" : "deploy", e.model, version, time, by, release});
  return e;
}

const Endpoint& EndpointRegistry::rollback(std::string_view name, double time, const std::string& by) {
  Endpoint& e = mut(name);
  // The version that answered before the current one took over.
  const Deployment* previous = nullptr;
  for (auto it = e.history.rbegin(); it != e.history.rend(); ++it)
    if ((it->action == "deploy" || it->action == "rollback") && it->version != e.version) {
      previous = &*it;
      break;
    }
  if (!previous)
    throw Error("endpoint.no_previous", e.name + " has only ever served " + e.model + ":" + std::to_string(e.version) +
                                            "; there is no earlier version to roll back to.");
  const int version = previous->version;
  e.version = version;
  if (e.canary && e.canary->version == version) e.canary.reset();
  e.history.push_back({"rollback", e.model, version, time, by, ""});
  return e;
}

const Endpoint& EndpointRegistry::set_canary(std::string_view name, int version, double percent, std::uint64_t seed,
                                             double time, const std::string& by) {
  Endpoint& e = mut(name);
  if (!std::isfinite(percent) || percent < 0 || percent >= 100)
    throw Error("endpoint.bad_canary", "A canary's share is a percentage from 0 (none) up to, not including, 100.");
  if (percent == 0) {
    if (!e.canary) return e;
    e.canary.reset();
    e.history.push_back({"canary removed", e.model, e.version, time, by, ""});
    return e;
  }
  if (version == e.version)
    throw Error("endpoint.bad_canary", e.model + ":" + std::to_string(version) + " already answers at " + e.name +
                                           "; a canary sends part of the traffic to another version.");
  if (version < 1) throw Error("endpoint.bad_version", "A model version number starts at 1.");
  e.canary = Canary{version, percent, seed};
  e.history.push_back({"canary", e.model, version, time, by, ""});
  return e;
}

int route_request(const Endpoint& e, std::uint64_t n) {
  if (!e.canary) return e.version;
  data::Rng rng(e.canary->seed + n * 0x9E3779B97F4A7C15ULL);
  return rng.uniform() * 100.0 < e.canary->percent ? e.canary->version : e.version;
}

bool operator==(const Deployment& a, const Deployment& b) {
  return a.action == b.action && a.model == b.model && a.version == b.version && a.time == b.time && a.by == b.by &&
         a.release == b.release;
}
bool operator==(const Canary& a, const Canary& b) {
  return a.version == b.version && a.percent == b.percent && a.seed == b.seed;
}
bool operator==(const Endpoint& a, const Endpoint& b) {
  return a.name == b.name && a.stage == b.stage && a.model == b.model && a.version == b.version &&
         a.canary == b.canary && a.history == b.history;
}
bool operator==(const EndpointRegistry& a, const EndpointRegistry& b) { return a.endpoints_ == b.endpoints_; }

void to_json(json& j, const EndpointRegistry& r) {
  json list = json::array();
  for (const auto& [name, e] : r.endpoints()) {
    json history = json::array();
    for (const Deployment& d : e.history)
      history.push_back({{"action", d.action}, {"model", d.model}, {"version", d.version}, {"time", d.time},
                         {"by", d.by}, {"release", d.release}});
    json canary = e.canary ? json{{"version", e.canary->version}, {"percent", e.canary->percent}, {"seed", e.canary->seed}}
                           : json(nullptr);
    list.push_back({{"name", name}, {"stage", e.stage}, {"model", e.model}, {"version", e.version},
                    {"scoring_uri", e.scoring_uri()}, {"canary", canary}, {"history", history}});
  }
  j = {{"endpoints", list}};
}

void from_json(const json& j, EndpointRegistry& out) {
  EndpointRegistry r;
  try {
    for (const json& e : j.at("endpoints")) {
      Endpoint ep;
      ep.name = e.at("name").get<std::string>();
      validate_endpoint_name(ep.name);
      ep.stage = e.at("stage").get<std::string>();
      ep.model = e.at("model").get<std::string>();
      ep.version = e.at("version").get<int>();
      if (!e.at("canary").is_null())
        ep.canary = Canary{e["canary"].at("version").get<int>(), e["canary"].at("percent").get<double>(),
                           e["canary"].at("seed").get<std::uint64_t>()};
      for (const json& d : e.at("history"))
        ep.history.push_back({d.at("action").get<std::string>(), d.at("model").get<std::string>(),
                              d.at("version").get<int>(), d.at("time").get<double>(), d.at("by").get<std::string>(),
                              d.at("release").get<std::string>()});
      if (!r.endpoints_.emplace(ep.name, std::move(ep)).second) corrupt("an endpoint name appears twice.");
    }
  } catch (const Error& e) {
    if (e.code() == "endpoint.corrupt") throw;
    corrupt(e.what());
  } catch (const json::exception& e) {
    corrupt(e.what());
  }
  out = std::move(r);
}

}  // namespace mlcore::ops

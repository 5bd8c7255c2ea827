// Deployment endpoints of the workspace (iris-uat, iris-prod): which model version answers at
// each scoring URI, the history of deployments, redeploys and rollbacks, and an optional canary
// that sends a seeded share of the requests to a second version. A pure value on the caller's
// simulated clock; the scoring itself is core/serve's.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::ops {

struct Deployment {
  std::string action;  // "deploy", "redeploy", "rollback", "canary", "canary removed"
  std::string model;   // registered model name, e.g. "IRIS"
  int version = 0;     // the version deployed after this change; for "canary", the canary's version
  double time = 0;
  std::string by;       // a role
  std::string release;  // "Release-3" when a release made it, else empty
};

struct Canary {
  int version = 0;      // the challenger answering `percent` of the requests
  double percent = 0;   // (0, 100)
  std::uint64_t seed = 0;
};

struct Endpoint {
  std::string name;   // [a-z0-9-]+, e.g. "iris-prod"
  std::string stage;  // "UAT", "PROD" or another environment name
  std::string model;
  int version = 0;
  std::optional<Canary> canary;
  std::vector<Deployment> history;  // oldest first

  // "/endpoints/iris-prod/score": where the page's Service Worker answers.
  std::string scoring_uri() const { return "/endpoints/" + name + "/score"; }
};

// Throws endpoint.bad_name unless the name is 1-63 of [a-z0-9-], not starting or ending with '-'.
void validate_endpoint_name(std::string_view name);

class EndpointRegistry {
 public:
  // Creates the endpoint or points it at another version ("redeploy" when it is the same one).
  // A canary of the version now deployed is removed.
  const Endpoint& deploy(std::string_view name, std::string stage, std::string model, int version, double time,
                         const std::string& by, const std::string& release = "");
  // Back to the version that answered before the current one (endpoint.no_previous when none).
  const Endpoint& rollback(std::string_view name, double time, const std::string& by);
  // Sends `percent` (0 < p < 100) of the requests to `version` of the same model; 0 removes the
  // canary. endpoint.bad_canary for a percent outside [0, 100) or the version already deployed.
  const Endpoint& set_canary(std::string_view name, int version, double percent, std::uint64_t seed, double time,
                             const std::string& by);

  // Throws endpoint.unknown naming the endpoints that exist.
  const Endpoint& endpoint(std::string_view name) const;
  const Endpoint* find(std::string_view name) const;
  const std::map<std::string, Endpoint, std::less<>>& endpoints() const { return endpoints_; }

  friend bool operator==(const EndpointRegistry& a, const EndpointRegistry& b);
  friend void from_json(const nlohmann::json& j, EndpointRegistry& r);

 private:
  Endpoint& mut(std::string_view name);
  std::map<std::string, Endpoint, std::less<>> endpoints_;
};

// The version that answers request number `n` (0, 1, 2, ...) of the endpoint: the canary's for a
// seeded pseudo-random `percent` share of the numbers, else the deployed one. The same seed and
// numbers give the same split natively and in wasm.
int route_request(const Endpoint& e, std::uint64_t n);

inline bool operator!=(const EndpointRegistry& a, const EndpointRegistry& b) { return !(a == b); }
bool operator==(const Deployment& a, const Deployment& b);
bool operator==(const Canary& a, const Canary& b);
bool operator==(const Endpoint& a, const Endpoint& b);

// {"endpoints": [{"name", "stage", "model", "version", "scoring_uri", "canary": null |
// {"version", "percent", "seed"}, "history": [...]}]}; reading throws endpoint.corrupt.
void to_json(nlohmann::json& j, const EndpointRegistry& r);
void from_json(const nlohmann::json& j, EndpointRegistry& r);

}  // namespace mlcore::ops

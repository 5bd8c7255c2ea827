// What the session keeps for deployed endpoints besides the workspace: the model files it has
// loaded (by artifact key), a request counter per endpoint (the canary's routing input), and the
// request log that monitoring reads. None of it is exported: the workspace records deployments,
// the traffic itself is this session's.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "../models/model_file.hpp"
#include "../serve/scoring.hpp"
#include "session.hpp"

namespace mlcore::api {

struct EndpointRequest {
  std::uint64_t number = 0;  // per endpoint, from 0
  std::string endpoint;
  std::string model;
  int version = 0;
  double time = 0;  // the workspace's simulated clock when it was answered
  std::string path;
  std::string input;   // request body (cut to 4 KB)
  int status = 0;
  std::string output;  // response body (cut to 4 KB)
};

struct EndpointState {
  std::map<std::string, std::shared_ptr<const models::ModelBundle>> models;  // by artifact key
  std::map<std::string, std::uint64_t> served;                               // requests per endpoint
  std::deque<EndpointRequest> requests;                                      // newest last
  static constexpr std::size_t kMaxLogged = 10000;
};

// The model file of a registered model version, loaded once per session (blob.missing when the
// workspace does not hold its artifact).
std::shared_ptr<const models::ModelBundle> model_of_version(Session& s, const std::string& model, int version);

// Answers one HTTP-like request at a deployed endpoint, as `mlplay serve` would answer it for
// that model version, routing through the endpoint's canary, and logs it. {endpoint, method?
// (POST), path? (/score), content_type, body} -> {status, content_type, headers, body, model,
// version}.
Json score_at_endpoint(Session& s, const Json& args);

}  // namespace mlcore::api

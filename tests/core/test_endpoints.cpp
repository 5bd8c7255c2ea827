// Endpoints: deploy, redeploy, rollback to the version that answered before, canary splits that
// are seeded and near their percentage, name rules, and the JSON round trip.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "core/ops/endpoints.hpp"
#include "error_checks.hpp"

using mlcore::ops::EndpointRegistry;
using mlcore::ops::route_request;
using mlplay_test::error_code;

TEST_CASE("Deploying IRIS:1 then IRIS:2 to iris-prod serves IRIS:2, rollback serves IRIS:1 again", "[endpoints]") {
  EndpointRegistry r;
  r.deploy("iris-prod", "PROD", "IRIS", 1, 60, "ML Engineer", "Release-1");
  const auto& e = r.deploy("iris-prod", "PROD", "IRIS", 2, 120, "ML Engineer", "Release-2");
  CHECK(e.version == 2);
  CHECK(e.scoring_uri() == "/endpoints/iris-prod/score");
  const auto& back = r.rollback("iris-prod", 180, "Approver");
  CHECK(back.version == 1);
  REQUIRE(back.history.size() == 3);
  CHECK(back.history[2].action == "rollback");
  CHECK(back.history[2].by == "Approver");
  CHECK(back.history[1].release == "Release-2");
  // Redeploying what already answers is recorded as a redeploy, and changes no version.
  CHECK(r.deploy("iris-prod", "", "IRIS", 1, 240, "ML Engineer").history.back().action == "redeploy");
  CHECK(r.endpoint("iris-prod").stage == "PROD");
}

TEST_CASE("Rollback of an endpoint that only ever served one version is refused", "[endpoints]") {
  EndpointRegistry r;
  r.deploy("iris-uat", "UAT", "IRIS", 1, 60, "ML Engineer");
  CHECK(error_code([&] { r.rollback("iris-uat", 90, "ML Engineer"); }) == "endpoint.no_previous");
  CHECK(error_code([&] { r.rollback("iris-nope", 90, "ML Engineer"); }) == "endpoint.unknown");
  CHECK(r.endpoint("iris-uat").history.size() == 1);
}

TEST_CASE("Endpoint names are lower-case DNS-style labels", "[endpoints]") {
  EndpointRegistry r;
  for (const char* bad : {"", "Iris", "iris_prod", "-iris", "iris-", "iris prod"})
    CHECK(error_code([&] { r.deploy(bad, "UAT", "IRIS", 1, 0, "x"); }) == "endpoint.bad_name");
  CHECK(r.endpoints().empty());
}

TEST_CASE("A 10 percent canary sends close to 10 percent of 10,000 requests to the challenger, the same way every time", "[endpoints]") {
  EndpointRegistry r;
  r.deploy("iris-prod", "PROD", "IRIS", 1, 0, "x");
  const auto& e = r.set_canary("iris-prod", 2, 10, 7, 60, "x");
  int to_challenger = 0;
  for (std::uint64_t n = 0; n < 10000; ++n) to_challenger += route_request(e, n) == 2;
  // Binomial(10000, 0.1): standard deviation 30 requests; 5 of them either side is a wide margin.
  CHECK(to_challenger > 850);
  CHECK(to_challenger < 1150);
  int again = 0;
  for (std::uint64_t n = 0; n < 10000; ++n) again += route_request(r.endpoint("iris-prod"), n) == 2;
  CHECK(again == to_challenger);
  CHECK(error_code([&] { r.set_canary("iris-prod", 1, 10, 7, 60, "x"); }) == "endpoint.bad_canary");
  CHECK(error_code([&] { r.set_canary("iris-prod", 2, 100, 7, 60, "x"); }) == "endpoint.bad_canary");
  // Promoting the challenger ends the canary.
  CHECK_FALSE(r.deploy("iris-prod", "PROD", "IRIS", 2, 120, "x").canary.has_value());
}

TEST_CASE("Endpoints survive the JSON round trip, and damaged JSON is endpoint.corrupt", "[endpoints]") {
  EndpointRegistry r;
  r.deploy("iris-uat", "UAT", "IRIS", 1, 60, "ML Engineer");
  r.deploy("iris-prod", "PROD", "IRIS", 1, 120, "Approver", "Release-1");
  r.set_canary("iris-prod", 3, 25, 11, 180, "ML Engineer");
  nlohmann::json j = r;
  CHECK(j["endpoints"][0]["scoring_uri"] == "/endpoints/iris-prod/score");
  EndpointRegistry back = j.get<EndpointRegistry>();
  CHECK(back == r);
  j["endpoints"][0]["version"] = "two";
  CHECK(error_code([&] { (void)j.get<EndpointRegistry>(); }) == "endpoint.corrupt");
}

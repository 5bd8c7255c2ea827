// The command interface: known commands answer, errors come back as values with stable codes.
#include <catch2/catch.hpp>

#include "core/api/session.hpp"
#include "core/error.hpp"

using mlcore::api::Json;
using mlcore::api::Session;

TEST_CASE("core.version names the product and the project's version", "[api]") {
  Session s;
  CHECK(s.call("core.version", Json::object()) == std::string("MLOps Playground core ") + MLPLAY_VERSION);
}

TEST_CASE("an unknown command is an error value with code api.unknown_command", "[api]") {
  Session s;
  Json r = s.call_safe("no.such.command", Json::object());
  REQUIRE(r.contains("error"));
  CHECK(r["error"]["code"] == "api.unknown_command");
  CHECK(r["error"]["message"].get<std::string>().find("no.such.command") != std::string::npos);
  // The session keeps working after the error.
  CHECK(s.call_safe("core.version", Json::object()).contains("result"));
}

TEST_CASE("the build facts say native and name the compiler", "[api]") {
  Session s;
  Json b = s.call("core.build", Json::object());
  CHECK(b["target"] == "native");
  CHECK(b["version"] == MLPLAY_VERSION);
  CHECK_FALSE(b["compiler"].get<std::string>().empty());
}

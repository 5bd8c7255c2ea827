// Checking a pipeline spec: each problem has its code, names the step it is in, and carries the
// line and column the source map gives for its place (or its nearest parent's).
#include <catch2/catch.hpp>

#include "core/api/session.hpp"
#include "core/ops/pipeline/pipeline_spec.hpp"
#include "core/ops/pipeline/variables.hpp"
#include "error_checks.hpp"
#include "test_pipeline_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using mlcore::ops::SourceLines;

namespace {

Json validate(Session& s, const Json& spec, const Json& lines = Json::object()) {
  return s.call("pipeline.validate",
                {{"spec", spec}, {"lines", lines}, {"groups", {{"IRISBuildVG", mlplay_test::iris_build_group()}}}});
}

Json& steps_of(Json& spec) { return spec["stages"][0]["jobs"][0]["steps"]; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("The IRIS build spec checks with its sources and the failures it can show", "[pipeline_spec]") {
  Session s;
  const Json r = validate(s, mlplay_test::iris_build_spec());
  CHECK(r["ok"] == true);
  CHECK(r["errors"].empty());
  CHECK(r["sources"] == Json::array({"iris"}));
  CHECK(r["failures"] == Json::array({"compute_quota"}));
  CHECK(r["groups"] == Json::array({"IRISBuildVG"}));
  const Json& compute = r["stages"][0]["jobs"][0]["steps"][2];
  // Variables substituted and typed: "0" from the group is the integer 0.
  CHECK(compute["inputs"] == Json{{"name", "iriscompute"}, {"vm_size", "STANDARD_DS2_V2"}, {"min_nodes", 0}, {"max_nodes", 1},
                                  {"idle_seconds", 300.0}, {"workspace", "iris_workspace"}});
  CHECK(validate(s, mlplay_test::gated_spec())["failures"] ==
        Json::array({"compute_quota", "data_validation", "quality_gate_miss"}));
}

TEST_CASE("An undefined $(ml.nope) is an error naming the step, at the input's line", "[pipeline_spec]") {
  Session s;
  Json spec = mlplay_test::iris_build_spec();
  steps_of(spec)[2]["inputs"]["name"] = "$(ml.nope)";
  const Json lines = {{"/stages/0/jobs/0/steps/2", {{"line", 30}, {"column", 13}}},
                      {"/stages/0/jobs/0/steps/2/inputs/name", {{"line", 33}, {"column", 21}}}};
  const Json r = validate(s, spec, lines);
  REQUIRE(r["errors"].size() == 1);
  const Json& e = r["errors"][0];
  CHECK(e["code"] == "pipeline.undefined_variable");
  CHECK(e["pointer"] == "/stages/0/jobs/0/steps/2/inputs/name");
  CHECK(e["line"] == 33);
  CHECK(e["column"] == 21);
  CHECK(has(e["message"], "Step 'Create/use compute'"));
  CHECK(has(e["message"], "$(ml.nope)"));
  // pipeline.run refuses it with the same location and logs nothing.
  try {
    s.call("pipeline.run", {{"spec", spec}, {"lines", lines}, {"groups", {{"IRISBuildVG", mlplay_test::iris_build_group()}}}});
    FAIL("pipeline.run ran an invalid spec");
  } catch (const mlcore::Error& err) {
    CHECK(err.code() == "pipeline.undefined_variable");
    CHECK(err.where().line == 33);
  }
  CHECK(mlcore::api::current_workspace(s).log.empty());
}

TEST_CASE("A variable spelt in another case is suggested", "[pipeline_spec]") {
  Session s;
  Json spec = mlplay_test::iris_build_spec();
  steps_of(spec)[2]["inputs"]["name"] = "$(ml.computename)";
  CHECK(has(validate(s, spec)["errors"][0]["message"], "Did you mean $(ml.computeName)?"));
}

TEST_CASE("Unknown step kinds, unknown and missing inputs, bad thresholds and VM sizes have their codes", "[pipeline_spec]") {
  Session s;
  Json spec = mlplay_test::gated_spec();
  auto& steps = steps_of(spec);
  steps[0]["kind"] = "install_everything";
  steps[1]["inputs"]["colour"] = "blue";
  steps[2]["inputs"]["vm_size"] = "STANDARD_XXL";
  steps[6]["inputs"].erase("target");
  steps[8]["inputs"]["threshold"] = 90;
  const Json lines = {{"/stages/0/jobs/0/steps/0/kind", {{"line", 20}, {"column", 19}}},
                      {"/stages/0/jobs/0/steps/6", {{"line", 60}, {"column", 13}}}};
  const Json r = validate(s, spec, lines);
  CHECK(r["ok"] == false);
  std::vector<std::string> codes;
  for (const auto& e : r["errors"]) codes.push_back(e["code"]);
  CHECK(codes == std::vector<std::string>{"pipeline.unknown_step_kind", "pipeline.unknown_input",
                                          "pipeline.unknown_vm_size", "pipeline.missing_input", "pipeline.bad_threshold"});
  CHECK(r["errors"][0]["line"] == 20);
  CHECK(has(r["errors"][0]["message"], "install_dependencies"));  // lists the kinds
  CHECK(r["errors"][1]["pointer"] == "/stages/0/jobs/0/steps/1/inputs/colour");
  CHECK(r["errors"][3]["line"] == 60);  // a missing input points at its step
  CHECK(has(r["errors"][3]["message"], "Step 'Train' (train) needs the input 'target'"));
  CHECK(has(r["errors"][4]["message"], "outside 0 to 1"));
}

TEST_CASE("Structure problems: no stages, unknown fields, an unknown group, a gate before any training", "[pipeline_spec]") {
  Session s;
  CHECK(validate(s, Json::array())["errors"][0]["code"] == "pipeline.bad_spec");
  CHECK(validate(s, Json{{"name", "x"}})["errors"][0]["code"] == "pipeline.missing_field");
  Json spec = mlplay_test::iris_build_spec();
  spec["stagse"] = Json::array();
  spec["variables"][0]["group"] = "NoSuchVG";
  std::swap(steps_of(spec)[5], steps_of(spec)[6]);  // register before train
  const Json r = validate(s, spec);
  std::vector<std::string> codes;
  for (const auto& e : r["errors"]) codes.push_back(e["code"]);
  CHECK(std::count(codes.begin(), codes.end(), "pipeline.unknown_field") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "pipeline.unknown_variable_group") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "pipeline.needs_train") == 1);
  // Without the group its variables are undefined too, each naming its step.
  CHECK(std::count(codes.begin(), codes.end(), "pipeline.undefined_variable") >= 3);
}

TEST_CASE("locate falls back to the nearest parent pointer the source map has", "[pipeline_spec]") {
  const SourceLines lines = {{"", {1, 1, ""}}, {"/stages/0", {9, 5, ""}}};
  CHECK(mlcore::ops::locate(lines, "/stages/0/jobs/0/steps/3/inputs/x").line == 9);
  CHECK(mlcore::ops::locate(lines, "/name").line == 1);
  CHECK(mlcore::ops::locate({}, "/stages").line == 0);
}

TEST_CASE("$(name) substitution leaves undefined names in place and reports each once", "[pipeline_spec]") {
  std::vector<std::string> undefined;
  const std::map<std::string, std::string> values = {{"a", "1"}, {"b.c", "x"}};
  CHECK(mlcore::ops::substitute_variables("$(a)-$(b.c)-$(z)-$(z)-$(", values, undefined) == "1-x-$(z)-$(z)-$(");
  CHECK(undefined == std::vector<std::string>{"z"});
  CHECK(mlcore::ops::predefined_variables("iris-build", 3).at("Build.BuildId") == "3");
}

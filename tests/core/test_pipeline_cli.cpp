// mlplay pipeline run and validate as a CI would call them: the YAML spec runs headless against
// a workspace file it creates, exits 0 or 1 with the pipeline, and leaves the run in the file;
// the YAML runs exactly as the JSON the page would send; problems print as SPEC:LINE:COL.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "cli_runner.hpp"
#include "core/api/workspace_state.hpp"
#include "core/ops/workspace_file.hpp"
#include "test_pipeline_fixture.hpp"
#include "workspace_fixture.hpp"

using mlcore::api::Json;
using mlplay_test::mlplay;
using mlplay_test::Run;

namespace {

const std::string kSpec = std::string(MLPLAY_SOURCE_DIR) + "/pipelines/iris-build.yml";
const std::string kGated = std::string(MLPLAY_SOURCE_DIR) + "/pipelines/iris-build-gated.yml";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

mlcore::ops::WorkspaceFile read_ws(const std::string& path) {
  return mlcore::ops::read_workspace_file(mlplay_test::read_bytes(path));
}

std::string fresh(const std::string& name) {
  const std::string path = mlplay_test::temp_path(name);
  std::remove(path.c_str());
  return path;
}

}  // namespace

TEST_CASE("mlplay pipeline run creates the workspace, prints the log, exits 0 and the file holds the run", "[pipeline_cli]") {
  const std::string ws = fresh("pipe_run.mlplay.json");
  Run r = mlplay("pipeline run " + kSpec + " --workspace " + ws);
  CHECK(r.status == 0);
  CHECK(has(r.out, "Pipeline iris-build#1 (trigger: manual)"));
  CHECK(has(r.out, "] ##[section]Starting: Create/use compute"));
  CHECK(has(r.out, "Registered model IRIS:1"));
  CHECK(has(r.out, "Pipeline iris-build#1 succeeded"));
  const auto file = read_ws(ws);
  REQUIRE(file.workspace.pipelines.runs().size() == 1);
  CHECK(file.workspace.pipelines.runs()[0]["status"] == "succeeded");
  CHECK(file.workspace.pipelines.find_group("IRISBuildVG") != nullptr);  // from pipelines/variables/
  CHECK(file.workspace.models.version("IRIS", 1).tags.at("model") == "Decision Tree");
  CHECK(file.blobs.contains(file.workspace.models.version("IRIS", 1).source));  // the model file
  CHECK(mlcore::ops::missing_artifacts(file).empty());
  // Again: the second run is recorded in the same file.
  CHECK(mlplay("pipeline run " + kSpec + " --workspace " + ws).status == 0);
  CHECK(read_ws(ws).workspace.pipelines.runs().size() == 2);
}

TEST_CASE("The YAML spec through mlplay runs exactly as the JSON spec through the session", "[pipeline_cli]") {
  const std::string ws = fresh("pipe_same.mlplay.json");
  REQUIRE(mlplay("pipeline run " + kSpec + " --workspace " + ws + " --as Approver").status == 0);
  const Json cli_run = read_ws(ws).workspace.pipelines.runs()[0];
  mlcore::api::Session s;
  s.call("workspace.actor", {{"actor", "Approver"}});
  int table = 0;
  mlplay_test::load_iris(s, &table);
  const Json run = s.call("pipeline.run", mlplay_test::run_args(mlplay_test::iris_build_spec(), table))["run"];
  CHECK(cli_run == run);
  CHECK(read_ws(ws).workspace == mlcore::api::current_workspace(s));
}

TEST_CASE("A failing pipeline exits 1 with the reason and the failed run is written, gzip kept", "[pipeline_cli]") {
  const std::string ws = fresh("pipe_fail.mlplay.json.gz");
  Run r = mlplay("pipeline run " + kGated + " --workspace " + ws + " --fail compute_quota");
  CHECK(r.status == 1);
  CHECK(has(r.out, "##[error]QuotaExceeded: "));
  CHECK(has(r.out, "Upload data: skipped (an earlier step failed)"));
  const std::string bytes = mlplay_test::read_bytes(ws);
  REQUIRE(bytes.size() > 2);
  CHECK(static_cast<unsigned char>(bytes[0]) == 0x1f);
  Run j = mlplay("pipeline run " + kGated + " --workspace " + ws + " --fail quality_gate_miss,data_validation --json");
  CHECK(j.status == 1);
  const Json out = Json::parse(j.out);
  CHECK(out["run"]["failures"] == Json::array({"quality_gate_miss", "data_validation"}));
  CHECK(out["run"]["steps"][4]["error"]["code"] == "pipeline.data_validation_failed");
}

TEST_CASE("An undefined $(ml.nope) prints SPEC:LINE:COL naming the step and exits 1", "[pipeline_cli]") {
  const std::string spec = mlplay_test::write_temp("pipe_nope.yml",
                                                   "name: nope\n"                          // 1
                                                   "variables:\n"                          // 2
                                                   "  - name: ml.computeName\n"            // 3
                                                   "    value: iriscompute\n"              // 4
                                                   "stages:\n"                             // 5
                                                   "  - name: Build\n"                     // 6
                                                   "    jobs:\n"                           // 7
                                                   "      - name: Compute\n"               // 8
                                                   "        steps:\n"                      // 9
                                                   "          - name: Make the cluster\n"  // 10
                                                   "            kind: create_compute\n"    // 11
                                                   "            inputs:\n"                 // 12
                                                   "              name: $(ml.computeName)\n"
                                                   "              vm_size: $(ml.nope)\n");  // 14
  const std::string ws = fresh("pipe_nope.mlplay.json");
  for (const std::string& command : {"pipeline validate " + spec, "pipeline run " + spec + " --workspace " + ws}) {
    Run r = mlplay(command, true);
    CHECK(r.status == 1);
    CHECK(has(r.out, spec + ":14:24: Step 'Make the cluster' uses $(ml.nope) in its input 'vm_size'"));
    CHECK(has(r.out, "[pipeline.undefined_variable]"));
  }
  CHECK(mlplay_test::read_bytes(ws).empty());  // nothing was written
}

TEST_CASE("A YAML syntax error is pipeline.yaml_syntax at its line, validate passes the shipped specs", "[pipeline_cli]") {
  const std::string spec = mlplay_test::write_temp("pipe_bad.yml", "name: x\nstages: [\n  {name: a\n");
  Run r = mlplay("pipeline validate " + spec, true);
  CHECK(r.status == 1);
  CHECK(has(r.out, spec + ":"));
  CHECK(has(r.out, "[pipeline.yaml_syntax]"));
  Run ok = mlplay("pipeline validate " + kSpec);
  CHECK(ok.status == 0);
  CHECK(has(ok.out, "ok: pipeline iris-build, 1 stage(s), 8 steps"));
  CHECK(mlplay("pipeline validate " + kGated).status == 0);
}

TEST_CASE("mlplay pipeline usage errors exit 2", "[pipeline_cli]") {
  CHECK(mlplay("pipeline run " + kSpec).status == 2);  // no --workspace
  CHECK(mlplay("pipeline lint " + kSpec).status == 2);
  CHECK(mlplay("pipeline").status == 2);
  CHECK(mlplay("pipeline run " + kSpec + " --workspace x --trigger nightly").status == 2);
  CHECK(mlplay("pipeline --help").status == 0);
}

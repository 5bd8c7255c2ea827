// mlplay runs and mlplay models reading a workspace file: listings, filters, ordering, a run's
// and a version's details, and the errors of unknown names and damaged files.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "workspace_fixture.hpp"

using mlplay_test::mlplay;
using mlplay_test::Run;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The session after all eight steps: IRIS:1 Archived, IRIS:2 Production and champion.
std::string session_path(const std::string& name) {
  return mlplay_test::write_temp(name, mlcore::ops::write_workspace_file(mlplay_test::session_file()));
}

std::vector<std::string> ids(const json& runs) {
  std::vector<std::string> out;
  for (const auto& r : runs) out.push_back(r["id"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("mlplay runs list prints each run with experiment, status, family, dataset and metrics", "[cli_workspace]") {
  const std::string ws = session_path("runs_list.json");
  Run r = mlplay("runs list " + ws);
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "run-1"));
  CHECK(has(r.out, "run-2"));
  CHECK(has(r.out, "IRISExperiment"));
  CHECK(has(r.out, "finished"));
  CHECK(has(r.out, "logistic_regression"));
  CHECK(has(r.out, "IRIS:1"));
  CHECK(has(r.out, "accuracy"));
  CHECK(has(r.out, "0.96"));
  Run j = mlplay("runs list " + ws + " --json");
  REQUIRE(j.status == 0);
  const json runs = json::parse(j.out);
  CHECK(ids(runs) == std::vector<std::string>{"run-1", "run-2"});
  CHECK(runs[1]["metrics"]["accuracy"] == 0.96);
}

TEST_CASE("mlplay runs list filters with the Runs view grammar and orders by a metric", "[cli_workspace]") {
  const std::string ws = session_path("runs_filter.json");
  auto listed = [&](const std::string& options) {
    Run r = mlplay("runs list " + ws + " --json " + options);
    REQUIRE(r.status == 0);
    return ids(json::parse(r.out));
  };
  CHECK(listed("--filter 'metrics.accuracy >= 0.95'") == std::vector<std::string>{"run-2"});
  CHECK(listed("--filter 'params.max_depth = 3 and status = finished'") == std::vector<std::string>{"run-1"});
  CHECK(listed("--filter 'metrics.accuracy > 0.99'").empty());
  CHECK(listed("--order-by accuracy") == std::vector<std::string>{"run-2", "run-1"});
  CHECK(listed("--order-by accuracy --ascending") == std::vector<std::string>{"run-1", "run-2"});
  // Only run-1 has train_loss: it comes first either way, the run without it last.
  CHECK(listed("--order-by train_loss --ascending") == std::vector<std::string>{"run-1", "run-2"});
  CHECK(listed("--experiment IRISExperiment --order-by accuracy") == std::vector<std::string>{"run-2", "run-1"});
  CHECK(mlplay("runs list " + ws + " --filter 'metrics.accuracy > 0.99'").out == "No runs match.\n");
}

TEST_CASE("mlplay runs list: a bad filter or an unknown experiment fails with the core's code, exit 1", "[cli_workspace]") {
  const std::string ws = session_path("runs_bad.json");
  Run bad = mlplay("runs list " + ws + " --filter 'metrics.accuracy >= high'", true);
  CHECK(bad.status == 1);
  CHECK(has(bad.out, "tracking.bad_filter"));
  Run unknown = mlplay("runs list " + ws + " --experiment Nope", true);
  CHECK(unknown.status == 1);
  CHECK(has(unknown.out, "tracking.unknown_experiment"));
  CHECK(mlplay("runs list").status == 2);
  CHECK(mlplay("runs list " + ws + " --ascending").status == 2);
  CHECK(mlplay("runs list " + ws + " --bogus").status == 2);
  CHECK(mlplay("runs frob " + ws).status == 2);
  CHECK(mlplay("runs").status == 2);
}

TEST_CASE("mlplay runs show gives params, metrics, series lengths, tags, artifacts, dataset, note and times", "[cli_workspace]") {
  const std::string ws = session_path("runs_show.json");
  Run r = mlplay("runs show " + ws + " run-1");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "max_depth=3"));
  CHECK(has(r.out, "accuracy=0.9"));
  CHECK(has(r.out, "train_loss (3 points, steps 1..3)"));
  CHECK(has(r.out, "model=Decision Tree"));
  CHECK(has(r.out, "IRIS:1"));
  CHECK(has(r.out, "baseline"));
  CHECK(has(r.out, "took 30 s"));
  Run j = mlplay("runs show " + ws + " run-1 --json");
  REQUIRE(j.status == 0);
  const json run = json::parse(j.out);
  CHECK(run["series_lengths"]["train_loss"] == 3);
  CHECK(run["metrics"]["train_loss"] == 0.3);
  CHECK(run["end_time"].get<double>() - run["start_time"].get<double>() == 30);
  CHECK(run["dataset"]["name"] == "IRIS");
  CHECK(run["artifacts"].contains("model"));
  Run unknown = mlplay("runs show " + ws + " run-9", true);
  CHECK(unknown.status == 1);
  CHECK(has(unknown.out, "tracking.unknown_run"));
  CHECK(mlplay("runs show " + ws).status == 2);
}

TEST_CASE("mlplay models list shows each version's stage and aliases", "[cli_workspace]") {
  const std::string ws = session_path("models_list.json");
  Run r = mlplay("models list " + ws);
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "Archived"));
  CHECK(has(r.out, "Production"));
  CHECK(has(r.out, "champion"));
  Run j = mlplay("models list " + ws + " --json");
  REQUIRE(j.status == 0);
  const json models = json::parse(j.out);
  REQUIRE(models.size() == 1);
  CHECK(models[0]["name"] == "IRIS");
  CHECK(models[0]["aliases"] == json{{"champion", 2}});
  REQUIRE(models[0]["versions"].size() == 2);
  CHECK(models[0]["versions"][0]["stage"] == "Archived");
  CHECK(models[0]["versions"][1]["stage"] == "Production");
  CHECK(models[0]["versions"][1]["aliases"] == json{"champion"});
}

TEST_CASE("mlplay models show IRIS@champion gives IRIS:2 with history, tags, run, dataset and lineage", "[cli_workspace]") {
  const std::string ws = session_path("models_show.json");
  Run j = mlplay("models show " + ws + " IRIS@champion --json");
  REQUIRE(j.status == 0);
  const json v = json::parse(j.out);
  CHECK(v["reference"] == "IRIS:2");
  CHECK(v["stage"] == "Production");
  CHECK(v["description"] == "logistic regression, C=0.5");
  CHECK(v["tags"] == json{{"team", "blue"}});
  CHECK(v["run_id"] == "run-2");
  REQUIRE(v["history"].size() == 1);
  CHECK(v["history"][0]["from"] == "None");
  CHECK(v["history"][0]["to"] == "Production");
  CHECK(v["history"][0]["by"] == "Approver");
  CHECK(v["aliases"] == json{"champion"});
  REQUIRE(v["alias_history"].size() == 1);
  CHECK(v["lineage"]["run"]["family"] == "logistic_regression");
  CHECK(v["lineage"]["dataset"]["name"] == "IRIS");
  CHECK(v["lineage"]["dataset"]["version"] == 1);

  Run text = mlplay("models show " + ws + " IRIS:1");
  REQUIRE(text.status == 0);
  CHECK(has(text.out, "IRIS:1  Archived"));
  CHECK(has(text.out, "None -> Production by Approver: first release"));
  CHECK(has(text.out, "Production -> Archived by Approver: archived on promotion of IRIS:2"));
  CHECK(has(text.out, "depth-3 tree"));
  CHECK(has(text.out, "team=green"));

  Run all = mlplay("models show " + ws + " IRIS --json");
  REQUIRE(all.status == 0);
  const json m = json::parse(all.out);
  REQUIRE(m["versions"].size() == 2);
  CHECK(m["versions"][0]["history"].size() == 2);
  CHECK(m["alias_history"].size() == 1);
}

TEST_CASE("mlplay models show: an unknown model, version or alias fails with the registry's code, exit 1", "[cli_workspace]") {
  const std::string ws = session_path("models_unknown.json");
  Run model = mlplay("models show " + ws + " WINE", true);
  CHECK(model.status == 1);
  CHECK(has(model.out, "registry.unknown_model"));
  Run version = mlplay("models show " + ws + " IRIS:7", true);
  CHECK(version.status == 1);
  CHECK(has(version.out, "registry.unknown_version"));
  Run alias = mlplay("models show " + ws + " IRIS@nobody", true);
  CHECK(alias.status == 1);
  CHECK(has(alias.out, "registry.unknown_alias"));
}

TEST_CASE("A damaged, cut, foreign or newer workspace file prints FILE: message [code] and exits 1", "[cli_workspace]") {
  const std::string text = mlcore::ops::write_workspace_file(mlplay_test::session_file());
  const std::string cut = mlplay_test::write_temp("cut.json", text.substr(0, text.size() / 2));
  Run a = mlplay("runs list " + cut, true);
  CHECK(a.status == 1);
  CHECK(a.out.rfind(cut + ": ", 0) == 0);
  CHECK(has(a.out, "ends early"));
  CHECK(has(a.out, "[workspace.corrupt]"));

  const std::string foreign = mlplay_test::write_temp("foreign.json", R"({"format":"other"})");
  Run b = mlplay("models list " + foreign, true);
  CHECK(b.status == 1);
  CHECK(b.out.rfind(foreign + ": ", 0) == 0);
  CHECK(has(b.out, "[workspace.foreign]"));

  json newer = json::parse(text);
  newer["schema_version"] = 99;
  const std::string newer_path = mlplay_test::write_temp("newer.json", newer.dump());
  Run c = mlplay("runs show " + newer_path + " run-1", true);
  CHECK(c.status == 1);
  CHECK(has(c.out, "[workspace.schema_newer]"));

  const std::string gz = mlplay_test::gzip_bytes(text);
  const std::string cut_gz = mlplay_test::write_temp("cut.json.gz", gz.substr(0, gz.size() / 2));
  Run d = mlplay("runs list " + cut_gz, true);
  CHECK(d.status == 1);
  CHECK(d.out.rfind(cut_gz + ": ", 0) == 0);
  CHECK(has(d.out, "ends early"));
  CHECK(has(d.out, "[workspace.corrupt]"));

  Run e = mlplay("runs list /no/such/workspace.json", true);
  CHECK(e.status == 1);
  CHECK(has(e.out, "io.read_failed"));
}

TEST_CASE("A gzip-compressed workspace file reads like the plain one", "[cli_workspace]") {
  const std::string text = mlcore::ops::write_workspace_file(mlplay_test::session_file());
  const std::string plain = mlplay_test::write_temp("plain.json", text);
  const std::string gz = mlplay_test::write_temp("packed.mlplay.json", mlplay_test::gzip_bytes(text));
  Run a = mlplay("runs list " + plain + " --json");
  Run b = mlplay("runs list " + gz + " --json");
  REQUIRE(a.status == 0);
  CHECK(b.status == 0);
  CHECK(a.out == b.out);
  CHECK(mlplay("models show " + gz + " IRIS:2 --json").out == mlplay("models show " + plain + " IRIS:2 --json").out);
}

TEST_CASE("mlplay runs, models, replay and export have --help text", "[cli_workspace]") {
  for (const char* c : {"runs", "models", "replay", "export"}) {
    Run r = mlplay(std::string(c) + " --help");
    CHECK(r.status == 0);
    CHECK(has(r.out, std::string("Usage: mlplay ") + c));
  }
  CHECK(has(mlplay("models transition --help").out, "--archive-existing"));
  CHECK(has(mlplay("--help").out, "models"));
}

// Experiment tracking: deterministic run ids, the run lifecycle, per-step metrics, the Runs
// view's filter and ordering, run comparison, and a JSON round trip that gives back an equal value.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/ops/experiments.hpp"
#include "core/ops/run_filter.hpp"
#include "error_checks.hpp"

using mlcore::ops::MetricPoint;
using mlcore::ops::Run;
using mlcore::ops::RunOrder;
using mlcore::ops::RunStatus;
using mlcore::ops::Tracking;
using mlplay_test::code_of;
using nlohmann::json;

namespace {

std::vector<std::string> ids_of(const std::vector<const Run*>& runs) {
  std::vector<std::string> out;
  for (const Run* r : runs) out.push_back(r->id);
  return out;
}

// Three runs of IRISExperiment and one of another experiment, which no search of IRIS may show:
//   run-1  max_depth 3  accuracy 0.95  "Decision Tree"  finished
//   run-2  max_depth 5  accuracy 0.85  "Random Forest"  finished
//   run-3  max_depth 3  accuracy 0.92  "Decision Tree"  failed
//   run-4  (Other)      accuracy 0.99  "Decision Tree"  finished
Tracking three_runs() {
  Tracking t;
  const char* models[] = {"Decision Tree", "Random Forest", "Decision Tree"};
  int depths[] = {3, 5, 3};
  double accuracies[] = {0.95, 0.85, 0.92};
  RunStatus ends[] = {RunStatus::finished, RunStatus::finished, RunStatus::failed};
  for (int i = 0; i < 3; ++i) {
    std::string id = t.start_run("IRISExperiment", 10.0 * i, "decision_tree",
                                 {{"max_depth", depths[i]}, {"criterion", "gini"}})
                         .id;
    t.log_metric(id, "accuracy", accuracies[i]);
    t.set_tag(id, "model", models[i]);
    t.finish_run(id, ends[i], 10.0 * i + 5);
  }
  std::string other = t.start_run("Other", 40, "decision_tree", {{"max_depth", 3}}).id;
  t.log_metric(other, "accuracy", 0.99);
  t.set_tag(other, "model", "Decision Tree");
  t.finish_run(other, RunStatus::finished, 45);
  return t;
}

// The column a bad filter is reported at, or 0 when it parses.
std::size_t bad_filter_column(const std::string& filter, std::string* message = nullptr) {
  try {
    mlcore::ops::parse_run_filter(filter);
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "tracking.bad_filter");
    if (message) *message = e.what();
    return e.where().column;
  }
  return 0;
}

}  // namespace

TEST_CASE("run ids are run-1, run-2 in the order runs start, across experiments", "[tracking]") {
  Tracking t;
  CHECK(t.start_run("IRISExperiment", 1, "decision_tree").id == "run-1");
  CHECK(t.start_run("Wine Experiment", 2, "knn").id == "run-2");
  CHECK(t.start_run("IRISExperiment", 3, "decision_tree").id == "run-3");
  CHECK(ids_of(t.runs_of("IRISExperiment")) == std::vector<std::string>{"run-1", "run-3"});
  CHECK(t.run("run-2").experiment == "Wine Experiment");
  CHECK(t.experiment("Wine Experiment").created == 2);  // created by start_run, at its time
}

TEST_CASE("creating an experiment twice returns the first and bad names are refused", "[tracking]") {
  Tracking t;
  t.create_experiment("IRISExperiment", 5);
  t.set_description("IRISExperiment", "trees on iris");
  const auto& again = t.create_experiment("IRISExperiment", 9);
  CHECK(again.created == 5);
  CHECK(again.description == "trees on iris");
  CHECK(t.experiments().size() == 1);
  CHECK(code_of([&] { t.create_experiment("iris/v2", 1); }) == "tracking.bad_name");
  CHECK(code_of([&] { t.create_experiment("", 1); }) == "tracking.bad_name");
  CHECK(code_of([&] { t.runs_of("Nope"); }) == "tracking.unknown_experiment");
}

TEST_CASE("a run runs until finished and then refuses new params and metrics", "[tracking]") {
  Tracking t;
  const Run& r = t.start_run("IRISExperiment", 100, "decision_tree", {{"max_depth", 3}},
                             {{"name", "IRIS"}, {"version", 1}, {"hash", "abc"}});
  CHECK(r.status == RunStatus::running);
  CHECK_FALSE(r.end_time.has_value());
  CHECK(r.start_time == 100);
  CHECK(r.family == "decision_tree");
  CHECK(r.dataset == json{{"name", "IRIS"}, {"version", 1}, {"hash", "abc"}});
  t.log_param("run-1", "min_samples_leaf", 2);
  CHECK(r.params == json{{"max_depth", 3}, {"min_samples_leaf", 2}});
  t.finish_run("run-1", RunStatus::finished, 107.5);
  CHECK(r.status == RunStatus::finished);
  CHECK(r.end_time == 107.5);
  CHECK(code_of([&] { t.finish_run("run-1", RunStatus::failed, 110); }) == "tracking.run_not_running");
  CHECK(code_of([&] { t.log_metric("run-1", "accuracy", 0.9); }) == "tracking.run_not_running");
  CHECK(code_of([&] { t.log_param("run-1", "max_depth", 4); }) == "tracking.run_not_running");
  // Annotations may come after the run: the confusion matrix, a note, a tag.
  t.add_artifact("run-1", "confusion_matrix", json{{1, 0}, {0, 1}});
  t.set_note("run-1", "best so far");
  t.set_tag("run-1", "model", "Decision Tree");
  CHECK(r.artifacts.at("confusion_matrix") == json{{1, 0}, {0, 1}});
  CHECK(r.note == "best so far");
  CHECK(code_of([&] { t.run("run-2"); }) == "tracking.unknown_run");
  CHECK(code_of([&] { t.run("run-01"); }) == "tracking.unknown_run");
}

TEST_CASE("finishing as running or before the start is refused", "[tracking]") {
  Tracking t;
  t.start_run("IRISExperiment", 50, "knn");
  CHECK(code_of([&] { t.finish_run("run-1", RunStatus::running, 60); }) == "tracking.bad_status");
  CHECK(code_of([&] { t.finish_run("run-1", RunStatus::cancelled, 49); }) == "tracking.bad_time");
  t.finish_run("run-1", RunStatus::cancelled, 50);
  CHECK(t.run("run-1").status == RunStatus::cancelled);
}

TEST_CASE("per-step metrics give the series and the final value of the latest step", "[tracking]") {
  Tracking t;
  t.start_run("IRISExperiment", 0, "gradient_boosting");
  t.log_metric("run-1", "loss", 0.9, 1);
  t.log_metric("run-1", "loss", 0.5, 2);
  t.log_metric("run-1", "loss", 0.3, 3);
  t.log_metric("run-1", "loss", 1.1, 0);  // late, but an earlier step: not the final value
  t.log_metric("run-1", "accuracy", 0.93);
  const Run& r = t.run("run-1");
  CHECK(r.series.at("loss") == std::vector<MetricPoint>{{0, 1.1}, {1, 0.9}, {2, 0.5}, {3, 0.3}});
  CHECK(r.metrics.at("loss") == 0.3);
  CHECK(r.metrics.at("accuracy") == 0.93);
  CHECK(r.series.count("accuracy") == 0);
  CHECK(code_of([&] { t.log_metric("run-1", "loss", std::nan(""), 4); }) == "tracking.bad_value");
}

TEST_CASE("search filters by metric, param, tag and status joined by and", "[tracking]") {
  Tracking t = three_runs();
  auto search = [&](const std::string& filter) { return ids_of(t.search_runs("IRISExperiment", filter)); };
  using Ids = std::vector<std::string>;
  CHECK(search("") == Ids{"run-1", "run-2", "run-3"});
  CHECK(search("metrics.accuracy >= 0.9") == Ids{"run-1", "run-3"});
  CHECK(search("metrics.accuracy < 0.9") == Ids{"run-2"});
  CHECK(search("params.max_depth = 3") == Ids{"run-1", "run-3"});
  CHECK(search("params.max_depth > 3") == Ids{"run-2"});
  CHECK(search("params.criterion = gini and params.max_depth != 3") == Ids{"run-2"});
  CHECK(search("tags.model = \"Decision Tree\"") == Ids{"run-1", "run-3"});
  CHECK(search("tags.model = 'Decision Tree' and status = finished") == Ids{"run-1"});
  CHECK(search("metrics.accuracy >= 0.9 AND params.max_depth = 3 and status = failed") == Ids{"run-3"});
  CHECK(search("status != finished") == Ids{"run-3"});
  CHECK(search("metrics.f1 > 0") == Ids{});  // no run has f1: nothing matches
}

TEST_CASE("search orders by a metric with runs lacking it last", "[tracking]") {
  Tracking t = three_runs();
  t.start_run("IRISExperiment", 60, "knn");  // run-5, no accuracy yet
  CHECK(ids_of(t.search_runs("IRISExperiment", "", RunOrder{"accuracy", true})) ==
        std::vector<std::string>{"run-1", "run-3", "run-2", "run-5"});
  CHECK(ids_of(t.search_runs("IRISExperiment", "", RunOrder{"accuracy", false})) ==
        std::vector<std::string>{"run-2", "run-3", "run-1", "run-5"});
  CHECK(ids_of(t.search_runs("IRISExperiment", "params.max_depth = 3", RunOrder{"accuracy", false})) ==
        std::vector<std::string>{"run-3", "run-1"});
}

TEST_CASE("a malformed filter names the position of the problem", "[tracking]") {
  std::string message;
  CHECK(bad_filter_column("metrics.accuracy >= ", &message) == 21);
  CHECK(message.find("position 21") != std::string::npos);
  CHECK(bad_filter_column("metrics.accuracy > 0.9 or status = finished") == 24);
  CHECK(bad_filter_column("foo.x = 1") == 1);
  CHECK(bad_filter_column("metrics. = 1") == 1);
  CHECK(bad_filter_column("status = done") == 10);
  CHECK(bad_filter_column("tags.model < \"a\"") == 12);
  CHECK(bad_filter_column("metrics.accuracy ~ 1") == 18);
  CHECK(bad_filter_column("metrics.accuracy = high") == 20);
  CHECK(bad_filter_column("tags.model = \"Decision Tree") == 14);
  CHECK(bad_filter_column("status = finished and") == 22);
  Tracking t = three_runs();
  CHECK(code_of([&] { t.search_runs("IRISExperiment", "params.max_depth =="); }) == "tracking.bad_filter");
}

TEST_CASE("compare_runs lists values per run and marks what differs", "[tracking]") {
  Tracking t = three_runs();
  json c = t.compare_runs({"run-1", "run-2"});
  CHECK(c["runs"] == json{"run-1", "run-2"});
  CHECK(c["params"]["max_depth"] == json{3, 5});
  CHECK(c["params"]["criterion"] == json{"gini", "gini"});
  CHECK(c["metrics"]["accuracy"] == json{0.95, 0.85});
  CHECK(c["differs"] == json{{"params.max_depth", true}, {"params.criterion", false},
                             {"metrics.accuracy", true}});
  json same = t.compare_runs({"run-1", "run-3"});
  CHECK(same["differs"]["params.max_depth"] == false);
  Tracking u;
  u.start_run("E", 0, "knn", {{"n_neighbors", 5}});
  u.start_run("E", 1, "knn", json::object());
  CHECK(u.compare_runs({"run-1", "run-2"})["params"]["n_neighbors"] == json{5, nullptr});
  CHECK(u.compare_runs({"run-1", "run-2"})["differs"]["params.n_neighbors"] == true);
  CHECK(code_of([&] { t.compare_runs({"run-1", "run-9"}); }) == "tracking.unknown_run");
}

TEST_CASE("tracking survives a JSON round trip equal and keeps numbering runs", "[tracking]") {
  Tracking t = three_runs();
  t.set_description("IRISExperiment", "trees on iris");
  t.start_run("IRISExperiment", 70, "gradient_boosting", {{"learning_rate", 0.1}},
              {{"name", "IRIS"}, {"version", 2}, {"hash", "h2"}});
  t.log_metric("run-5", "loss", 0.7, 1);
  t.log_metric("run-5", "loss", 0.4, 2);
  t.add_artifact("run-5", "model", "model-run-5");
  t.add_artifact("run-5", "roc", json{{{"fpr", 0}, {"tpr", 0}}, {{"fpr", 1}, {"tpr", 1}}});
  t.set_note("run-5", "still running");
  json j = t;
  CHECK(j["runs"][4]["end_time"].is_null());
  CHECK(j["runs"][0]["status"] == "finished");
  CHECK(j["runs"][4]["series"]["loss"] == json{{{"step", 1}, {"value", 0.7}}, {{"step", 2}, {"value", 0.4}}});
  Tracking back = j.get<Tracking>();
  CHECK(back == t);
  CHECK(json(back) == j);
  CHECK(back.start_run("IRISExperiment", 80, "knn").id == "run-6");
  CHECK(back != t);
}

TEST_CASE("damaged tracking JSON is refused as tracking.corrupt naming the field", "[tracking]") {
  json good = three_runs();
  auto refused = [&](json bad) {
    Tracking t = three_runs();
    std::string message;
    CHECK(code_of([&] { bad.get_to(t); }, &message) == "tracking.corrupt");
    CHECK(t == three_runs());  // a damaged file leaves the value as it was
    return message;
  };
  json bad = good;
  bad["runs"][1]["status"] = "done";
  CHECK(refused(bad).find("runs[1].status") != std::string::npos);
  bad = good;
  bad["runs"][2]["id"] = "run-7";
  CHECK(refused(bad).find("runs[2].id") != std::string::npos);
  bad = good;
  bad["runs"][0]["end_time"] = nullptr;  // finished without an end
  CHECK(refused(bad).find("runs[0].end_time") != std::string::npos);
  bad = good;
  bad["runs"][0]["metrics"]["accuracy"] = "high";
  CHECK(refused(bad).find("runs[0].metrics") != std::string::npos);
  bad = good;
  bad["runs"][3]["experiment"] = "Missing";
  CHECK(refused(bad).find("runs[3].experiment") != std::string::npos);
  bad = good;
  bad["experiments"][0]["name"] = "bad/name";
  CHECK(refused(bad).find("experiments[0].name") != std::string::npos);
  bad = good;
  bad["runs"][0].erase("params");
  CHECK(refused(bad).find("runs[0].params") != std::string::npos);
  CHECK(refused(json::array()).find("tracking.experiments") != std::string::npos);
}

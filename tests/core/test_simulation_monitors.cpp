// The monitors of a window and the continuous-training policy: drift verdicts with core/drift's
// sentences, the quality alert against the serving model's own score, the error-rate and
// missing-value monitors under a data quality break, concept drift that only the quality monitor
// sees, the policy's timing, and the histogram the Monitoring view draws for a column.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/sim/monitors.hpp"
#include "core/sim/policy.hpp"
#include "core/sim/stream.hpp"
#include "error_checks.hpp"
#include "test_simulation_fixture.hpp"

using mlcore::api::Json;
using mlcore::api::Session;
using namespace mlplay_test;
namespace sim = mlcore::sim;

namespace {

const mlcore::data::Table& iris() {
  static const mlcore::data::Table t = mlcore::data::read_csv(source_file("datasets/iris.csv")).table;
  return t;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("Window monitors flag the shifted columns, each verdict with core/drift's sentence, and raise one data drift alert",
          "[simulation]") {
  Json j = {{"dataset", "iris"}, {"target", "Species"},
            {"drifts", {{{"kind", "covariate_shift"}, {"columns", {"PetalLengthCm", "PetalWidthCm"}}, {"intensity", 1.5}}}}};
  sim::Scenario s = sim::parse_scenario(j);
  sim::check_against(s, iris());
  const sim::Window w = sim::stream_window(s, sim::plan_stream(s), iris(), sim::column_stats(iris()), 7, 0);
  const sim::WindowCheck c = sim::check_window(iris(), w.rows, s.model.features, nullptr, nullptr, 0, s.monitors);
  REQUIRE(c.data.columns.size() == 4);
  CHECK(c.data.dataset.share == 0.5);
  CHECK(c.data.dataset.drift);
  for (const auto& col : c.data.columns) {
    CHECK(col.drift == (col.column.rfind("Petal", 0) == 0));
    CHECK_THAT(col.explanation, Catch::StartsWith(col.column + (col.drift ? ": drift. K-S p-value" : ": no drift. K-S p-value")));
  }
  const auto alerts = sim::window_alerts(c, {0, 0, 0, 0}, 0, 0, 1, s.monitors);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].monitor == "data_drift");
  CHECK(alerts[0].message == "Data drift: PetalLengthCm, PetalWidthCm drifted (2 of 4 columns, share 0.5 >= 0.5).");
}

TEST_CASE("A monitor's quality alert compares a window's accuracy with the serving model's own test score", "[simulation]") {
  sim::Monitors m;  // max_quality_drop 0.1
  sim::Quality q{"accuracy", 0.86, 100};
  CHECK_FALSE(sim::quality_alert(q, 0.95, 3, 3, 1, "IRIS:1", m));  // 0.86 >= 0.95 - 0.1
  q.value = 0.84;
  const auto a = sim::quality_alert(q, 0.95, 3, 3, 1, "IRIS:1", m);
  REQUIRE(a);
  CHECK(a->threshold == Approx(0.85));
  CHECK(a->message == "Model quality: accuracy 0.84 on the 100 labelled requests of day 3 is more than 0.10 below IRIS:1's test "
                      "accuracy 0.95.");
  m.min_quality = 0.9;
  CHECK(sim::quality_alert(sim::Quality{"accuracy", 0.88, 100}, 0.95, 3, 3, 1, "IRIS:1", m)->threshold == 0.9);
  CHECK_FALSE(sim::quality_alert(sim::Quality{"accuracy", 0, 0}, 0.95, 3, 3, 1, "IRIS:1", m));  // nothing labelled
}

TEST_CASE("The continuous training policy waits for labelled rows after an alert, keeps a cooldown and keeps its schedule",
          "[simulation]") {
  sim::Policy p;  // min_rows 50, cooldown 1 day, schedule 7 days, triggers drift and quality
  const sim::Alert drift{5, 5, 1, "data_drift", "", 0.5, 0.5, "Data drift"};
  const sim::Alert errors{5, 5, 1, "errors", "", 0.5, 0.05, "Errors"};
  std::size_t labelled = 0;
  auto rows = [&](double) { return labelled; };
  sim::PolicyState st = sim::start_policy(p);
  CHECK_FALSE(sim::decide(sim::Mode::Cicd, p, st, 6, {errors}, rows).retrain);  // not a trigger
  CHECK_FALSE(st.pending_since);
  CHECK_FALSE(sim::decide(sim::Mode::Cicd, p, st, 6, {drift}, rows).retrain);  // armed, no labels yet
  CHECK(st.pending_since == 5.0);
  labelled = 100;
  const sim::Decision d = sim::decide(sim::Mode::Cicd, p, st, 7, {}, rows);
  CHECK(d.retrain);
  CHECK(d.trigger == "drift");
  CHECK(d.since == 5.0);
  sim::retrained(p, st, 7);
  CHECK_FALSE(sim::decide(sim::Mode::Cicd, p, st, 7.5, {drift}, rows).retrain);  // cooldown: ignored
  CHECK_FALSE(st.pending_since);
  CHECK(sim::decide(sim::Mode::Cicd, p, st, 8, {drift}, rows).retrain);

  sim::PolicyState sched = sim::start_policy(p);
  std::vector<double> days;
  for (int day = 1; day <= 21; ++day)
    if (sim::decide(sim::Mode::Scheduled, p, sched, day, {drift}, rows).retrain) days.push_back(day);
  CHECK(days == std::vector<double>{7, 14, 21});

  sim::PolicyState manual = sim::start_policy(p);
  CHECK_FALSE(sim::decide(sim::Mode::Manual, p, manual, 6, {drift}, rows).retrain);  // nobody acts by default
  p.operator_reaction_days = 2;
  CHECK_FALSE(sim::decide(sim::Mode::Manual, p, manual, 6, {drift}, rows).retrain);
  const sim::Decision op = sim::decide(sim::Mode::Manual, p, manual, 8, {}, rows);
  CHECK(op.retrain);
  CHECK(op.reason == "The operator noticed the data_drift alert of day 5 and retrained 2 days later.");
}

TEST_CASE("A data quality break shows in the error-rate and missing-value monitors of a simulation, not in retraining",
          "[simulation]") {
  Json scenario = scenario_file("iris-sudden-shift");
  scenario["days"] = 5;
  scenario["drifts"] = {{{"kind", "quality_break"}, {"column", "SepalWidthCm"}, {"break", "missing"}, {"start_day", 2}, {"intensity", 1}}};
  Session s;
  start_simulation(s, scenario, "cicd");
  const Json state = play(s);
  const Json& w = state["windows"][3];
  CHECK(w["errors"] == 100);  // every request lacks a field the model needs: 400
  CHECK_THAT(w["first_error"].get<std::string>(), Catch::Contains("SepalWidthCm"));
  CHECK(has(alerts_about(state, 3), "errors"));
  CHECK(has(alerts_about(state, 3), "missing_values"));
  CHECK(w["missing"]["SepalWidthCm"] == 1.0);
  CHECK(w["quality"]["value"].is_null());  // no answer to compare a label with
  CHECK(w["prediction"].is_null());
  CHECK(state["markers"].empty());  // errors are not a retraining trigger
  CHECK(state["windows"][1]["errors"] == 0);
}

TEST_CASE("Concept drift shows in no feature drift monitor, only in quality once labels arrive, and continuous training "
          "retrains on it",
          "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-concept-change"), "cicd");  // class 2 becomes 1 from day 6
  const Json state = play(s);
  for (const auto& w : state["windows"]) CHECK(w["dataset"]["drift"] == false);
  CHECK(alerts_about(state, 6) == std::vector<std::string>{"quality"});
  bool raised_next_day = false;
  for (const auto& a : state["alerts"]) raised_next_day = raised_next_day || (a["window"] == 6 && a["raised"] == 7);
  CHECK(raised_next_day);  // label_delay_days 1
  REQUIRE(retraining_windows(state, true) == std::vector<std::size_t>{7});
  CHECK(state["markers"][0]["trigger"] == "quality");
  const auto acc = accuracies(state);
  CHECK(acc[6] < 0.75);
  for (std::size_t w = 8; w < acc.size(); ++w) CHECK(acc[w] >= mean(acc, 0, 6) - 0.05);
}

TEST_CASE("simulation.state gives a reference-against-current histogram for any column of a window", "[simulation]") {
  Session s;
  start_simulation(s, scenario_file("iris-sudden-shift"), "manual");
  play(s, 6);
  const Json h = s.call("simulation.state", {{"window", 5}, {"column", "PetalLengthCm"}})["histogram"];
  CHECK(h["window"] == 5);
  CHECK(h["reference_dataset"] == "IRIS:1");
  CHECK(h["drift"] == true);
  CHECK_THAT(h["explanation"].get<std::string>(), Catch::StartsWith("PetalLengthCm: drift."));
  double ref = 0, cur = 0;
  for (const auto& v : h["histogram"]["reference"]) ref += v.get<double>();
  for (const auto& v : h["histogram"]["current"]) cur += v.get<double>();
  CHECK(ref == 150);
  CHECK(cur == 100);
  const Json p = s.call("simulation.state", {{"window", 5}, {"column", "prediction"}})["histogram"];
  CHECK(p["role"] == "prediction");
  CHECK(p["histogram"]["labels"] == Json::array({"0", "1", "2"}));
  CHECK(code_of([&] { s.call("simulation.state", {{"window", 9}, {"column", "PetalLengthCm"}}); }) == "sim.unknown_window");
  CHECK(code_of([&] { s.call("simulation.state", {{"window", 1}, {"column", "Petal"}}); }) == "sim.unknown_column");
}

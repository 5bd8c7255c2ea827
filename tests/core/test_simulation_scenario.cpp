// Scenarios and their stream, without a session: reading a scenario file with its defaults, the
// errors that name a field, the schema the page builds its form from, and what each drift kind
// does to the requests, at the time it says, from the seed alone.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/api/session.hpp"
#include "core/sim/scenario.hpp"
#include "core/sim/stream.hpp"
#include "error_checks.hpp"
#include "test_simulation_fixture.hpp"

using mlcore::api::Json;
using namespace mlcore::sim;
using mlplay_test::code_of;

namespace {

const mlcore::data::Table& iris() {
  static const mlcore::data::Table t = mlcore::data::read_csv(mlplay_test::source_file("datasets/iris.csv")).table;
  return t;
}

Json iris_scenario(Json drifts) {
  return {{"name", "t"}, {"dataset", "iris"}, {"target", "Species"}, {"days", 10}, {"seed", 3}, {"drifts", std::move(drifts)}};
}

// The stream's window `w` for a scenario on iris.
Window window_of(const Json& j, std::size_t w, std::uint64_t seed = 3) {
  Scenario s = parse_scenario(j);
  check_against(s, iris());
  return stream_window(s, plan_stream(s), iris(), column_stats(iris()), seed, w);
}

double mean_of(const mlcore::data::Column& c) {
  double sum = 0;
  for (double v : c.numbers) sum += v;
  return sum / static_cast<double>(c.numbers.size());
}

}  // namespace

TEST_CASE("A scenario file reads with every default filled in, and the shipped scenarios all read", "[simulation]") {
  const Scenario s = parse_scenario(mlplay_test::scenario_file("iris-sudden-shift"));
  CHECK(s.model.name == "IRIS");
  CHECK(s.model.experiment == "IRISSimulation");
  CHECK(s.traffic.requests_per_day == 100);
  CHECK(s.drifts.size() == 1);
  CHECK(s.drifts[0].kind == "covariate_shift");
  CHECK(s.drifts[0].fields["scale"] == 1);  // a default of the kind's own field
  CHECK(s.json["monitors"]["max_error_rate"] == 0.05);
  CHECK(first_drift_day(s) == 5.0);
  const StreamPlan p = plan_stream(s);
  CHECK(p.windows == 20);
  CHECK(p.window_requests == 100);
  // Every scenario index.json lists reads and fits its dataset.
  const Json index = Json::parse(mlplay_test::source_file("scenarios/index.json"));
  CHECK(index["scenarios"].size() == 4);
  for (const auto& entry : index["scenarios"]) {
    INFO(entry["file"]);
    const Json file = Json::parse(mlplay_test::source_file("scenarios/" + entry["file"].get<std::string>()));
    CHECK(file["name"] == entry["name"]);
    CHECK(file["dataset"] == entry["dataset"]);
    Scenario sc = parse_scenario(file);
    CHECK_NOTHROW(check_against(sc, mlcore::data::read_csv(mlplay_test::source_file("datasets/" + sc.dataset + ".csv")).table));
  }
  // Windows of N requests instead of days.
  Json j = iris_scenario(Json::array());
  j["traffic"] = {{"requests_per_day", 100}, {"window_requests", 40}};
  const StreamPlan q = plan_stream(parse_scenario(j));
  CHECK(q.window_requests == 40);
  CHECK(q.window_days == 0.4);
  CHECK(q.windows == 25);
}

TEST_CASE("A scenario with a misspelt, mistyped or impossible field is refused naming the field", "[simulation]") {
  std::string message;
  Json j = iris_scenario(Json::array());
  j["traffic"] = {{"requests_per_dya", 10}};
  CHECK(code_of([&] { parse_scenario(j); }, &message) == "sim.bad_scenario");
  CHECK_THAT(message, Catch::Contains("'traffic.requests_per_dya'") && Catch::Contains("requests_per_day"));
  j = iris_scenario(Json::array({{{"kind", "covariate_shift"}, {"columns", {"PetalLengthCm"}}, {"onset", "slow"}}}));
  CHECK(code_of([&] { parse_scenario(j); }, &message) == "sim.bad_scenario");
  CHECK_THAT(message, Catch::Contains("'drifts[0].onset'") && Catch::Contains("sudden or gradual"));
  j = iris_scenario(Json::array({{{"kind", "earthquake"}}}));
  CHECK_THAT((code_of([&] { parse_scenario(j); }, &message), message), Catch::Contains("covariate_shift"));
  j = iris_scenario(Json::array({{{"kind", "new_category"}, {"column", "PetalLengthCm"}, {"intensity", 1.5}}}));
  CHECK_THAT((code_of([&] { parse_scenario(j); }, &message), message), Catch::Contains("share of rows"));
  j = iris_scenario(Json::array({{{"kind", "covariate_shift"}, {"columns", {"PetalLenght"}}}}));
  Scenario s = parse_scenario(j);
  CHECK(code_of([&] { check_against(s, iris()); }, &message) == "sim.bad_scenario");
  CHECK_THAT(message, Catch::Contains("drifts[0].columns") && Catch::Contains("PetalLengthCm"));
  j = iris_scenario(Json::array({{{"kind", "concept_drift"}, {"mapping", {{"2", "virginica"}}}}}));
  s = parse_scenario(j);
  CHECK(code_of([&] { check_against(s, iris()); }) == "sim.bad_scenario");  // integer classes map to integers
  j = iris_scenario(Json::array());
  j.erase("target");
  CHECK_THAT((code_of([&] { parse_scenario(j); }, &message), message), Catch::Contains("'target' is missing"));
}

TEST_CASE("simulation.scenarios gives the scenario schema: sections, drift kinds with their intensity, modes, defaults",
          "[simulation]") {
  mlcore::api::Session session;
  const Json schema = session.call("simulation.scenarios", Json::object());
  for (const char* section : {"scenario", "model", "traffic", "monitors", "policy"}) CHECK_FALSE(schema["sections"][section].empty());
  std::vector<std::string> kinds, modes;
  for (const auto& k : schema["drift_kinds"]) {
    kinds.push_back(k["name"]);
    CHECK_FALSE(k["intensity"].get<std::string>().empty());
  }
  for (const auto& m : schema["modes"]) modes.push_back(m["name"]);
  CHECK(kinds == std::vector<std::string>{"covariate_shift", "seasonal", "new_category", "quality_break", "concept_drift"});
  CHECK(modes == std::vector<std::string>{"manual", "scheduled", "cicd"});
  CHECK(schema["defaults"]["traffic"]["label_delay_days"] == 1);
  CHECK(schema["defaults"]["policy"]["approval_role"] == "Approver");
}

TEST_CASE("A scenario stream depends on the seed and the window only, and a drift does not move which rows are drawn",
          "[simulation]") {
  const Json clean = iris_scenario(Json::array());
  const Json shifted = iris_scenario(Json::array({{{"kind", "covariate_shift"}, {"columns", {"PetalLengthCm"}}, {"intensity", 2}}}));
  const Window a = window_of(clean, 4), b = window_of(clean, 4), c = window_of(clean, 4, 4), d = window_of(shifted, 4);
  CHECK(a.rows.column("SepalLengthCm").numbers == b.rows.column("SepalLengthCm").numbers);
  CHECK(a.rows.column("SepalLengthCm").numbers != c.rows.column("SepalLengthCm").numbers);
  CHECK(a.rows.column("SepalWidthCm").numbers == d.rows.column("SepalWidthCm").numbers);
  CHECK(a.rows.column("PetalLengthCm").numbers != d.rows.column("PetalLengthCm").numbers);
  CHECK(a.start_day == 4);
  CHECK(a.days.front() == 4);
  CHECK(a.days.back() == 4.99);
}

TEST_CASE("Each drift kind of a scenario changes the stream as its fields say, from its start day", "[simulation]") {
  const auto stats = column_stats(iris());
  const double sd = stats.at("PetalLengthCm").sd;
  SECTION("covariate_shift: sudden moves every value by intensity sd, gradual is half-way half-way through its ramp") {
    const Json j = iris_scenario(Json::array({{{"kind", "covariate_shift"}, {"columns", {"PetalLengthCm"}}, {"start_day", 5}, {"intensity", 1.5}}}));
    const Json clean = iris_scenario(Json::array());
    CHECK(window_of(j, 4).rows.column("PetalLengthCm").numbers == window_of(clean, 4).rows.column("PetalLengthCm").numbers);
    const Window w0 = window_of(clean, 5), w1 = window_of(j, 5);
    const auto& before = w0.rows.column("PetalLengthCm").numbers;
    const auto& after = w1.rows.column("PetalLengthCm").numbers;
    for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i] - before[i] == Approx(1.5 * sd));
    Json g = j;
    g["drifts"][0].update({{"onset", "gradual"}, {"ramp_days", 4}});
    const Window w = window_of(g, 7), c7 = window_of(clean, 7);  // days 7.00 .. 7.99: 50% .. 75% of the way
    const auto& clean7 = c7.rows.column("PetalLengthCm").numbers;
    CHECK(w.rows.column("PetalLengthCm").numbers[0] - clean7[0] == Approx(0.5 * 1.5 * sd));
  }
  SECTION("seasonal: a sine of period_days with an amplitude of intensity sd") {
    const Json j = iris_scenario(Json::array({{{"kind", "seasonal"}, {"columns", {"PetalLengthCm"}}, {"period_days", 4}, {"intensity", 1}}}));
    const Window w = window_of(j, 2), c = window_of(iris_scenario(Json::array()), 2);
    for (std::size_t i = 0; i < w.days.size(); i += 7)
      CHECK(w.rows.column("PetalLengthCm").numbers[i] - c.rows.column("PetalLengthCm").numbers[i] ==
            Approx(sd * std::sin(2 * M_PI * w.days[i] / 4)).margin(1e-12));
  }
  SECTION("new_category: about `intensity` of the rows take a value the data never had") {
    Json j = {{"name", "p"}, {"dataset", "penguins"}, {"target", "species"},
              {"drifts", {{{"kind", "new_category"}, {"column", "island"}, {"category", "Anvers"}, {"intensity", 0.4}}}}};
    Scenario s = parse_scenario(j);
    const auto penguins = mlcore::data::read_csv(mlplay_test::source_file("datasets/penguins.csv")).table;
    check_against(s, penguins);
    const Window w = stream_window(s, plan_stream(s), penguins, column_stats(penguins), 1, 0);
    std::size_t anvers = 0;
    for (std::size_t i = 0; i < w.rows.rows(); ++i) anvers += w.rows.column("island").text(i) == "Anvers";
    CHECK(anvers > 25);  // Binomial(100, 0.4): 40 +- 5
    CHECK(anvers < 55);
  }
  SECTION("quality_break: a column goes missing, or changes unit, in `intensity` of the rows") {
    Json j = iris_scenario(Json::array({{{"kind", "quality_break"}, {"column", "SepalWidthCm"}, {"intensity", 1}, {"start_day", 1}}}));
    CHECK(window_of(j, 0).rows.column("SepalWidthCm").missing_count() == 0);
    CHECK(window_of(j, 1).rows.column("SepalWidthCm").missing_count() == 100);
    j["drifts"][0].update({{"break", "unit"}, {"factor", 10}});
    const Window w = window_of(j, 1), c = window_of(iris_scenario(Json::array()), 1);
    CHECK(w.rows.column("SepalWidthCm").numbers[0] == c.rows.column("SepalWidthCm").numbers[0] * 10);
  }
  SECTION("concept_drift: labels follow the mapping (every class to the next without one), features untouched") {
    const Json j = iris_scenario(Json::array({{{"kind", "concept_drift"}, {"start_day", 2}}}));
    const Window w = window_of(j, 2), c = window_of(iris_scenario(Json::array()), 2);
    CHECK(w.rows.column("PetalLengthCm").numbers == c.rows.column("PetalLengthCm").numbers);
    for (std::size_t i = 0; i < w.rows.rows(); ++i)
      CHECK(w.rows.column("Species").numbers[i] == std::fmod(c.rows.column("Species").numbers[i] + 1, 3));
    CHECK(mean_of(window_of(j, 1).rows.column("Species")) == mean_of(window_of(iris_scenario(Json::array()), 1).rows.column("Species")));
  }
}

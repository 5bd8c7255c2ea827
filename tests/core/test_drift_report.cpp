// Data drift reports over two tables: the dataset verdict at its drift_share boundary, per-column
// tests and thresholds as asked (and said so), the errors with their codes, and the session
// commands the page calls (drift.tests, drift.report).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/data/csv_reader.hpp"
#include "core/drift/report.hpp"
#include "core/drift/report_json.hpp"
#include "drift_samples.hpp"
#include "error_checks.hpp"

namespace {

using mlcore::data::Table;
using mlcore::drift::DriftOptions;
using mlplay_test::drift_gen;
using mlplay_test::error_code;
using mlplay_test::float_column;

// Four float columns of 300 rows; the current table shifts the first `shifted` of them by 1.
Table four_columns(bool current, int shifted) {
  Table t;
  for (int c = 0; c < 4; ++c)
    t.columns.push_back(float_column("x" + std::to_string(c),
                                     drift_gen(300, 100 + c * 2 + current, current && c < shifted ? 1.0 : 0.0, 2.0)));
  return t;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("dataset drift when the share of drifted columns reaches drift_share, not before", "[drift]") {
  const auto ref = four_columns(false, 0);
  auto r = mlcore::drift::data_drift_report(ref, four_columns(true, 2), DriftOptions{});
  CHECK(r.dataset.drifted == 2);
  CHECK(r.dataset.tested == 4);
  CHECK(r.dataset.share == 0.5);
  CHECK(r.dataset.drift);  // 0.5 >= 0.5
  CHECK(r.dataset.explanation == "Dataset drift: 2 of 4 tested columns drifted (share 0.5 >= 0.5).");
  CHECK_FALSE(mlcore::drift::data_drift_report(ref, four_columns(true, 1), DriftOptions{}).dataset.drift);
  DriftOptions higher;
  higher.drift_share = 0.6;
  r = mlcore::drift::data_drift_report(ref, four_columns(true, 2), higher);
  CHECK_FALSE(r.dataset.drift);
  CHECK(r.dataset.explanation == "No dataset drift: 2 of 4 tested columns drifted (share 0.5 < 0.6).");
  CHECK(r.columns[0].drift);
  CHECK_FALSE(r.columns[3].drift);
}

TEST_CASE("drift report uses a test and a threshold asked for one column and the sentence says so", "[drift]") {
  DriftOptions o;
  o.per_column_method["x1"] = "psi";
  o.per_column_threshold["x1"] = 0.25;
  o.threshold = 0.01;
  const auto r = mlcore::drift::data_drift_report(four_columns(false, 0), four_columns(true, 0), o);
  const auto& x1 = r.columns[1];
  CHECK(x1.test->name == "psi");
  CHECK_FALSE(x1.automatic);
  CHECK(x1.threshold == 0.25);
  CHECK(has(x1.explanation, "PSI because it was asked for this column (per_column_method); the automatic choice would be ks."));
  CHECK(has(x1.explanation, "Threshold 0.25 as asked (default 0.1)."));
  CHECK(r.columns[0].test->name == "ks");
  CHECK(r.columns[0].threshold == 0.01);  // the threshold for every column
}

TEST_CASE("drift report runs a test Evidently would refuse for the column type and says where it departs", "[drift]") {
  DriftOptions o;
  o.method = "chisquare";
  const auto r = mlcore::drift::data_drift_report(four_columns(false, 0), four_columns(true, 0), o);
  CHECK(r.columns[0].test->name == "chisquare");
  REQUIRE(r.columns[0].departures.size() == 1);
  CHECK(has(r.columns[0].explanation, "Differs from Evidently: Evidently registers chisquare for categorical columns only"));
}

TEST_CASE("drift errors carry codes: unknown column, type mismatch naming both types, unknown test, bad options", "[drift]") {
  const auto ref = four_columns(false, 0);
  DriftOptions o;
  o.columns = {"x0", "nope"};
  std::string message;
  CHECK(mlplay_test::code_of([&] { mlcore::drift::data_drift_report(ref, ref, o); }, &message) == "drift.unknown_column");
  CHECK(has(message, "'nope'"));
  auto cur = four_columns(true, 0);
  cur.columns[2] = mlplay_test::counts_column("x2", std::vector<int>(300, 1));
  CHECK(mlplay_test::code_of([&] { mlcore::drift::data_drift_report(ref, cur, DriftOptions{}); }, &message) ==
        "drift.type_mismatch");
  CHECK(has(message, "float in the reference data but categorical in the current data"));
  DriftOptions bad_test;
  bad_test.per_column_method["x0"] = "t_test";
  CHECK(error_code([&] { mlcore::drift::data_drift_report(ref, ref, bad_test); }) == "drift.unknown_test");
  DriftOptions bad_share;
  bad_share.drift_share = 0;
  CHECK(error_code([&] { mlcore::drift::data_drift_report(ref, ref, bad_share); }) == "drift.bad_option");
  // integer against float is one kind of number, not a mismatch
  auto ints = ref;
  ints.columns[0].type = mlcore::data::ColumnType::Integer;
  CHECK_NOTHROW(mlcore::drift::data_drift_report(ints, ref, DriftOptions{}));
  // K-S needs numbers
  const auto labels = mlplay_test::counts_column("c", {5, 5, 5});
  mlcore::drift::ColumnOptions ks;
  ks.method = "ks";
  CHECK(error_code([&] {
          mlcore::drift::column_drift("c", mlcore::drift::Sample::of(labels), mlcore::drift::Sample::of(labels), ks);
        }) == "drift.test_not_applicable");
}

TEST_CASE("drift report leaves a column with no values after dropping missing ones untested and uncounted", "[drift]") {
  auto ref = four_columns(false, 0);
  auto cur = four_columns(true, 0);
  cur.columns[3].numbers.assign(300, NAN);
  const auto r = mlcore::drift::data_drift_report(ref, cur, DriftOptions{});
  CHECK(r.columns[3].test == nullptr);
  CHECK(r.dataset.tested == 3);
  CHECK(has(r.columns[3].explanation, "x3: not tested. The current sample has no values left"));
  CHECK(has(r.dataset.explanation, "1 column was not tested."));
}

TEST_CASE("target and prediction drift: one column pair, the same tests, the role in the sentence", "[drift]") {
  const auto ref = float_column("price", drift_gen(2000, 7, 0.0, 2.0));
  const auto cur = float_column("price", drift_gen(500, 8, 0.5, 2.0));
  mlcore::drift::ColumnOptions o;
  o.role = mlcore::drift::ColumnRole::Prediction;
  const auto d = mlcore::drift::column_drift("price", mlcore::drift::Sample::of(ref), mlcore::drift::Sample::of(cur), o);
  CHECK(d.test->name == "wasserstein");
  CHECK(d.drift);
  CHECK(d.explanation.find("price (prediction): drift. normed Wasserstein distance 0.") == 0);
  // a window of a stream: rows 100..300 of the current column, no copy
  const auto w = mlcore::drift::column_drift("price", mlcore::drift::Sample::of(ref), mlcore::drift::Sample::of(cur, 100, 300));
  CHECK(w.current_rows == 200);
}

TEST_CASE("drift.tests lists every registered test with its default threshold and direction", "[drift]") {
  mlcore::api::Session s;
  const auto tests = s.call("drift.tests", {})["tests"];
  REQUIRE(tests.size() == 9);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& t : tests) by_name[t["name"]] = t;
  CHECK(by_name["ks"]["default_threshold"] == 0.05);
  CHECK(by_name["ks"]["drift_when"] == "p <= threshold");
  CHECK(by_name["chisquare"]["drift_when"] == "p < threshold");
  CHECK(by_name["z"]["drift_when"] == "p < threshold");
  CHECK(by_name["TVD"]["default_threshold"] == 0.1);
  CHECK(by_name["TVD"]["drift_when"] == "p < threshold");
  for (const char* d : {"wasserstein", "jensenshannon", "psi", "kl_div", "hellinger"}) {
    CHECK(by_name[d]["default_threshold"] == 0.1);
    CHECK(by_name[d]["drift_when"] == by_name[d]["score"].get<std::string>() + " >= threshold");
  }
}

TEST_CASE("drift.report compares two loaded tables and returns verdicts and histograms as JSON", "[drift]") {
  mlcore::api::Session s;
  const auto load = [&](const std::string& csv) {
    return mlcore::api::keep_table(s, mlcore::data::read_csv(csv), "t.csv");
  };
  const int ref = load("a,b\n1.5,x\n2.5,y\n3.5,x\n4.5,y\n5.5,x\n6.5,y\n7.5,x\n");
  const int cur = load("a,b\n9.5,x\n8.5,x\n7.75,x\n9.25,x\n8.25,x\n9.75,y\n8.75,x\n");
  const auto r = s.call("drift.report", {{"reference", ref}, {"current", cur}, {"options", {{"drift_share", 0.5}}}});
  REQUIRE(r["columns"].size() == 2);
  const auto& a = r["columns"][0];
  CHECK(a["test"] == "ks");
  CHECK(a["verdict"] == "drift");
  CHECK(a["histogram"]["kind"] == "bins");
  CHECK(a["histogram"]["edges"].size() == 21);
  CHECK(a["histogram"]["reference"].size() == 20);
  const auto& b = r["columns"][1];
  CHECK(b["test"] == "z");
  CHECK(b["histogram"]["labels"] == nlohmann::json::array({"x", "y"}));
  CHECK(b["histogram"]["reference"] == nlohmann::json::array({4, 3}));
  CHECK(r["dataset"]["drift"].is_boolean());
  CHECK(mlplay_test::code_of([&] { s.call("drift.report", {{"reference", ref}, {"current", 99}}); }) == "data.unknown_table");
  CHECK(mlplay_test::code_of([&] { s.call("drift.report", {{"reference", ref}, {"current", cur}, {"options", {{"colums", 1}}}}); }) ==
        "api.bad_args");
}

// The scoring endpoints read every format they promise: /score's records and MLflow's
// dataframe_split, dataframe_records, instances, inputs and CSV on /invocations, and answer with
// the predictions an independent path gives (predict_table on rows the CSV reader parsed from the
// dataset file, or the hand-checked petal-width tree).
#include <catch2/catch.hpp>

#include "core/serve/scoring_request.hpp"
#include "scoring_fixture.hpp"

using namespace scoring_test;
using nlohmann::json;

namespace {

// Rows 0, 50 and 100 of the dataset file: one setosa, one versicolor, one virginica.
const std::vector<std::size_t> kRows = {0, 50, 100};

// The same rows as JSON records, from the dataset table's text.
json iris_records() {
  json out = json::array();
  for (std::size_t r : kRows) {
    json rec = json::object();
    for (const auto& f : iris_features()) rec[f] = iris().column(f).numbers[r];
    out.push_back(rec);
  }
  return out;
}

// What the model predicts for those rows through the table the CSV reader built.
std::vector<std::string> expected_labels() {
  return mlcore::models::predict_table(iris_tree(), model_test::take_rows(iris(), kRows)).labels;
}

json expected_numbers() {
  json out = json::array();
  for (const auto& l : expected_labels()) out.push_back(std::stoi(l));
  return out;
}

}  // namespace

TEST_CASE("scoring: the tutorial payload on /score answers predicted_species 1", "[serve]") {
  const auto r = post(iris_tree(), "/score", kTutorialRecord);
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == R"({"output":{"predicted_species":"1"}})");
  CHECK(r.headers.empty());
}

TEST_CASE("scoring: the hand-checked petal-width tree answers 0, 1, 2 at widths 0.2, 1.4, 2.3", "[serve]") {
  const auto r = post(petal_width_tree(), "/score",
                      R"([{"PetalWidthCm": 0.2}, {"PetalWidthCm": 1.4}, {"PetalWidthCm": 1.7}, {"PetalWidthCm": 1.8},
                          {"PetalWidthCm": 2.3}])");
  CHECK(r.status == 200);
  CHECK(body_of(r) == json::parse(R"({"output": [{"predicted_species": "0"}, {"predicted_species": "1"},
      {"predicted_species": "1"}, {"predicted_species": "2"}, {"predicted_species": "2"}]})"));
  // The tutorial's record: its petal width 1.4 is a versicolor's; the other fields are ignored.
  const auto t = post(petal_width_tree(), "/score", kTutorialRecord);
  CHECK(t.body == R"({"output":{"predicted_species":"1"}})");
  CHECK(header(t, "X-Ignored-Fields") == "PetalLengthCm, SepalLengthCm, SepalWidthCm");
}

TEST_CASE("scoring: a list of records on /score answers a list of outputs in request order", "[serve]") {
  const auto r = post(iris_tree(), "/score", iris_records().dump());
  REQUIRE(r.status == 200);
  const auto labels = expected_labels();
  CHECK(labels == std::vector<std::string>{"0", "1", "2"});
  json want = {{"output", json::array()}};
  for (const auto& l : labels) want["output"].push_back({{"predicted_species", l}});
  CHECK(body_of(r) == want);
}

TEST_CASE("scoring: a regression model answers a number under predicted_ and the lower-cased target", "[serve]") {
  const auto r = post(petal_regression(), "/score", R"({"PetalLengthCm": 4.4})");
  REQUIRE(r.status == 200);
  mlcore::data::Table t;
  t.columns = {model_test::numeric("PetalLengthCm", {4.4})};
  const double want = mlcore::models::predict_table(petal_regression(), t).values[0];
  CHECK(body_of(r)["output"]["predicted_petalwidthcm"].get<double>() == want);
  CHECK(want == Approx(0.4158 * 4.4 - 0.3631).margin(0.001));  // the textbook least-squares fit
  CHECK(body_of(post(petal_regression(), "/invocations", R"({"inputs": [[4.4]]})"))["predictions"][0].get<double>() == want);
}

TEST_CASE("scoring: /invocations reads dataframe_split, in any column order, answering MLflow's predictions", "[serve]") {
  const json records = iris_records();
  json split = {{"columns", {"PetalWidthCm", "SepalLengthCm", "PetalLengthCm", "SepalWidthCm"}}, {"data", json::array()}};
  for (const auto& rec : records)
    split["data"].push_back({rec["PetalWidthCm"], rec["SepalLengthCm"], rec["PetalLengthCm"], rec["SepalWidthCm"]});
  const auto r = post(iris_tree(), "/invocations", json{{"dataframe_split", split}}.dump());
  CHECK(r.status == 200);
  CHECK(body_of(r) == json{{"predictions", expected_numbers()}});
  // With pandas' "index" too, which MLflow's clients send.
  split["index"] = {0, 1, 2};
  CHECK(body_of(post(iris_tree(), "/invocations", json{{"dataframe_split", split}}.dump())) ==
        json{{"predictions", expected_numbers()}});
  const auto one = post(iris_tree(), "/invocations",
                        R"({"dataframe_split": {"columns": ["SepalLengthCm", "SepalWidthCm", "PetalLengthCm",
                            "PetalWidthCm"], "data": [[6.6, 3, 4.4, 1.4]]}})");
  CHECK(one.body == R"({"predictions":[1]})");
}

TEST_CASE("scoring: /invocations reads dataframe_records", "[serve]") {
  const auto r = post(iris_tree(), "/invocations", json{{"dataframe_records", iris_records()}}.dump());
  CHECK(r.status == 200);
  CHECK(body_of(r) == json{{"predictions", expected_numbers()}});
}

TEST_CASE("scoring: /invocations reads instances and inputs as records, rows, columns or one record", "[serve]") {
  const json records = iris_records();
  json rows = json::array(), columns = json::object();
  for (const auto& rec : records) {
    json row = json::array();
    for (const auto& f : iris_features()) row.push_back(rec[f]), columns[f].push_back(rec[f]);
    rows.push_back(row);
  }
  for (const char* key : {"instances", "inputs"}) {
    INFO(key);
    CHECK(body_of(post(iris_tree(), "/invocations", json{{key, records}}.dump())) == json{{"predictions", expected_numbers()}});
    CHECK(body_of(post(iris_tree(), "/invocations", json{{key, rows}}.dump())) == json{{"predictions", expected_numbers()}});
    CHECK(body_of(post(iris_tree(), "/invocations", json{{key, columns}}.dump())) == json{{"predictions", expected_numbers()}});
    CHECK(post(iris_tree(), "/invocations", json{{key, json::parse(kTutorialRecord)}}.dump()).body == R"({"predictions":[1]})");
  }
  // A one-feature model takes a plain list of values.
  CHECK(post(petal_width_tree(), "/invocations", R"({"instances": [0.2, 1.4, 2.3]})").body == R"({"predictions":[0,1,2]})");
  // MLflow's empty inference parameters are accepted.
  CHECK(post(iris_tree(), "/invocations", json{{"inputs", records}, {"params", json::object()}}.dump()).status == 200);
}

TEST_CASE("scoring: /invocations reads CSV with a header row, quotes, CRLF and columns in any order", "[serve]") {
  const std::string csv =
      "PetalWidthCm,SepalLengthCm,\"PetalLengthCm\",SepalWidthCm,note\r\n"
      "0.2,5.1,1.4,3.5,\"setosa, surely\"\r\n"
      "1.4,7.0,4.7,3.2,x\r\n"
      "2.5,6.3,6.0,3.3,\r\n";
  const auto r = post(iris_tree(), "/invocations", csv, "text/csv");
  CHECK(r.status == 200);
  CHECK(body_of(r) == json{{"predictions", expected_numbers()}});  // rows 0, 50, 100 of the file
  CHECK(header(r, "X-Ignored-Fields") == "note");
  CHECK(post(iris_tree(), "/invocations",
             "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,4.4,1.4\n", "text/csv; charset=utf-8")
            .body == R"({"predictions":[1]})");
}

TEST_CASE("scoring: content types compare case-insensitively and may carry parameters", "[serve]") {
  for (const char* type : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                           "application/json;charset=\"UTF-8\"", "application/json ; format=pandas-records"}) {
    INFO(type);
    CHECK(post(iris_tree(), "/score", kTutorialRecord, type).status == 200);
  }
}

TEST_CASE("scoring: every feature type reads its JSON and CSV forms", "[serve]") {
  const auto& m = typed_model();
  const auto r = post(m, "/score",
                      R"([{"n": 3, "flag": true, "colour": "red", "day": "1970-01-02", "x": 2.5},
                          {"n": 4.0, "flag": 0, "colour": "purple", "day": "1970-01-03T12:00:00Z", "x": -1}])");
  CHECK(r.status == 200);
  CHECK(body_of(r)["output"].size() == 2);
  const auto c = post(m, "/invocations", "n,flag,colour,day,x\n3,TRUE,red,1970-01-02,2.5\n4,0,\"green\",1970-01-03,1e2\n",
                      "text/csv");
  CHECK(c.status == 200);
  const json predictions = body_of(c)["predictions"];  // a named value: a temporary's member would dangle
  CHECK(predictions.size() == 2);
  // Labels that are not numbers stay text on /invocations.
  for (const auto& p : predictions) CHECK(p.is_string());
}

TEST_CASE("scoring: the parsed table holds the model's features in its order, whatever the request's order", "[serve]") {
  const auto in = mlcore::serve::parse_scoring_request(
      iris_tree().pre.features(), mlcore::serve::Route::Invocations, "text/csv",
      "colour,PetalWidthCm,SepalWidthCm,PetalLengthCm,SepalLengthCm\nred,1.4,3,4.4,6.6\nblue,0.2,3.5,1.4,5.1\n");
  REQUIRE(in.table.cols() == 4);
  CHECK(in.table.rows() == 2);
  for (std::size_t c = 0; c < 4; ++c) CHECK(in.table.columns[c].name == iris_features()[c]);
  CHECK(in.table.columns[0].numbers == std::vector<double>{6.6, 5.1});
  CHECK(in.ignored_fields == std::vector<std::string>{"colour"});
  CHECK_FALSE(in.single_record);
}

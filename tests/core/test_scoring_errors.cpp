// Where MLflow is lax, the scoring endpoints are strict and say exactly what is wrong: every
// refusal has its status, its stable code, and names the field and the 1-based row it is about.
#include <catch2/catch.hpp>

#include "scoring_fixture.hpp"

using namespace scoring_test;

namespace {

// The tutorial's record with one field's JSON text replaced (or removed when `value` is empty).
std::string tutorial_with(const std::string& field, const std::string& value) {
  std::string out = "{";
  const char* values[] = {"6.6", "3", "4.4", "1.4"};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string& f = iris_features()[i];
    if (f == field && value.empty()) continue;
    if (out.size() > 1) out += ", ";
    out += "\"" + f + "\": " + (f == field ? value : values[i]);
  }
  return out + "}";
}

// A batch whose second record is the tutorial's with that change.
std::string second_row_with(const std::string& field, const std::string& value) {
  return "[" + std::string(kTutorialRecord) + ", " + tutorial_with(field, value) + "]";
}

}  // namespace

TEST_CASE("scoring: a missing field is 400 serve.missing_field naming the field and row", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", tutorial_with("PetalWidthCm", "")), "serve.missing_field", "PetalWidthCm", 1);
  check_bad_request(post(iris_tree(), "/score", second_row_with("SepalWidthCm", "")), "serve.missing_field", "SepalWidthCm", 2);
  check_bad_request(post(iris_tree(), "/invocations", "{\"dataframe_records\": " + second_row_with("PetalLengthCm", "") + "}"),
                    "serve.missing_field", "PetalLengthCm", 2);
  // A column missing from dataframe_split's columns or the CSV header is missing in every row.
  check_bad_request(post(iris_tree(), "/invocations",
                         R"({"dataframe_split": {"columns": ["SepalLengthCm", "SepalWidthCm", "PetalLengthCm"],
                             "data": [[6.6, 3, 4.4]]}})"),
                    "serve.missing_field", "PetalWidthCm");
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalWidthCm\n6.6,3,1.4\n", "text/csv"),
                    "serve.missing_field", "PetalLengthCm");
  check_bad_request(post(iris_tree(), "/invocations", R"({"inputs": {"SepalLengthCm": [6.6], "SepalWidthCm": [3],
                         "PetalLengthCm": [4.4]}})"),
                    "serve.missing_field", "PetalWidthCm");
}

TEST_CASE("scoring: null, an empty CSV field and NaN are 400 naming the field and row", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", second_row_with("PetalWidthCm", "null")), "serve.null_value", "PetalWidthCm", 2);
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,4.4,1.4\n6.6,,4.4,1.4\n",
                         "text/csv"),
                    "serve.null_value", "SepalWidthCm", 2);
  for (const char* token : {"NaN", "Infinity", "-Infinity"}) {
    INFO(token);
    const auto r = post(iris_tree(), "/score", second_row_with("SepalLengthCm", token));
    check_bad_request(r, "serve.non_finite", "SepalLengthCm", 2);
    CHECK(body_of(r)["message"].get<std::string>().find(token) != std::string::npos);
  }
  for (const char* token : {"NaN", "nan", "inf", "-Infinity"}) {
    INFO(token);
    check_bad_request(post(iris_tree(), "/invocations",
                           "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n" + std::string(token) + ",3,4.4,1.4\n", "text/csv"),
                      "serve.non_finite", "SepalLengthCm", 1);
  }
  // NaN inside a string stays a string: a wrong type, not a syntax error.
  check_bad_request(post(iris_tree(), "/score", tutorial_with("PetalWidthCm", "\"NaN\"")), "serve.wrong_type", "PetalWidthCm", 1);
}

TEST_CASE("scoring: a number beyond a double, a feature's integer or boolean range is 400 serve.out_of_range", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", tutorial_with("PetalLengthCm", "1e400")), "serve.out_of_range", "PetalLengthCm", 1);
  check_bad_request(post(iris_tree(), "/score", tutorial_with("PetalLengthCm", "-2e308")), "serve.out_of_range", "PetalLengthCm", 1);
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,1e400,1.4\n", "text/csv"),
                    "serve.out_of_range", "PetalLengthCm", 1);
  const std::string ok = R"("flag": true, "colour": "red", "day": "2024-05-01", "x": 1)";
  check_bad_request(post(typed_model(), "/score", "{\"n\": 2.5, " + ok + "}"), "serve.out_of_range", "n", 1);
  check_bad_request(post(typed_model(), "/score", "{\"n\": 1e17, " + ok + "}"), "serve.out_of_range", "n", 1);
  check_bad_request(post(typed_model(), "/score", R"({"n": 1, "flag": 2, "colour": "red", "day": "2024-05-01", "x": 1})"),
                    "serve.out_of_range", "flag", 1);
  check_bad_request(post(typed_model(), "/invocations", "n,flag,colour,day,x\n1,yes,red,2024-05-01,1\n", "text/csv"),
                    "serve.wrong_type", "flag", 1);
}

TEST_CASE("scoring: a value of the wrong JSON type is 400 serve.wrong_type naming the field and row", "[serve]") {
  for (const char* v : {"\"6.6\"", "true", "[1]", "{\"cm\": 1}"}) {
    INFO(v);
    check_bad_request(post(iris_tree(), "/score", second_row_with("SepalLengthCm", v)), "serve.wrong_type", "SepalLengthCm", 2);
  }
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,wide,1.4\n", "text/csv"),
                    "serve.wrong_type", "PetalLengthCm", 1);
  check_bad_request(post(typed_model(), "/score", R"({"n": 1, "flag": "true", "colour": "red", "day": "2024-05-01", "x": 1})"),
                    "serve.wrong_type", "flag", 1);
  check_bad_request(post(typed_model(), "/score", R"({"n": 1, "flag": true, "colour": 3, "day": "2024-05-01", "x": 1})"),
                    "serve.wrong_type", "colour", 1);
  check_bad_request(post(typed_model(), "/score", R"({"n": 1, "flag": true, "colour": "red", "day": "May 1st", "x": 1})"),
                    "serve.wrong_type", "day", 1);
  check_bad_request(post(typed_model(), "/score", R"({"n": 1, "flag": true, "colour": "red", "day": 1714521600, "x": 1})"),
                    "serve.wrong_type", "day", 1);
}

TEST_CASE("scoring: an empty batch in any format is 400 serve.empty_batch", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", "[]"), "serve.empty_batch");
  for (const char* body : {R"({"dataframe_records": []})", R"({"instances": []})", R"({"inputs": []})",
                           R"({"dataframe_split": {"columns": ["SepalLengthCm", "SepalWidthCm", "PetalLengthCm", "PetalWidthCm"], "data": []}})"}) {
    INFO(body);
    check_bad_request(post(iris_tree(), "/invocations", body), "serve.empty_batch");
  }
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n", "text/csv"),
                    "serve.empty_batch");
}

TEST_CASE("scoring: an empty body or text that is not JSON is 400 with the parser's position", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", ""), "serve.empty_body");
  check_bad_request(post(iris_tree(), "/invocations", " \n", "text/csv"), "serve.empty_body");
  const auto r = post(iris_tree(), "/score", "{\"SepalLengthCm\": 6.6,\n \"SepalWidthCm\": }");
  check_bad_request(r, "serve.invalid_json");
  CHECK(body_of(r)["message"].get<std::string>().find("line 2") != std::string::npos);
}

TEST_CASE("scoring: a body that is not one of the formats is 400 serve.bad_format saying what is expected", "[serve]") {
  for (const char* body : {"42", R"({"records": []})", R"({"instances": [], "inputs": []})", "[]",
                           R"({"dataframe_records": {"a": 1}})", R"({"dataframe_split": [[1, 2]]})",
                           R"({"dataframe_split": {"data": [[1]]}})", R"({"dataframe_split": {"columns": ["a"], "data": [[1]], "extra": 1}})",
                           R"({"inputs": {"SepalLengthCm": [6.6], "SepalWidthCm": 3}})"}) {
    INFO(body);
    const auto r = post(iris_tree(), "/invocations", body);
    CHECK(r.status == 400);
    CHECK(body_of(r)["code"] == "serve.bad_format");
  }
  // MLflow's formats belong on /invocations; /score says so.
  const auto s = post(iris_tree(), "/score", R"({"dataframe_records": [{}]})");
  check_bad_request(s, "serve.bad_format");
  CHECK(body_of(s)["message"].get<std::string>().find("/invocations") != std::string::npos);
  check_bad_request(post(iris_tree(), "/score", "\"6.6\""), "serve.bad_format");
}

TEST_CASE("scoring: a row that is not a record, or has the wrong number of values, names the row", "[serve]") {
  check_bad_request(post(iris_tree(), "/score", "[" + std::string(kTutorialRecord) + ", [6.6, 3, 4.4, 1.4]]"), "serve.not_a_record", "", 2);
  check_bad_request(post(iris_tree(), "/invocations", R"({"instances": [[6.6, 3, 4.4, 1.4], {"SepalLengthCm": 1}]})"),
                    "serve.not_a_record", "", 2);
  check_bad_request(post(iris_tree(), "/invocations", R"({"instances": [[6.6, 3, 4.4, 1.4], [6.6, 3, 4.4]]})"), "serve.row_length", "", 2);
  check_bad_request(post(iris_tree(), "/invocations", R"({"instances": [1.4]})"), "serve.not_a_record", "", 1);
  check_bad_request(post(iris_tree(), "/invocations",
                         "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n6.6,3,4.4,1.4\n6.6,3,4.4\n", "text/csv"),
                    "serve.row_length", "", 2);
  const auto r = post(iris_tree(), "/invocations", R"({"inputs": {"SepalLengthCm": [6.6, 5], "SepalWidthCm": [3],
                      "PetalLengthCm": [4.4, 1], "PetalWidthCm": [1.4, 1]}})");
  CHECK(r.status == 400);
  CHECK(body_of(r)["code"] == "serve.row_length");
}

TEST_CASE("scoring: a column named twice, unreadable CSV and inference parameters are 400 with codes", "[serve]") {
  check_bad_request(post(iris_tree(), "/invocations",
                         "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm,SepalWidthCm\n6.6,3,4.4,1.4,3\n", "text/csv"),
                    "serve.duplicate_column", "SepalWidthCm");
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n\"6.6,3,4.4,1.4\n",
                         "text/csv"),
                    "serve.bad_csv");
  check_bad_request(post(iris_tree(), "/invocations", "SepalLengthCm,SepalWidthCm,PetalLengthCm,PetalWidthCm\n\xff,3,4.4,1.4\n", "text/csv"), "serve.bad_csv");
  check_bad_request(post(iris_tree(), "/invocations", R"({"inputs": [[6.6, 3, 4.4, 1.4]], "params": {"threshold": 0.5}})"),
                    "serve.params", "params");
}

TEST_CASE("scoring: the first bad value of a batch is the one reported", "[serve]") {
  const std::string body = "[" + std::string(kTutorialRecord) + ", " + std::string(kTutorialRecord) + ", " +
                           tutorial_with("PetalWidthCm", "null") + ", " + tutorial_with("SepalLengthCm", "") + "]";
  check_bad_request(post(iris_tree(), "/score", body), "serve.null_value", "PetalWidthCm", 3);
}

// The automatic choice of drift test at its boundaries (Evidently's _get_default_stattest):
// 1,000 against 1,001 reference rows (counted after dropping missing values), and 2, 3, 5 and 6
// distinct values; the column type inferred on the current sample; the reason sentences.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/drift/chooser.hpp"
#include "core/drift/column_drift.hpp"
#include "drift_samples.hpp"

namespace {

using mlcore::data::ColumnType;
using mlcore::drift::choose_stattest;
using mlcore::drift::FeatureType;

std::string chosen(FeatureType type, std::size_t rows, std::size_t values) {
  const auto c = choose_stattest(type, rows, values);
  return c.test ? c.test->name : "none";
}

// `rows` values cycling through `distinct` different floats, plus `missing` NaNs.
mlcore::data::Column cycling(std::size_t rows, std::size_t distinct, std::size_t missing = 0,
                             ColumnType type = ColumnType::Float) {
  std::vector<double> v;
  for (std::size_t i = 0; i < rows; ++i) v.push_back(static_cast<double>(i % distinct) * (type == ColumnType::Float ? 0.5 : 1.0));
  for (std::size_t i = 0; i < missing; ++i) v.push_back(NAN);
  return mlplay_test::float_column("x", v, type);
}

std::string auto_test(const mlcore::data::Column& ref, const mlcore::data::Column& cur) {
  const auto d = mlcore::drift::column_drift("x", mlcore::drift::Sample::of(ref), mlcore::drift::Sample::of(cur));
  return d.test ? d.test->name : "none";
}

}  // namespace

TEST_CASE("drift test choice up to 1,000 reference rows: z at 2 distinct numbers, chi-square at 3 and 5, K-S at 6", "[drift]") {
  CHECK(chosen(FeatureType::Numerical, 1000, 1) == "z");
  CHECK(chosen(FeatureType::Numerical, 1000, 2) == "z");
  CHECK(chosen(FeatureType::Numerical, 1000, 3) == "chisquare");
  CHECK(chosen(FeatureType::Numerical, 1000, 5) == "chisquare");
  CHECK(chosen(FeatureType::Numerical, 1000, 6) == "ks");
  CHECK(chosen(FeatureType::Numerical, 10, 6) == "ks");
}

TEST_CASE("drift test choice above 1,000 reference rows: Jensen-Shannon up to 5 distinct numbers, Wasserstein from 6", "[drift]") {
  CHECK(chosen(FeatureType::Numerical, 1001, 2) == "jensenshannon");
  CHECK(chosen(FeatureType::Numerical, 1001, 3) == "jensenshannon");
  CHECK(chosen(FeatureType::Numerical, 1001, 5) == "jensenshannon");
  CHECK(chosen(FeatureType::Numerical, 1001, 6) == "wasserstein");
  CHECK(chosen(FeatureType::Numerical, 1000000, 6) == "wasserstein");
}

TEST_CASE("drift test choice for categories: z at 2 values, chi-square from 3, Jensen-Shannon above 1,000 rows", "[drift]") {
  CHECK(chosen(FeatureType::Categorical, 1000, 2) == "z");
  CHECK(chosen(FeatureType::Categorical, 1000, 3) == "chisquare");
  CHECK(chosen(FeatureType::Categorical, 1000, 6) == "chisquare");
  CHECK(chosen(FeatureType::Categorical, 1001, 2) == "jensenshannon");
  CHECK(chosen(FeatureType::Categorical, 1001, 6) == "jensenshannon");
  CHECK(chosen(FeatureType::Text, 10, 6) == "none");
  CHECK(chosen(FeatureType::Text, 5000, 6) == "none");
}

TEST_CASE("drift choice reason names the test, the column type, the distinct values and the reference rows", "[drift]") {
  CHECK(choose_stattest(FeatureType::Numerical, 150, 22).reason ==
        "K-S because the column is numerical with 22 distinct values (more than 5) and the reference has 150 rows "
        "(at most 1,000).");
  CHECK(choose_stattest(FeatureType::Numerical, 1001, 6).reason ==
        "Normed Wasserstein because the column is numerical with 6 distinct values (more than 5) and the reference "
        "has 1,001 rows (more than 1,000).");
  CHECK(choose_stattest(FeatureType::Categorical, 2500, 4).reason ==
        "Jensen-Shannon because the column is categorical with 4 distinct values and the reference has 2,500 rows "
        "(more than 1,000).");
}

TEST_CASE("drift test choice on real samples counts the 1,000 reference rows after dropping missing values", "[drift]") {
  // 6 distinct floats: K-S at 1,000 rows, normed Wasserstein at 1,001.
  CHECK(auto_test(cycling(1000, 6), cycling(5000, 6)) == "ks");
  CHECK(auto_test(cycling(1001, 6), cycling(5, 6)) == "wasserstein");
  CHECK(auto_test(cycling(1000, 6, 7), cycling(5000, 6)) == "ks");  // 1,007 rows, 7 of them missing
  // 2, 3, 5 distinct floats
  CHECK(auto_test(cycling(1000, 2), cycling(900, 2)) == "z");
  CHECK(auto_test(cycling(1000, 3), cycling(900, 3)) == "chisquare");
  CHECK(auto_test(cycling(1000, 5), cycling(900, 5)) == "chisquare");
  CHECK(auto_test(cycling(1001, 5), cycling(900, 5)) == "jensenshannon");
  // distinct values are counted over both samples together
  CHECK(auto_test(cycling(1000, 5), cycling(900, 6)) == "ks");
}

TEST_CASE("drift column type: whole numbers categorical up to 10 distinct current values, else numerical", "[drift]") {
  const auto ten = cycling(300, 10, 0, ColumnType::Integer), eleven = cycling(300, 11, 0, ColumnType::Integer);
  const auto ten_missing = cycling(300, 10, 1, ColumnType::Integer);
  auto infer = [](const mlcore::data::Column& cur) {
    mlcore::drift::ColumnPair pair(mlcore::drift::Sample::of(cur), mlcore::drift::Sample::of(cur));
    return mlcore::drift::infer_feature_type(pair);
  };
  CHECK(infer(ten).type == FeatureType::Categorical);
  CHECK(infer(eleven).type == FeatureType::Numerical);
  CHECK(infer(ten_missing).type == FeatureType::Numerical);
  CHECK(infer(cycling(300, 10)).type == FeatureType::Numerical);  // floats are always numerical
  // the type comes from the current sample: 11 distinct reference values, 10 current ones
  CHECK(auto_test(eleven, ten) == "chisquare");
  CHECK(auto_test(ten, eleven) == "ks");
  CHECK(infer(ten).reason == "categorical because it holds whole numbers with 10 distinct values in the current data (at most 10)");
}

TEST_CASE("drift column type: labels are text when over half the current values are distinct, text untested", "[drift]") {
  mlcore::data::Column ids;
  ids.name = "id";
  ids.type = ColumnType::Categorical;
  for (int i = 0; i < 10; ++i) ids.categories.push_back("id" + std::to_string(i)), ids.codes.push_back(i);
  const auto d = mlcore::drift::column_drift("id", mlcore::drift::Sample::of(ids), mlcore::drift::Sample::of(ids));
  CHECK(d.type == FeatureType::Text);
  CHECK(d.test == nullptr);
  CHECK(d.explanation.find("id: not tested.") == 0);
  const auto half = mlplay_test::counts_column("c", {1, 1, 1, 1, 1, 5});  // 6 distinct of 10: text
  const auto fewer = mlplay_test::counts_column("c", {2, 2, 2, 2, 2});    // 5 distinct of 10: categorical
  CHECK(mlcore::drift::column_drift("c", mlcore::drift::Sample::of(half), mlcore::drift::Sample::of(half)).type == FeatureType::Text);
  CHECK(mlcore::drift::column_drift("c", mlcore::drift::Sample::of(fewer), mlcore::drift::Sample::of(fewer)).type ==
        FeatureType::Categorical);
}

TEST_CASE("drift column type: true/false categorical, unknown and untested with a missing current value", "[drift]") {
  const auto flags = cycling(40, 2, 0, ColumnType::Boolean);
  const auto flags_missing = cycling(40, 2, 1, ColumnType::Boolean);
  CHECK(auto_test(flags, flags) == "z");
  const auto d = mlcore::drift::column_drift("flag", mlcore::drift::Sample::of(flags), mlcore::drift::Sample::of(flags_missing));
  CHECK(d.type == FeatureType::Unknown);
  CHECK(d.test == nullptr);
  mlcore::drift::ColumnOptions asked;
  asked.method = "chisquare";
  const auto forced = mlcore::drift::column_drift("flag", mlcore::drift::Sample::of(flags), mlcore::drift::Sample::of(flags_missing), asked);
  CHECK(forced.test->name == "chisquare");
  CHECK(forced.departures.size() == 1);
}

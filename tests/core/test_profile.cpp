// Dataset profiles: per-column statistics, the histogram, duplicate rows and the JSON the CLI
// and the page show. Expected values are worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/data/profile.hpp"
#include "table_builders.hpp"

using namespace mlcore::data;
using mlplay_test::NA;
using mlplay_test::categorical;
using mlplay_test::numeric;

TEST_CASE("quantiles of 1..10 use linear interpolation between order statistics", "[profile]") {
  // Position (n-1)p = 9p: p5 -> 0.45 -> 1.45; p25 -> 2.25 -> 3.25; p50 -> 4.5 -> 5.5;
  // p75 -> 6.75 -> 7.75; p95 -> 8.55 -> 9.55. Input shuffled: order must not matter.
  auto p = profile_column(numeric("x", ColumnType::Integer, {7, 3, 10, 1, 5, 2, 9, 4, 8, 6}));
  CHECK(p.quantiles.p5 == Approx(1.45));
  CHECK(p.quantiles.p25 == Approx(3.25));
  CHECK(p.quantiles.p50 == Approx(5.5));
  CHECK(p.quantiles.p75 == Approx(7.75));
  CHECK(p.quantiles.p95 == Approx(9.55));
  CHECK(p.min == 1);
  CHECK(p.max == 10);
  CHECK(p.mean == Approx(5.5));
  CHECK(p.count == 10);
  CHECK(p.distinct == 10);
}

TEST_CASE("quantiles with repeated values interpolate between neighbours in sorted order",
          "[profile]") {
  // Sorted: 1 1 2 2 3 3 3 10 (n = 8, positions 7p). p5 0.35 -> 1; p25 1.75 -> 1 + .75 = 1.75;
  // p50 3.5 -> 2.5; p75 5.25 -> 3; p95 6.65 -> 3 + .65 * 7 = 7.55.
  auto p = profile_column(numeric("x", ColumnType::Integer, {3, 10, 1, 2, 3, 1, 3, 2}));
  CHECK(p.quantiles.p5 == Approx(1.0));
  CHECK(p.quantiles.p25 == Approx(1.75));
  CHECK(p.quantiles.p50 == Approx(2.5));
  CHECK(p.quantiles.p75 == Approx(3.0));
  CHECK(p.quantiles.p95 == Approx(7.55));
  CHECK(p.distinct == 4);
}

TEST_CASE("std is the sample standard deviation (ddof = 1), as pandas describe", "[profile]") {
  // Mean 5, squared deviations sum to 32: sample std sqrt(32/7) = 2.13809, population 2.
  auto p = profile_column(numeric("x", ColumnType::Float, {2, 4, 4, 4, 5, 5, 7, 9}));
  CHECK(p.mean == Approx(5.0));
  CHECK(p.std == Approx(2.1380899353));
  CHECK(p.std != Approx(2.0));
}

TEST_CASE("missing numbers are counted apart and left out of every statistic", "[profile]") {
  auto p = profile_column(numeric("x", ColumnType::Float, {1, NA, 3, NA}));
  CHECK(p.count == 2);
  CHECK(p.missing == 2);
  CHECK(p.distinct == 2);
  CHECK(p.min == 1);
  CHECK(p.max == 3);
  CHECK(p.mean == Approx(2.0));
  CHECK(p.std == Approx(std::sqrt(2.0)));
  CHECK(p.quantiles.p50 == Approx(2.0));
  CHECK(p.histogram.counts[0] + p.histogram.counts[19] == 2);
}

TEST_CASE("distinct counts each value once and -0 as 0", "[profile]") {
  auto p = profile_column(numeric("x", ColumnType::Float, {0.0, -0.0, 1, 1, NA, 2.5}));
  CHECK(p.distinct == 3);
}

TEST_CASE("the histogram has 20 equal-width bins from min to max and the max falls in the last",
          "[profile]") {
  // 0..20: edges 0, 1, ..., 20; bin i = [i, i+1) holds i, the last bin [19, 20] holds 19 and 20.
  std::vector<double> v;
  for (int i = 0; i <= 20; ++i) v.push_back(i);
  auto p = profile_column(numeric("x", ColumnType::Float, v));
  REQUIRE(p.histogram.edges.size() == kHistogramBins + 1);
  REQUIRE(p.histogram.counts.size() == kHistogramBins);
  for (std::size_t i = 0; i <= 20; ++i)
    CHECK(p.histogram.edges[i] == Approx(static_cast<double>(i)));
  for (std::size_t i = 0; i < 19; ++i) CHECK(p.histogram.counts[i] == 1);
  CHECK(p.histogram.counts[19] == 2);
}

TEST_CASE("a constant column's histogram spans value - 0.5 to value + 0.5", "[profile]") {
  // Width 1/20; 3 sits at (3 - 2.5) * 20 = bin 10.
  auto p = profile_column(numeric("x", ColumnType::Integer, {3, 3, 3}));
  CHECK(p.histogram.edges.front() == Approx(2.5));
  CHECK(p.histogram.edges.back() == Approx(3.5));
  CHECK(p.histogram.counts[10] == 3);
  CHECK(p.std == 0);
  CHECK(p.quantiles.p5 == 3);
  CHECK(p.quantiles.p95 == 3);
}

TEST_CASE("statistics without values are null in JSON, never NaN", "[profile]") {
  nlohmann::json empty = to_json(profile_column(numeric("x", ColumnType::Float, {NA, NA})));
  CHECK(empty["count"] == 0);
  CHECK(empty["missing"] == 2);
  for (const char* key : {"min", "max", "mean", "std"}) CHECK(empty[key].is_null());
  for (const char* key : {"p5", "p25", "p50", "p75", "p95"})
    CHECK(empty["quantiles"][key].is_null());
  CHECK(empty["histogram"]["edges"].empty());
  CHECK(empty["histogram"]["counts"].empty());
  // One value: a mean but no sample std.
  nlohmann::json one = to_json(profile_column(numeric("x", ColumnType::Float, {5})));
  CHECK(one["mean"] == 5.0);
  CHECK(one["std"].is_null());
  CHECK(one.dump().find("NaN") == std::string::npos);
}

TEST_CASE("boolean columns count true and false, not numeric statistics", "[profile]") {
  auto p = profile_column(numeric("b", ColumnType::Boolean, {1, 0, 1, NA, 1}));
  CHECK(p.true_count == 3);
  CHECK(p.false_count == 1);
  CHECK(p.missing == 1);
  CHECK(p.distinct == 2);
  nlohmann::json j = to_json(p);
  CHECK(j["type"] == "boolean");
  CHECK(j["true_count"] == 3);
  CHECK(j["false_count"] == 1);
  CHECK_FALSE(j.contains("mean"));
}

TEST_CASE("categorical top lists 10 categories by count, ties in first-seen order", "[profile]") {
  // b x3, a x2, c x2 (a seen first), d..k once each, l never used, one missing.
  auto p =
      profile_column(categorical("c", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"},
                                 {0, 1, 2, 1, 0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10, -1}));
  REQUIRE(p.top.size() == kTopCategories);
  CHECK(p.top[0].value == "b");
  CHECK(p.top[0].count == 3);
  CHECK(p.top[1].value == "a");
  CHECK(p.top[2].value == "c");
  CHECK(p.top[2].count == 2);
  CHECK(p.top[3].value == "d");
  CHECK(p.top[9].value == "j");
  CHECK(p.distinct == 11);
  CHECK(p.categories == 12);
  CHECK(p.count == 15);
  CHECK(p.missing == 1);
  nlohmann::json j = to_json(p);
  CHECK(j["top"][0]["value"] == "b");
  CHECK(j["top"][0]["count"] == 3);
  CHECK(j["categories"] == 12);
}

TEST_CASE("datetime columns report their range in seconds and as ISO text", "[profile]") {
  // 2020-01-01 = 18262 days = 1577836800 s; 2021-06-15 = 18628 + 151 + 14 days, plus 12 h.
  auto p = profile_column(numeric("d", ColumnType::Datetime, {1623758400, NA, 1577836800}));
  CHECK(p.min == 1577836800);
  CHECK(p.max == 1623758400);
  CHECK(p.count == 2);
  nlohmann::json j = to_json(p);
  CHECK(j["min_iso"] == "2020-01-01");
  CHECK(j["max_iso"] == "2021-06-15T12:00:00");
  CHECK_FALSE(j.contains("mean"));
}

TEST_CASE("duplicate rows are rows equal to an earlier one, with missing equal to missing",
          "[profile]") {
  // Rows: (1,a) (1,a) (NA,NA) (NA,NA) (2,a) (1,a) (1,b): rows 1, 3 and 5 repeat earlier rows.
  Table t;
  t.columns.push_back(numeric("x", ColumnType::Float, {1, 1, NA, NA, 2, 1, 1}));
  t.columns.push_back(categorical("c", {"a", "b"}, {0, 0, -1, -1, 0, 0, 1}));
  CHECK(count_duplicate_rows(t) == 3);
  CHECK(profile_table(t).duplicate_rows == 3);
}

TEST_CASE("duplicate rows and distinct values stay exact on a large table", "[profile]") {
  // 200,000 rows cycling through 1,000 (x, c) pairs: 1,000 distinct rows, 199,000 duplicates.
  Table t;
  t.columns.push_back(numeric("x", ColumnType::Integer, {}));
  t.columns.push_back(categorical("c", {"p", "q", "r", "s"}, {}));
  for (int r = 0; r < 200000; ++r) {
    t.columns[0].numbers.push_back(r % 1000);
    t.columns[1].codes.push_back(r % 4);
  }
  Profile p = profile_table(t);
  CHECK(p.duplicate_rows == 199000);
  CHECK(p.columns[0].distinct == 1000);
  CHECK(p.columns[0].quantiles.p50 == Approx(499.5));
}

TEST_CASE("the table JSON has rows, columns, duplicate_rows, memory_bytes and warnings",
          "[profile]") {
  // Memory: 4 numbers * 8 + 4 codes * 4 + "x" + "yy" = 32 + 16 + 3 = 51 bytes.
  Table t;
  t.columns.push_back(numeric("n", ColumnType::Float, {1, 2, 3, 4}));
  t.columns.push_back(categorical("c", {"x", "yy"}, {0, 1, 0, 1}));
  Profile p = profile_table(t);
  CHECK(p.rows == 4);
  CHECK(p.cols == 2);
  CHECK(p.memory_bytes == 51);
  nlohmann::json j = to_json(p);
  CHECK(j["rows"] == 4);
  CHECK(j["duplicate_rows"] == 0);
  CHECK(j["memory_bytes"] == 51);
  REQUIRE(j["columns"].size() == 2);
  CHECK(j["columns"][0]["name"] == "n");
  CHECK(j["columns"][0]["type"] == "float");
  CHECK(j["columns"][1]["type"] == "categorical");
  CHECK(j["warnings"].is_array());
}

TEST_CASE("an integer column with few values lists its value counts like a class column", "[profile]") {
  // {0,0,1,2,2,2,missing}: 2 appears 3 times, 0 twice, 1 once.
  ColumnProfile p = profile_column(numeric("Species", ColumnType::Integer, {0, 0, 1, 2, 2, 2, NA}));
  REQUIRE(p.top.size() == 3);
  CHECK(p.top[0].value == "2");
  CHECK(p.top[0].count == 3);
  CHECK(p.top[1].value == "0");
  CHECK(p.top[1].count == 2);
  CHECK(p.top[2].value == "1");
  CHECK(p.top[2].count == 1);
  CHECK(to_json(p)["top"][0]["value"] == "2");
}

TEST_CASE("an integer column with many values has no value counts", "[profile]") {
  std::vector<double> v;
  for (int i = 0; i < 25; ++i) v.push_back(i);
  CHECK(profile_column(numeric("id", ColumnType::Integer, v)).top.empty());
}

// Quality checks: each rule fires on the case it describes, stays silent just past its
// threshold, and reports a stable code naming the column. Tests assert codes, not wording.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/data/profile.hpp"
#include "core/data/quality.hpp"
#include "table_builders.hpp"

using namespace mlcore::data;
using mlcore::Warning;
using mlplay_test::NA;
using mlplay_test::categorical;
using mlplay_test::numeric;

namespace {

Table table_of(std::vector<Column> columns) {
  Table t;
  t.columns = std::move(columns);
  return t;
}

std::vector<Warning> with_code(const std::vector<Warning>& all, const std::string& code) {
  std::vector<Warning> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Warning& w) { return w.code == code; });
  return out;
}

bool names(const Warning& w, const std::string& column) {
  return w.message.find("'" + column + "'") != std::string::npos;
}

// `counts[i]` rows of category i, in category order.
Column repeated(std::string name, std::vector<std::string> categories, std::vector<int> counts) {
  Column c = categorical(std::move(name), std::move(categories), {});
  for (std::size_t i = 0; i < counts.size(); ++i)
    c.codes.insert(c.codes.end(), counts[i], static_cast<std::int32_t>(i));
  return c;
}

}  // namespace

TEST_CASE("a clean table has no warnings", "[quality]") {
  Table t = table_of({numeric("x", ColumnType::Float, {1.5, 2.5, 3, 4, 2}),
                      categorical("c", {"a", "b"}, {0, 1, 1, 0, 0})});
  CHECK(check_quality(t).empty());
}

TEST_CASE("a column with one distinct non-missing value is quality.constant_column", "[quality]") {
  Table t = table_of({numeric("k", ColumnType::Integer, {5, 5, NA, 5}),
                      numeric("x", ColumnType::Integer, {5, 6, 5, 6})});
  auto w = with_code(check_quality(t), "quality.constant_column");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "k"));
  CHECK(w[0].where.line == 0);
}

TEST_CASE("quality.high_missing fires strictly above the missing share threshold", "[quality]") {
  // 4 of 10 missing = 40% > 30%; 3 of 10 = 30% is not above.
  Table t = table_of({numeric("many", ColumnType::Float, {1, NA, NA, NA, NA, 2, 3, 4, 5, 6}),
                      numeric("some", ColumnType::Float, {1, NA, NA, NA, 7, 2, 3, 4, 5, 6})});
  auto w = with_code(check_quality(t), "quality.high_missing");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "many"));
  CHECK(w[0].message.find("40.0%") != std::string::npos);
  QualityOptions lenient;
  lenient.high_missing_share = 0.5;
  CHECK(with_code(check_quality(t, lenient), "quality.high_missing").empty());
}

TEST_CASE("quality.duplicate_rows states how many rows repeat an earlier one", "[quality]") {
  Table t = table_of(
      {numeric("x", ColumnType::Float, {1, 2, 1, 1}), categorical("c", {"a"}, {0, 0, 0, 0})});
  auto w = with_code(check_quality(t), "quality.duplicate_rows");
  REQUIRE(w.size() == 1);
  CHECK(w[0].message.find("2 duplicate rows") != std::string::npos);
}

TEST_CASE("integer or text columns unique in every one of 20+ rows are quality.id_like_column",
          "[quality]") {
  auto build = [](int rows) {
    Table t;
    t.columns = {numeric("id", ColumnType::Integer, {}), numeric("f", ColumnType::Float, {}),
                 categorical("code", {}, {})};
    for (int r = 0; r < rows; ++r) {
      t.columns[0].numbers.push_back(1000 + r);
      t.columns[1].numbers.push_back(r * 0.5);  // unique too, but a float is a measurement
      t.columns[2].categories.push_back("K" + std::to_string(r));
      t.columns[2].codes.push_back(r);
    }
    return t;
  };
  auto w = with_code(check_quality(build(20)), "quality.id_like_column");
  REQUIRE(w.size() == 2);
  CHECK(names(w[0], "id"));
  CHECK(names(w[1], "code"));
  CHECK(with_code(check_quality(build(19)), "quality.id_like_column").empty());
}

TEST_CASE("quality.class_imbalance fires when the largest class has 10 times the rarest",
          "[quality]") {
  QualityOptions q;
  q.target = "y";
  // 95 a / 5 b: ratio 19.
  auto w = with_code(check_quality(table_of({repeated("y", {"a", "b"}, {95, 5})}), q),
                     "quality.class_imbalance");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "y"));
  CHECK(names(w[0], "b"));
  // 100 a / 10 b: exactly 10 fires; 90 a / 10 b: ratio 9 does not.
  CHECK(with_code(check_quality(table_of({repeated("y", {"a", "b"}, {100, 10})}), q),
                  "quality.class_imbalance")
            .size() == 1);
  CHECK(with_code(check_quality(table_of({repeated("y", {"a", "b"}, {90, 10})}), q),
                  "quality.class_imbalance")
            .empty());
  // Missing labels do not count: 19 a, 1 b and 80 missing is ratio 19.
  Column y = repeated("y", {"a", "b"}, {19, 1});
  y.codes.insert(y.codes.end(), 80, -1);
  CHECK(with_code(check_quality(table_of({y}), q), "quality.class_imbalance").size() == 1);
  // Without a target the rule does not run.
  CHECK(with_code(check_quality(table_of({repeated("y", {"a", "b"}, {95, 5})})),
                  "quality.class_imbalance")
            .empty());
}

TEST_CASE("class imbalance compares largest and rarest class, whatever the number of classes",
          "[quality]") {
  QualityOptions q;
  q.target = "y";
  // 12 balanced classes: each holds 8.3% of rows, yet nothing is imbalanced (ratio 1).
  std::vector<std::string> labels;
  for (int i = 0; i < 12; ++i) labels.push_back("k" + std::to_string(i));
  CHECK(with_code(check_quality(table_of({repeated("y", labels, std::vector<int>(12, 5))}), q),
                  "quality.class_imbalance")
            .empty());
  // 50 / 45 / 4: ratio 12.5, the rarest class is the one named.
  auto w = with_code(check_quality(table_of({repeated("y", {"a", "b", "c"}, {50, 45, 4})}), q),
                     "quality.class_imbalance");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "c"));
}

TEST_CASE("class imbalance reads boolean and integer targets but not float ones", "[quality]") {
  QualityOptions q;
  q.target = "y";
  std::vector<double> v(50, 0.0);
  v[7] = 1;  // 49 zeros to 1 one: ratio 49
  for (auto type : {ColumnType::Boolean, ColumnType::Integer})
    CHECK(with_code(check_quality(table_of({numeric("y", type, v)}), q), "quality.class_imbalance")
              .size() == 1);
  CHECK(with_code(check_quality(table_of({numeric("y", ColumnType::Float, v)}), q),
                  "quality.class_imbalance")
            .empty());
}

TEST_CASE("a target that names no column is data.unknown_column", "[quality]") {
  QualityOptions q;
  q.target = "label";
  Table t = table_of({numeric("x", ColumnType::Float, {1, 2})});
  try {
    check_quality(t, q);
    FAIL("expected data.unknown_column");
  } catch (const mlcore::Error& e) {
    CHECK(e.code() == "data.unknown_column");
  }
}

TEST_CASE("quality.extreme_outliers counts values beyond Q1 - 3 IQR and Q3 + 3 IQR", "[quality]") {
  // 1..10 and 100 (n = 11): Q1 = 3.5, Q3 = 8.5, IQR = 5, fences [-11.5, 23.5]: only 100 is out.
  Table t = table_of({numeric("x", ColumnType::Float, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, NA})});
  auto w = with_code(check_quality(t), "quality.extreme_outliers");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "x"));
  CHECK(w[0].message.find("has 1 value ") != std::string::npos);
  // A factor of 20 moves the upper fence to 8.5 + 100 = 108.5.
  QualityOptions wide;
  wide.outlier_iqr_factor = 20;
  CHECK(with_code(check_quality(t, wide), "quality.extreme_outliers").empty());
}

TEST_CASE("extreme outliers stay silent when the IQR is zero", "[quality]") {
  Table t = table_of({numeric("sparse", ColumnType::Integer, {0, 0, 0, 0, 0, 0, 0, 0, 0, 5})});
  CHECK(with_code(check_quality(t), "quality.extreme_outliers").empty());
}

TEST_CASE("numbers written as text are recognised by kind", "[quality]") {
  CHECK(classify_number_text("1,5") == NumberText::DecimalComma);
  CHECK(classify_number_text("-0,25") == NumberText::DecimalComma);
  CHECK(classify_number_text("1 234,5") == NumberText::DecimalComma);
  CHECK(classify_number_text("1.234,5") == NumberText::DecimalComma);
  CHECK(classify_number_text("12,5 %") == NumberText::DecimalComma);
  CHECK(classify_number_text("\xE2\x82\xAC"
                             "3,20") == NumberText::DecimalComma);
  CHECK(classify_number_text("1 234") == NumberText::Decorated);
  CHECK(classify_number_text("1\xC2\xA0"
                             "234") == NumberText::Decorated);
  CHECK(classify_number_text("1,234,567") == NumberText::Decorated);
  CHECK(classify_number_text("1,234.5") == NumberText::Decorated);
  CHECK(classify_number_text("$12.50") == NumberText::Decorated);
  CHECK(classify_number_text("-$5") == NumberText::Decorated);
  CHECK(classify_number_text("45%") == NumberText::Decorated);
  CHECK(classify_number_text("-3") == NumberText::Plain);
  CHECK(classify_number_text(" 2e3 ") == NumberText::Plain);
  CHECK(classify_number_text(".5") == NumberText::Plain);
  for (const char* s :
       {"", "abc", "-", "$", "12:30", "2020-01-05", "1 2", "1,,5", "1.2.3", "10.0.0.1", "1e"})
    CHECK(classify_number_text(s) == NumberText::None);
}

TEST_CASE("quality.numeric_as_text fires when 90% of text values read as decimal-comma numbers",
          "[quality]") {
  // 9 of 10 values are numbers with a decimal comma, one is "?".
  Table t = table_of({repeated("price", {"1,5", "2,25", "3", "?"}, {4, 3, 2, 1})});
  auto w = with_code(check_quality(t), "quality.numeric_as_text");
  REQUIRE(w.size() == 1);
  CHECK(names(w[0], "price"));
  CHECK(w[0].message.find("decimal ','") != std::string::npos);
  // 8 of 10 is below 90%.
  CHECK(with_code(check_quality(table_of({repeated("p", {"1,5", "x", "y"}, {8, 1, 1})})),
                  "quality.numeric_as_text")
            .empty());
}

TEST_CASE("numeric_as_text names symbols, or missing markers among plain numbers", "[quality]") {
  auto symbols =
      with_code(check_quality(table_of({repeated("amount", {"$1 200", "$35.50"}, {3, 3})})),
                "quality.numeric_as_text");
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].message.find("symbols") != std::string::npos);
  auto markers =
      with_code(check_quality(table_of({repeated("age", {"31", "44", "?"}, {10, 9, 1})})),
                "quality.numeric_as_text");
  REQUIRE(markers.size() == 1);
  CHECK(markers[0].message.find("'?'") != std::string::npos);
  // Only plain numbers: text on purpose (e.g. codes with leading zeros), nothing to say.
  CHECK(with_code(check_quality(table_of({repeated("zip", {"01234", "02345"}, {3, 3})})),
                  "quality.numeric_as_text")
            .empty());
}

TEST_CASE("the profile carries the quality warnings in check_quality's order", "[quality]") {
  QualityOptions q;
  q.target = "y";
  Table t = table_of({numeric("k", ColumnType::Float, {1, 1, 1, NA, NA}),
                      categorical("y", {"a", "b"}, {0, 0, 0, 0, 0})});
  Profile p = profile_table(t, q);
  auto w = check_quality(t, q);
  REQUIRE(p.warnings.size() == w.size());
  for (std::size_t i = 0; i < w.size(); ++i) CHECK(p.warnings[i].code == w[i].code);
  // Table-level first, then column by column.
  REQUIRE(w.size() == 4);
  CHECK(w[0].code == "quality.duplicate_rows");
  CHECK(w[1].code == "quality.constant_column");
  CHECK(w[2].code == "quality.high_missing");
  CHECK(w[3].code == "quality.constant_column");
  nlohmann::json j = to_json(p);
  CHECK(j["warnings"][0]["code"] == "quality.duplicate_rows");
  CHECK(j["warnings"][0].contains("message"));
}

// Drift kind new_category: from start_day on, a share (`intensity`) of the rows takes a value of
// a column that the base data never had: a new product line, a new country, a new island. A
// categorical column gets the new label; an integer-coded one a new number. The model's one-hot
// encoder scores an unseen label as all zeros, so requests still answer; the drift tests see it
// at once (chi-square gives p = 0 for a category the reference lacks).
#include <cmath>
#include <cstdlib>

#include "drift_kind.hpp"

namespace mlcore::sim {
namespace {

bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end && *end == '\0' && std::isfinite(out);
}

void check(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path) {
  const std::string name = d.fields.at("column").get<std::string>();
  const data::Column& c = drift_column(base, name, path + ".column", false);
  if (name == target) bad_scenario(path + ".column", "names the target " + name + "; to change the labels use concept_drift.");
  const std::string category = d.fields.at("category").get<std::string>();
  double v = 0;
  if (c.type == data::ColumnType::Categorical) {
    for (const auto& known : c.categories)
      if (known == category) bad_scenario(path + ".category", "is '" + category + "', which " + name + " already holds.");
  } else if (c.type != data::ColumnType::Integer || !parse_number(category, v) || std::round(v) != v) {
    bad_scenario(path + ".category", "must be a label of the categorical column " + name +
                                         (c.type == data::ColumnType::Integer ? ", or a whole number for this integer column." : "; "
                                                                                "this column is " + std::string(data::to_string(c.type)) + "."));
  }
}

void apply(const DriftSpec& d, const StreamContext&, data::Table& window, const std::vector<double>& days, data::Rng& rng) {
  auto& col = window.columns[static_cast<std::size_t>(window.find(d.fields.at("column").get<std::string>()))];
  const std::string category = d.fields.at("category").get<std::string>();
  std::int32_t code = -1;
  double number = 0;
  if (col.type == data::ColumnType::Categorical) {
    code = static_cast<std::int32_t>(col.categories.size());
    col.categories.push_back(category);
  } else {
    parse_number(category, number);
  }
  bool used = false;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const double u = rng.uniform();  // one draw per row, taken or not
    if (!(u < d.intensity * onset(d, days[i]))) continue;
    used = true;
    if (code >= 0) col.codes[i] = code;
    else col.numbers[i] = number;
  }
  if (code >= 0 && !used) col.categories.pop_back();  // no label nobody holds
}

}  // namespace

const DriftKind& new_category_kind() {
  static const DriftKind k = {
      "new_category",
      "New category",
      "From start_day on, some rows take a value of a column that the training data never had.",
      "the share of rows (0 to 1) that take the new value",
      0,
      1,
      {{"column", FieldType::Text, "", "The categorical (or integer-coded) column that gets the new value.", true},
       {"category", FieldType::Text, "new", "The new value."}},
      check,
      apply,
  };
  return k;
}

}  // namespace mlcore::sim

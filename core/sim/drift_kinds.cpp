// The registry of drift kinds and what they share (see drift_kind.hpp).
#include <algorithm>

#include "drift_kind.hpp"

namespace mlcore::sim {

double onset(const DriftSpec& d, double day) {
  if (day < d.start_day) return 0;
  if (!d.gradual || d.ramp_days <= 0) return 1;
  return std::min(1.0, (day - d.start_day) / d.ramp_days);
}

const std::vector<const DriftKind*>& drift_kinds() {
  static const std::vector<const DriftKind*> kinds = {&covariate_shift_kind(), &seasonal_pattern_kind(),
                                                      &new_category_kind(), &quality_break_kind(),
                                                      &concept_drift_kind()};
  return kinds;
}

const DriftKind& drift_kind(const std::string& name, const std::string& path) {
  for (const DriftKind* k : drift_kinds())
    if (k->name == name) return *k;
  std::string names;
  for (const DriftKind* k : drift_kinds()) names += (names.empty() ? "" : ", ") + k->name;
  bad_scenario(path, "names the drift kind '" + name + "'; the kinds are " + names + ".");
}

const std::vector<FieldSpec>& common_drift_fields() {
  static const std::vector<FieldSpec> fields = [] {
    std::vector<std::string> kinds;
    for (const DriftKind* k : drift_kinds()) kinds.push_back(k->name);
    std::vector<FieldSpec> f = {
        {"kind", FieldType::Choice, nullptr, "What changes: one of the drift kinds.", true, kinds},
        {"start_day", FieldType::Number, 0, "The day of the stream (from 0) the drift begins on.", false, {}, 0},
        {"intensity", FieldType::Number, 1, "How strong the drift is; its unit is the kind's own (see each kind)."},
        {"onset", FieldType::Choice, "sudden", "sudden: full strength from start_day; gradual: rising over ramp_days.",
         false, {"sudden", "gradual"}},
        {"ramp_days", FieldType::Number, 3, "For a gradual onset: the days it takes to reach full strength.", false, {}, 0},
    };
    return f;
  }();
  return fields;
}

const data::Column& drift_column(const data::Table& base, const std::string& name, const std::string& path, bool numeric) {
  const int i = base.find(name);
  if (i < 0) {
    std::string names;
    for (const auto& c : base.columns) names += (names.empty() ? "" : ", ") + c.name;
    bad_scenario(path, "names the column '" + name + "', which the dataset does not have; its columns are " + names + ".");
  }
  const data::Column& c = base.columns[static_cast<std::size_t>(i)];
  if (numeric && !(c.type == data::ColumnType::Float || c.type == data::ColumnType::Integer))
    bad_scenario(path, "names " + name + ", a " + data::to_string(c.type) + " column; this drift needs numbers.");
  return c;
}

std::vector<std::string> drift_columns(const DriftSpec& d, const data::Table& base, const std::string& path, bool numeric) {
  std::vector<std::string> out = d.fields.at("columns").get<std::vector<std::string>>();
  if (out.empty()) bad_scenario(path + ".columns", "is empty; name at least one column.");
  for (const auto& c : out) drift_column(base, c, path + ".columns", numeric);
  return out;
}

}  // namespace mlcore::sim

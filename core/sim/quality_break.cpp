// Drift kind quality_break: something upstream breaks from start_day on, for a share
// (`intensity`) of the rows: a column goes missing (the client stops sending the field, so the
// endpoint refuses the request with 400, as a real one would) or changes unit (a value in mm where
// cm was meant: multiplied by `factor`). Retraining does not repair either: the fix is upstream,
// which is why the error-rate and missing-value monitors sit beside the drift tests.
#include <cmath>
#include <limits>

#include "drift_kind.hpp"

namespace mlcore::sim {
namespace {

void check(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path) {
  const std::string name = d.fields.at("column").get<std::string>();
  const bool unit = d.fields.at("break").get<std::string>() == "unit";
  drift_column(base, name, path + ".column", unit);
  if (name == target) bad_scenario(path + ".column", "names the target " + name + "; a quality break hits features.");
}

void apply(const DriftSpec& d, const StreamContext&, data::Table& window, const std::vector<double>& days, data::Rng& rng) {
  auto& col = window.columns[static_cast<std::size_t>(window.find(d.fields.at("column").get<std::string>()))];
  const bool unit = d.fields.at("break").get<std::string>() == "unit";
  const double factor = d.fields.at("factor").get<double>();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const double u = rng.uniform();  // one draw per row, taken or not
    if (!(u < d.intensity * onset(d, days[i]))) continue;
    if (col.type == data::ColumnType::Categorical) {
      col.codes[i] = -1;
    } else if (!unit) {
      col.numbers[i] = std::numeric_limits<double>::quiet_NaN();
    } else if (!std::isnan(col.numbers[i])) {
      col.numbers[i] *= factor;
      if (col.type == data::ColumnType::Integer) col.numbers[i] = std::round(col.numbers[i]);
    }
  }
}

}  // namespace

const DriftKind& quality_break_kind() {
  static const DriftKind k = {
      "quality_break",
      "Data quality break",
      "From start_day on, a column goes missing or changes unit in some of the requests.",
      "the share of rows (0 to 1) the break hits",
      0,
      1,
      {{"column", FieldType::Text, "", "The feature that breaks.", true},
       {"break", FieldType::Choice, "missing", "missing: the field is no longer sent; unit: its values come in another unit.",
        false, {"missing", "unit"}},
       {"factor", FieldType::Number, 10, "For a unit change: what the values are multiplied by (10: cm read as mm).", false, {},
        -1e6, 1e6}},
      check,
      apply,
  };
  return k;
}

}  // namespace mlcore::sim

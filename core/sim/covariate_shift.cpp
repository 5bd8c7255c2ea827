// Drift kind covariate_shift: chosen numeric columns move by `intensity` standard deviations of
// the base data and/or spread by `scale` around their mean (x -> mean + (x - mean) * scale +
// intensity * sd), suddenly or gradually. Labels stay with their rows, so the relation between a
// shifted feature and the label moves with the feature: a model trained before the shift reads
// the new values with the old thresholds, while one retrained on recent labelled rows learns the
// new ones. Integer columns are rounded back to whole numbers (an endpoint refuses 4.6 for an
// integer feature).
#include <cmath>

#include "drift_kind.hpp"

namespace mlcore::sim {
namespace {

void check(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path) {
  for (const auto& c : drift_columns(d, base, path, true))
    if (c == target) bad_scenario(path + ".columns", "names the target " + c + "; to change the labels use concept_drift.");
}

void apply(const DriftSpec& d, const StreamContext& ctx, data::Table& window, const std::vector<double>& days, data::Rng&) {
  const double scale = d.fields.at("scale").get<double>();
  for (const auto& name : d.fields.at("columns").get<std::vector<std::string>>()) {
    auto& col = window.columns[static_cast<std::size_t>(window.find(name))];
    const ColumnStats& st = ctx.stats.at(name);
    for (std::size_t i = 0; i < col.numbers.size(); ++i) {
      const double r = onset(d, days[i]);
      double& x = col.numbers[i];
      if (r == 0 || std::isnan(x)) continue;
      const double spread = 1 + (scale - 1) * r;
      const double shift = d.intensity * r * st.sd;
      x = st.mean + (x - st.mean) * spread + shift;
      if (col.type == data::ColumnType::Integer) x = std::round(x);
    }
  }
}

}  // namespace

const DriftKind& covariate_shift_kind() {
  static const DriftKind k = {
      "covariate_shift",
      "Covariate shift",
      "Numeric columns move (and optionally spread) from start_day on; labels stay with their rows, so the old "
      "model's thresholds no longer fit.",
      "the shift, in standard deviations of the base column (1.5 moves PetalLengthCm by 1.5 sd; negative moves down)",
      -100,
      100,
      {{"columns", FieldType::TextList, nlohmann::json::array(), "The numeric columns that move.", true},
       {"scale", FieldType::Number, 1, "At full strength, values spread this many times wider around the mean (1 = no change).",
        false, {}, 0.01, 100}},
      check,
      apply,
  };
  return k;
}

}  // namespace mlcore::sim

// Drift kind concept_drift: the relation between the features and the label changes, with the
// features as they were: what the business calls the right answer moves ("model drift": two
// species are now sold as one, a risk class is redefined). From start_day on, a share
// (`intensity`) of the rows has its label replaced through `mapping` (label -> new label); with
// no mapping, every class becomes the next one in sorted order. No data drift test on the
// features can see it: only the model's quality, once the labels arrive, does.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "drift_kind.hpp"

namespace mlcore::sim {
namespace {

bool whole_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0' && std::isfinite(out) && std::round(out) == out;
}

// The labels of the target, sorted (numerically for integers).
std::vector<std::string> labels_of(const data::Column& c) {
  std::vector<std::string> out;
  if (c.type == data::ColumnType::Categorical) {
    out = c.categories;
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<double> values;
  for (double v : c.numbers)
    if (!std::isnan(v) && std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  std::sort(values.begin(), values.end());
  data::Column tmp;
  tmp.type = c.type;
  tmp.numbers = values;
  for (std::size_t i = 0; i < values.size(); ++i) out.push_back(tmp.text(i));
  return out;
}

std::map<std::string, std::string> mapping_of(const DriftSpec& d, const data::Column& target) {
  std::map<std::string, std::string> m;
  for (const auto& [from, to] : d.fields.at("mapping").items()) m[from] = to.get<std::string>();
  if (!m.empty()) return m;
  const auto labels = labels_of(target);
  for (std::size_t i = 0; i < labels.size(); ++i) m[labels[i]] = labels[(i + 1) % labels.size()];
  return m;
}

void check(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path) {
  const data::Column& c = drift_column(base, target, path, false);
  if (c.type != data::ColumnType::Categorical && c.type != data::ColumnType::Integer)
    bad_scenario(path, "changes the labels of " + target + ", a " + data::to_string(c.type) +
                           " column; concept_drift needs a classification target (labels or integer classes).");
  for (const auto& [from, to] : d.fields.at("mapping").items()) {
    if (!to.is_string()) bad_scenario(path + ".mapping." + from, "should be the new label as text, e.g. \"1\".");
    double v = 0;
    if (c.type == data::ColumnType::Integer && (!whole_number(from, v) || !whole_number(to.get<std::string>(), v)))
      bad_scenario(path + ".mapping." + from, "maps integer classes: both sides are whole numbers written as text.");
  }
}

void apply(const DriftSpec& d, const StreamContext& ctx, data::Table& window, const std::vector<double>& days, data::Rng& rng) {
  auto& col = window.columns[static_cast<std::size_t>(window.find(ctx.target))];
  const auto mapping = mapping_of(d, ctx.base.column(ctx.target));
  for (std::size_t i = 0; i < days.size(); ++i) {
    const double u = rng.uniform();  // one draw per row, taken or not
    if (!(u < d.intensity * onset(d, days[i])) || col.is_missing(i)) continue;
    auto it = mapping.find(col.text(i));
    if (it == mapping.end()) continue;
    if (col.type == data::ColumnType::Categorical) {
      auto at = std::find(col.categories.begin(), col.categories.end(), it->second);
      if (at == col.categories.end()) at = col.categories.insert(col.categories.end(), it->second);
      col.codes[i] = static_cast<std::int32_t>(at - col.categories.begin());
    } else {
      col.numbers[i] = std::strtod(it->second.c_str(), nullptr);
    }
  }
}

}  // namespace

const DriftKind& concept_drift_kind() {
  static const DriftKind k = {
      "concept_drift",
      "Concept drift",
      "From start_day on, the right label for the same features changes (the business need changed).",
      "the share of rows (0 to 1) whose label follows the new concept",
      0,
      1,
      {{"mapping", FieldType::Object, nlohmann::json::object(),
        "Old label -> new label, as text ({\"2\": \"1\"} merges class 2 into 1); empty: each class becomes the next."}},
      check,
      apply,
  };
  return k;
}

}  // namespace mlcore::sim

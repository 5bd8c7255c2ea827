// Drift kind seasonal: chosen numeric columns follow a sine wave of period_days, with an
// amplitude of `intensity` standard deviations, from start_day on: weekly shopping, summer heat.
// The sine is computed from +, -, *, / and floor only (std::sin differs in the last bit between
// glibc and emscripten's musl), so a seed gives the same stream natively and in the page. On a
// time-ordered dataset streamed with sampling "sequential", the data's own seasons come on top.
#include <cmath>

#include "drift_kind.hpp"

namespace mlcore::sim {
namespace {

// sin(2 pi turns): reduced to [-1/4, 1/4] of a turn by symmetry, then a Taylor series to x^23
// (error below 1e-17 on [-pi/2, pi/2]) evaluated in a fixed order.
double sin_turns(double turns) {
  double p = turns - std::floor(turns);  // [0, 1)
  if (p > 0.5) p -= 1.0;                 // (-1/2, 1/2]
  if (p > 0.25) p = 0.5 - p;             // sin(pi - x) = sin(x)
  else if (p < -0.25) p = -0.5 - p;
  const double x = 6.283185307179586 * p;
  const double x2 = x * x;
  double sum = 0;
  for (int n = 23; n >= 3; n -= 2) sum = (sum + 1) * (-x2 / (static_cast<double>(n) * (n - 1)));
  return x * (1 + sum);
}

void check(const DriftSpec& d, const data::Table& base, const std::string& target, const std::string& path) {
  for (const auto& c : drift_columns(d, base, path, true))
    if (c == target) bad_scenario(path + ".columns", "names the target " + c + "; a seasonal pattern moves features.");
}

void apply(const DriftSpec& d, const StreamContext& ctx, data::Table& window, const std::vector<double>& days, data::Rng&) {
  const double period = d.fields.at("period_days").get<double>();
  for (const auto& name : d.fields.at("columns").get<std::vector<std::string>>()) {
    auto& col = window.columns[static_cast<std::size_t>(window.find(name))];
    const double sd = ctx.stats.at(name).sd;
    for (std::size_t i = 0; i < col.numbers.size(); ++i) {
      const double r = onset(d, days[i]);
      double& x = col.numbers[i];
      if (r == 0 || std::isnan(x)) continue;
      x += d.intensity * r * sd * sin_turns((days[i] - d.start_day) / period);
      if (col.type == data::ColumnType::Integer) x = std::round(x);
    }
  }
}

}  // namespace

const DriftKind& seasonal_pattern_kind() {
  static const DriftKind k = {
      "seasonal",
      "Seasonal pattern",
      "Numeric columns rise and fall in a sine wave of period_days (a week, a year) from start_day on.",
      "the amplitude of the wave, in standard deviations of the base column",
      0,
      100,
      {{"columns", FieldType::TextList, nlohmann::json::array(), "The numeric columns that follow the season.", true},
       {"period_days", FieldType::Number, 7, "The length of one cycle in days.", false, {}, 0.01}},
      check,
      apply,
  };
  return k;
}

}  // namespace mlcore::sim

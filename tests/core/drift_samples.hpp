// Samples for the drift tests, made the same way as tests/core/fixtures/make_drift_fixtures.py
// makes them (its `gen`): three MINSTD draws summed, every step exact or one correctly rounded
// operation, so the C++ tests and SciPy see the same bits without storing the samples.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/table.hpp"

namespace mlplay_test {

// n values near N(loc, (scale/2)^2), rounded to 1/grid when grid > 0.
inline std::vector<double> drift_gen(std::size_t n, std::uint64_t seed, double loc = 0.0, double scale = 1.0,
                                     double grid = 0) {
  constexpr std::uint64_t P = 2147483647;
  std::uint64_t state = seed;
  std::vector<double> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t s = 0;
    for (int k = 0; k < 3; ++k) {
      state = state * 48271 % P;
      s += state;
    }
    double x = (static_cast<double>(s) / static_cast<double>(P) - 1.5) * scale + loc;
    if (grid > 0) x = std::nearbyint(x * grid) / grid;
    out.push_back(x);
  }
  return out;
}

// A sample spec of the fixture file: {"n", "seed", "loc", "scale", "grid"}.
inline std::vector<double> drift_gen(const nlohmann::json& spec) {
  return drift_gen(spec.at("n").get<std::size_t>(), spec.at("seed").get<std::uint64_t>(), spec.at("loc").get<double>(),
                   spec.at("scale").get<double>(), spec.at("grid").get<double>());
}

inline mlcore::data::Column float_column(const std::string& name, std::vector<double> values,
                                         mlcore::data::ColumnType type = mlcore::data::ColumnType::Float) {
  mlcore::data::Column c;
  c.name = name;
  c.type = type;
  c.numbers = std::move(values);
  return c;
}

// A categorical column holding counts[k] rows of label "k00", "k01", ... (sorted order = k), in
// key order.
inline mlcore::data::Column counts_column(const std::string& name, const std::vector<int>& counts) {
  mlcore::data::Column c;
  c.name = name;
  c.type = mlcore::data::ColumnType::Categorical;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    char label[32];
    std::snprintf(label, sizeof label, "k%02zu", k);
    c.categories.push_back(label);
    for (int i = 0; i < counts[k]; ++i) c.codes.push_back(static_cast<std::int32_t>(k));
  }
  return c;
}

// A fixture number: a JSON number, or "nan" / "inf" / "-inf" (JSON has neither).
inline double fixture_number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  const std::string s = v.get<std::string>();
  if (s == "nan") return NAN;
  return s == "inf" ? INFINITY : -INFINITY;
}

// Relative closeness; NaN matches NaN, infinities match themselves, 0 matches only 0. Below the
// smallest normal double (p-values under 2.2e-308) a subnormal number has fewer digits than
// `rel` asks for, so there the tolerance is rel times that smallest normal number.
inline bool rel_close(double actual, double expected, double rel) {
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected) || expected == 0) return actual == expected;
  const double scale = std::max(std::fabs(expected), std::numeric_limits<double>::min());
  return std::fabs(actual - expected) <= rel * scale;
}

}  // namespace mlplay_test

// See stream.hpp.
#include "stream.hpp"

#include <algorithm>
#include <cmath>

#include "../data/random.hpp"

namespace mlcore::sim {
namespace {

// Purposes of derived seeds: each its own stream of numbers, so adding a drift does not move
// which rows are drawn.
constexpr std::uint64_t kRows = 1, kNoise = 2, kDrift = 16;

// Copies rows `picks` of `base` (columns keep their types and categories).
data::Table take_rows(const data::Table& base, const std::vector<std::size_t>& picks) {
  data::Table t;
  for (const auto& c : base.columns) {
    data::Column out;
    out.name = c.name;
    out.type = c.type;
    out.categories = c.categories;
    if (c.type == data::ColumnType::Categorical) {
      out.codes.reserve(picks.size());
      for (std::size_t r : picks) out.codes.push_back(c.codes[r]);
    } else {
      out.numbers.reserve(picks.size());
      for (std::size_t r : picks) out.numbers.push_back(c.numbers[r]);
    }
    t.columns.push_back(std::move(out));
  }
  return t;
}

}  // namespace

data::Table first_rows(const data::Table& base, std::size_t rows) {
  std::vector<std::size_t> picks(std::min(rows, base.rows()));
  for (std::size_t i = 0; i < picks.size(); ++i) picks[i] = i;
  return take_rows(base, picks);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  // splitmix64's finaliser over a combination; Rng spreads it further.
  std::uint64_t z = seed ^ (purpose * 0x9e3779b97f4a7c15ULL) ^ (index * 0xbf58476d1ce4e5b9ULL + 0x94d049bb133111ebULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

StreamPlan plan_stream(const Scenario& s) {
  StreamPlan p;
  const double rate = s.traffic.requests_per_day;
  p.window_requests = s.traffic.window_requests > 0
                          ? s.traffic.window_requests
                          : static_cast<std::size_t>(std::max(1.0, std::round(rate * s.traffic.window_days)));
  p.window_days = static_cast<double>(p.window_requests) / rate;
  p.windows = static_cast<std::size_t>(std::floor(s.days / p.window_days + 1e-9));
  if (p.windows == 0) p.windows = 1;
  p.first_row = s.model.training_rows;
  return p;
}

std::map<std::string, ColumnStats> column_stats(const data::Table& base) {
  std::map<std::string, ColumnStats> out;
  for (const auto& c : base.columns) {
    if (c.type != data::ColumnType::Float && c.type != data::ColumnType::Integer) continue;
    double sum = 0;
    std::size_t n = 0;
    for (double v : c.numbers)
      if (!std::isnan(v)) sum += v, ++n;
    ColumnStats st;
    if (n > 0) {
      st.mean = sum / static_cast<double>(n);
      double sq = 0;
      for (double v : c.numbers)
        if (!std::isnan(v)) sq += (v - st.mean) * (v - st.mean);
      st.sd = std::sqrt(sq / static_cast<double>(n));
    }
    out[c.name] = st;
  }
  return out;
}

Window stream_window(const Scenario& s, const StreamPlan& plan, const data::Table& base,
                     const std::map<std::string, ColumnStats>& stats, std::uint64_t seed, std::size_t index) {
  Window w;
  w.index = index;
  w.start_day = static_cast<double>(index) * plan.window_days;
  w.end_day = static_cast<double>(index + 1) * plan.window_days;
  const std::size_t first = index * plan.window_requests;
  std::vector<std::size_t> picks(plan.window_requests);
  data::Rng rows(derive_seed(seed, kRows, index));
  const std::size_t pool = base.rows() - plan.first_row;
  for (std::size_t i = 0; i < plan.window_requests; ++i) {
    picks[i] = plan.first_row + (s.traffic.sequential ? (first + i) % pool : static_cast<std::size_t>(rows.uniform_int(pool)));
    w.days.push_back(static_cast<double>(first + i) / s.traffic.requests_per_day);
  }
  w.rows = take_rows(base, picks);
  if (s.traffic.noise > 0) {
    data::Rng noise(derive_seed(seed, kNoise, index));
    for (auto& c : w.rows.columns) {
      if (c.type != data::ColumnType::Float || c.name == s.target) continue;
      const double sd = stats.at(c.name).sd;
      for (double& v : c.numbers) {
        const double e = noise.normal();
        if (!std::isnan(v)) v += s.traffic.noise * sd * e;
      }
    }
  }
  const StreamContext ctx{base, s.target, stats};
  for (std::size_t k = 0; k < s.drifts.size(); ++k) {
    data::Rng rng(derive_seed(seed, kDrift + k, index));
    drift_kind(s.drifts[k].kind, "drifts").apply(s.drifts[k], ctx, w.rows, w.days, rng);
  }
  return w;
}

}  // namespace mlcore::sim

// Column and table profiles. Built for a million rows in well under a second: each numeric
// column is copied once (missing values dropped), quantiles come from successive nth_element
// calls on that copy instead of a sort, and distinct values and duplicate rows are counted with
// flat open-addressing hash tables rather than node-based std::unordered_set.
#include "profile.hpp"

#include <algorithm>
#include <map>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "datetime.hpp"

namespace mlcore::data {
namespace {

// splitmix64's finaliser: a cheap bijective mix, good enough for power-of-two tables.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Every NaN maps to one key (missing equals missing for duplicate rows) and -0 to +0, so that
// equal keys mean equal values; a table slot holding kNanKey is empty, which is safe because
// distinct counting never inserts a missing value.
constexpr std::uint64_t kNanKey = 0x7ff8000000000000ULL;
std::uint64_t key_of(double v) {
  if (std::isnan(v)) return kNanKey;
  if (v == 0) v = 0.0;
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

std::size_t table_capacity(std::size_t n) {
  std::size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;  // load factor <= 0.5 keeps probe chains short
  return cap;
}

// `values` holds no NaN.
std::size_t count_distinct(const std::vector<double>& values) {
  const std::size_t cap = table_capacity(values.size()), mask = cap - 1;
  std::vector<std::uint64_t> slots(cap, kNanKey);
  std::size_t distinct = 0;
  for (double v : values) {
    const std::uint64_t k = key_of(v);
    for (std::size_t i = mix(k) & mask;; i = (i + 1) & mask) {
      if (slots[i] == k) break;
      if (slots[i] == kNanKey) {
        slots[i] = k;
        ++distinct;
        break;
      }
    }
  }
  return distinct;
}

// numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
double lerp(double a, double b, double t) {
  const double d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

// Reorders `v` (non-empty, no NaN). Quantiles are taken in increasing order so each
// nth_element only partitions what lies right of the previous one.
Quantiles quantiles_of(std::vector<double>& v) {
  const double ps[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
  double out[5];
  auto lo = v.begin();
  for (int i = 0; i < 5; ++i) {
    const double h = static_cast<double>(v.size() - 1) * ps[i];
    const auto k = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(k);
    const auto kth = v.begin() + static_cast<std::ptrdiff_t>(k);
    std::nth_element(lo, kth, v.end());
    lo = kth;
    // The next order statistic is the smallest value right of the k-th.
    out[i] = frac > 0 ? lerp(*kth, *std::min_element(kth + 1, v.end()), frac) : *kth;
  }
  return {out[0], out[1], out[2], out[3], out[4]};
}

Histogram histogram_of(const std::vector<double>& v, double min, double max) {
  Histogram h;
  double lo = min, hi = max;
  if (lo == hi) lo -= 0.5, hi += 0.5;
  if (!std::isfinite(hi - lo)) return h;  // an infinite value has no equal-width bins
  const std::size_t bins = kHistogramBins;
  h.edges.resize(bins + 1);
  for (std::size_t i = 0; i <= bins; ++i)
    h.edges[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(bins);
  h.edges[bins] = hi;
  h.counts.assign(bins, 0);
  const double scale = static_cast<double>(bins) / (hi - lo);
  for (double x : v) {
    auto b = std::min(static_cast<std::size_t>((x - lo) * scale), bins - 1);
    // Rounding can put a value next to its bin; the edges shown to the user decide.
    if (x < h.edges[b])
      --b;
    else if (b + 1 < bins && x >= h.edges[b + 1])
      ++b;
    ++h.counts[b];
  }
  return h;
}

// An integer column with few values is usually a class code (Iris' Species 0, 1, 2): show its
// value counts like a categorical's, most frequent first, ties by value.
void count_integer_values(const std::vector<double>& v, ColumnProfile& p) {
  std::map<double, std::size_t> counts;
  for (double x : v) ++counts[x];
  std::vector<std::pair<double, std::size_t>> order(counts.begin(), counts.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (order.size() > kTopCategories) order.resize(kTopCategories);
  for (const auto& [value, count] : order) p.top.push_back({format_number(value), count});
}

void profile_numbers(const Column& c, ColumnProfile& p) {
  std::vector<double> v;
  v.reserve(c.numbers.size());
  for (double x : c.numbers)
    if (!std::isnan(x)) v.push_back(x);
  p.count = v.size();
  p.missing = c.numbers.size() - v.size();
  if (c.type == ColumnType::Boolean) {
    for (double x : v) (x != 0 ? p.true_count : p.false_count) += 1;
    p.distinct = (p.true_count > 0) + (p.false_count > 0);
    return;
  }
  p.distinct = count_distinct(v);
  if (v.empty()) return;
  if (c.type == ColumnType::Integer && p.distinct <= kMaxIntegerClasses) count_integer_values(v, p);
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  p.min = *mn;
  p.max = *mx;
  if (c.type == ColumnType::Datetime) return;
  const double n = static_cast<double>(v.size());
  p.mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  if (v.size() > 1) {
    // Two passes (mean, then squared deviations): the one-pass sum of squares loses digits.
    double ss = 0;
    for (double x : v) ss += (x - p.mean) * (x - p.mean);
    p.std = std::sqrt(ss / (n - 1));
  }
  p.histogram = histogram_of(v, p.min, p.max);
  p.quantiles = quantiles_of(v);  // last: it reorders v
}

void profile_categories(const Column& c, ColumnProfile& p) {
  std::vector<std::size_t> counts(c.categories.size(), 0);
  for (auto code : c.codes) {
    if (code < 0)
      ++p.missing;
    else
      ++counts[static_cast<std::size_t>(code)];
  }
  p.count = c.codes.size() - p.missing;
  p.categories = c.categories.size();
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) order.push_back(i);
  p.distinct = order.size();
  // Stable: equal counts keep code order, which is first-seen order.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  if (order.size() > kTopCategories) order.resize(kTopCategories);
  for (auto i : order) p.top.push_back({c.categories[i], counts[i]});
}

bool rows_equal(const Table& t, std::size_t a, std::size_t b) {
  for (const auto& c : t.columns) {
    if (c.type == ColumnType::Categorical ? c.codes[a] != c.codes[b]
                                          : key_of(c.numbers[a]) != key_of(c.numbers[b]))
      return false;
  }
  return true;
}

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

ColumnProfile profile_column(const Column& c) {
  ColumnProfile p;
  p.name = c.name;
  p.type = c.type;
  if (c.type == ColumnType::Categorical)
    profile_categories(c, p);
  else
    profile_numbers(c, p);
  return p;
}

std::size_t count_duplicate_rows(const Table& t) {
  const std::size_t n = t.rows();
  if (n < 2 || t.cols() == 0) return 0;
  // Column by column, so each pass reads one contiguous vector.
  std::vector<std::uint64_t> hash(n, 0x9e3779b97f4a7c15ULL);
  for (const auto& c : t.columns) {
    for (std::size_t r = 0; r < n; ++r) {
      const std::uint64_t k =
          c.type == ColumnType::Categorical
              ? static_cast<std::uint64_t>(static_cast<std::int64_t>(c.codes[r]))
              : key_of(c.numbers[r]);
      hash[r] = mix(hash[r] * 0x100000001b3ULL ^ k);
    }
  }
  // Slots hold row + 1 of the first row seen with each content (0 = empty); equal hashes are
  // confirmed by comparing the rows, so a collision never counts as a duplicate.
  const std::size_t cap = table_capacity(n), mask = cap - 1;
  std::vector<std::size_t> slots(cap, 0);
  std::size_t duplicates = 0;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = hash[r] & mask;; i = (i + 1) & mask) {
      if (slots[i] == 0) {
        slots[i] = r + 1;
        break;
      }
      const std::size_t s = slots[i] - 1;
      if (hash[s] == hash[r] && rows_equal(t, s, r)) {
        ++duplicates;
        break;
      }
    }
  }
  return duplicates;
}

Profile profile_table(const Table& t, const QualityOptions& q) {
  Profile p;
  p.rows = t.rows();
  p.cols = t.cols();
  for (const auto& c : t.columns) {
    p.columns.push_back(profile_column(c));
    // Sizes, not capacities or sizeof(std::string), so native and wasm report the same bytes.
    p.memory_bytes += c.numbers.size() * sizeof(double) + c.codes.size() * sizeof(std::int32_t);
    for (const auto& s : c.categories) p.memory_bytes += s.size();
  }
  p.duplicate_rows = count_duplicate_rows(t);
  p.warnings = check_quality(t, p, q);
  return p;
}

nlohmann::json to_json(const ColumnProfile& c) {
  nlohmann::json j = {{"name", c.name},
                      {"type", to_string(c.type)},
                      {"count", c.count},
                      {"missing", c.missing},
                      {"distinct", c.distinct}};
  switch (c.type) {
    case ColumnType::Integer:
    case ColumnType::Float:
      j["min"] = number_or_null(c.min);
      j["max"] = number_or_null(c.max);
      j["mean"] = number_or_null(c.mean);
      j["std"] = number_or_null(c.std);
      j["quantiles"] = {{"p5", number_or_null(c.quantiles.p5)},
                        {"p25", number_or_null(c.quantiles.p25)},
                        {"p50", number_or_null(c.quantiles.p50)},
                        {"p75", number_or_null(c.quantiles.p75)},
                        {"p95", number_or_null(c.quantiles.p95)}};
      j["histogram"] = {{"edges", nlohmann::json::array()}, {"counts", c.histogram.counts}};
      for (double e : c.histogram.edges) j["histogram"]["edges"].push_back(number_or_null(e));
      if (!c.top.empty()) {
        j["top"] = nlohmann::json::array();
        for (const auto& t : c.top) j["top"].push_back({{"value", t.value}, {"count", t.count}});
      }
      break;
    case ColumnType::Boolean:
      j["true_count"] = c.true_count;
      j["false_count"] = c.false_count;
      break;
    case ColumnType::Categorical:
      j["categories"] = c.categories;
      j["top"] = nlohmann::json::array();
      for (const auto& t : c.top) j["top"].push_back({{"value", t.value}, {"count", t.count}});
      break;
    case ColumnType::Datetime:
      j["min"] = number_or_null(c.min);
      j["max"] = number_or_null(c.max);
      j["min_iso"] =
          std::isfinite(c.min) ? nlohmann::json(format_datetime(c.min)) : nlohmann::json(nullptr);
      j["max_iso"] =
          std::isfinite(c.max) ? nlohmann::json(format_datetime(c.max)) : nlohmann::json(nullptr);
      break;
  }
  return j;
}

nlohmann::json to_json(const Profile& p) {
  nlohmann::json j = {
      {"rows", p.rows}, {"duplicate_rows", p.duplicate_rows}, {"memory_bytes", p.memory_bytes}};
  j["columns"] = nlohmann::json::array();
  for (const auto& c : p.columns) j["columns"].push_back(to_json(c));
  j["warnings"] = nlohmann::json::array();
  for (const auto& w : p.warnings)
    j["warnings"].push_back({{"code", w.code}, {"message", w.message}});
  return j;
}

}  // namespace mlcore::data

// See column_pair.hpp.
#include "column_pair.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "../data/datetime.hpp"
#include "../error.hpp"
#include "sort_values.hpp"

namespace mlcore::drift {
namespace {

bool kept(double v) { return std::isfinite(v); }

std::size_t runs(const std::vector<double>& sorted) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) n += (i == 0 || sorted[i] != sorted[i - 1]);
  return n;
}

}  // namespace

Sample Sample::of(const data::Column& c) { return of(c, 0, c.size()); }

Sample Sample::of(const data::Column& c, std::size_t begin, std::size_t end) {
  Sample s;
  s.type = c.type;
  end = std::min(end, c.size());
  begin = std::min(begin, end);
  s.size = end - begin;
  if (c.type == data::ColumnType::Categorical) {
    s.codes = c.codes.data() + begin;
    s.categories = &c.categories;
  } else {
    s.numbers = c.numbers.data() + begin;
  }
  return s;
}

Sample Sample::of_numbers(const std::vector<double>& values, data::ColumnType type) {
  Sample s;
  s.type = type;
  s.numbers = values.data();
  s.size = values.size();
  return s;
}

std::string KeyCounts::label(std::size_t i, data::ColumnType type) const {
  if (!numeric) return labels[i];
  const double v = values[i];
  if (type == data::ColumnType::Boolean) return v != 0 ? "true" : "false";
  if (type == data::ColumnType::Datetime) return data::format_datetime(v);
  return data::format_number(v);
}

ColumnPair::ColumnPair(Sample reference, Sample current) : reference_(reference), current_(current) {
  if (reference.numeric() != current.numeric())
    throw Error("drift.type_mismatch", std::string("One sample is ") + data::to_string(reference.type) +
                                           " and the other " + data::to_string(current.type) + ".");
  const auto count = [](const Sample& s, std::size_t& missing) {
    std::size_t n = 0;
    missing = 0;
    for (std::size_t i = 0; i < s.size; ++i) {
      if (s.numeric()) {
        n += kept(s.numbers[i]);
        missing += std::isnan(s.numbers[i]);
      } else {
        n += s.codes[i] >= 0;
        missing += s.codes[i] < 0;
      }
    }
    return n;
  };
  std::size_t ref_missing = 0;
  n_ref_ = count(reference_, ref_missing);
  n_cur_ = count(current_, cur_missing_);
}

const std::vector<double>& ColumnPair::sorted(Side side) {
  auto& slot = side == Side::Reference ? sorted_ref_ : sorted_cur_;
  if (!slot) {
    if (!numeric()) throw Error("drift.not_numeric", "A categorical column has no numeric order.");
    const Sample& s = sample(side);
    slot = std::make_unique<std::vector<double>>(sorted_finite(s.numbers, s.size));
  }
  return *slot;
}

std::size_t ColumnPair::distinct(Side side) {
  long& slot = side == Side::Reference ? distinct_ref_ : distinct_cur_;
  if (slot < 0) {
    if (numeric()) {
      slot = static_cast<long>(runs(sorted(side)));
    } else {
      const Sample& s = sample(side);
      std::vector<char> seen(s.categories->size(), 0);
      long n = 0;
      for (std::size_t i = 0; i < s.size; ++i)
        if (s.codes[i] >= 0 && !seen[s.codes[i]]) seen[s.codes[i]] = 1, ++n;
      slot = n;
    }
  }
  return static_cast<std::size_t>(slot);
}

std::size_t ColumnPair::distinct_both() {
  if (distinct_both_ < 0) {
    if (keys_ || !numeric()) {
      distinct_both_ = static_cast<long>(keys().size());
    } else {
      const auto& a = sorted(Side::Reference);
      const auto& b = sorted(Side::Current);
      std::size_t i = 0, j = 0;
      long n = 0;
      while (i < a.size() || j < b.size()) {
        const double v = j >= b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        while (i < a.size() && a[i] == v) ++i;
        while (j < b.size() && b[j] == v) ++j;
        ++n;
      }
      distinct_both_ = n;
    }
  }
  return static_cast<std::size_t>(distinct_both_);
}

const KeyCounts& ColumnPair::keys() {
  if (keys_) return *keys_;
  keys_ = std::make_unique<KeyCounts>();
  KeyCounts& k = *keys_;
  k.numeric = numeric();
  if (numeric()) {
    const auto& a = sorted(Side::Reference);
    const auto& b = sorted(Side::Current);
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      const double v = j >= b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
      std::size_t ci = 0, cj = 0;
      while (i < a.size() && a[i] == v) ++i, ++ci;
      while (j < b.size() && b[j] == v) ++j, ++cj;
      k.values.push_back(v);
      k.reference.push_back(static_cast<double>(ci));
      k.current.push_back(static_cast<double>(cj));
    }
    return k;
  }
  std::map<std::string, std::pair<double, double>> by_label;
  for (Side side : {Side::Reference, Side::Current}) {
    const Sample& s = sample(side);
    std::vector<double> per_code(s.categories->size(), 0.0);
    for (std::size_t r = 0; r < s.size; ++r)
      if (s.codes[r] >= 0) per_code[s.codes[r]] += 1;
    for (std::size_t c = 0; c < per_code.size(); ++c) {
      if (per_code[c] == 0) continue;
      auto& slot = by_label[(*s.categories)[c]];
      (side == Side::Reference ? slot.first : slot.second) += per_code[c];
    }
  }
  for (const auto& [label, counts] : by_label) {
    k.labels.push_back(label);
    k.reference.push_back(counts.first);
    k.current.push_back(counts.second);
  }
  return k;
}

std::vector<std::int32_t> ColumnPair::key_index(Side side) {
  const KeyCounts& k = keys();
  const Sample& s = sample(side);
  std::vector<std::int32_t> out;
  out.reserve(rows(side));
  if (numeric()) {
    for (std::size_t r = 0; r < s.size; ++r) {
      const double v = s.numbers[r];
      if (!kept(v)) continue;
      out.push_back(static_cast<std::int32_t>(std::lower_bound(k.values.begin(), k.values.end(), v) - k.values.begin()));
    }
    return out;
  }
  std::vector<std::int32_t> of_code(s.categories->size(), -1);
  for (std::size_t c = 0; c < of_code.size(); ++c) {
    auto it = std::lower_bound(k.labels.begin(), k.labels.end(), (*s.categories)[c]);
    if (it != k.labels.end() && *it == (*s.categories)[c]) of_code[c] = static_cast<std::int32_t>(it - k.labels.begin());
  }
  for (std::size_t r = 0; r < s.size; ++r)
    if (s.codes[r] >= 0) out.push_back(of_code[s.codes[r]]);
  return out;
}

}  // namespace mlcore::drift

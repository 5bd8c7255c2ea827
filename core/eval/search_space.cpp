// See search_space.hpp. Reading the space only checks its shape; what a value may be comes from
// the family's schema in check_space, so the messages about a bad value are resolve_params's.
#include "search_space.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "../data/random.hpp"
#include "../error.hpp"

namespace mlcore::eval {

using nlohmann::json;
using models::ParamSpec;

namespace {

constexpr double kMaxWhole = 9007199254740992.0;  // 2^53: every whole number up to it is a double

[[noreturn]] void bad_space(const std::string& message) { throw Error("search.bad_space", message); }

ParamRange values_range(const std::string& name, const json& values) {
  if (!values.is_array())
    bad_space("The values of '" + name + "' must be a list, such as [" + values.dump() + "]; got " +
              values.dump() + ".");
  if (values.empty()) bad_space("'" + name + "' has an empty list of values; give at least one.");
  ParamRange r;
  r.name = name;
  r.values.assign(values.begin(), values.end());
  return r;
}

ParamRange distribution(const std::string& name, const json& d) {
  if (d.is_array()) return values_range(name, d);
  const std::string shapes =
      R"({"int": [a, b]}, {"uniform": [a, b]}, {"log_uniform": [a, b]} or a list of values)";
  if (!d.is_object() || d.size() != 1) bad_space("'" + name + "' must be " + shapes + "; got " + d.dump() + ".");
  ParamRange r;
  r.name = name;
  const std::string& key = d.begin().key();
  const json& ends = d.begin().value();
  if (key == "int") r.kind = ParamRange::Kind::Int;
  else if (key == "uniform") r.kind = ParamRange::Kind::Uniform;
  else if (key == "log_uniform") r.kind = ParamRange::Kind::LogUniform;
  else bad_space("'" + name + "' must be " + shapes + "; '" + key + "' is not a distribution.");
  if (!ends.is_array() || ends.size() != 2 || !ends[0].is_number() || !ends[1].is_number())
    bad_space("'" + name + "': " + key + " takes [low, high], two numbers; got " + ends.dump() + ".");
  r.low = ends[0].get<double>();
  r.high = ends[1].get<double>();
  if (!std::isfinite(r.low) || !std::isfinite(r.high) || r.low > r.high)
    bad_space("'" + name + "': " + key + " needs finite [low, high] with low <= high; got " + ends.dump() + ".");
  if (r.kind == ParamRange::Kind::Int &&
      (std::floor(r.low) != r.low || std::floor(r.high) != r.high || std::fabs(r.low) > kMaxWhole ||
       std::fabs(r.high) > kMaxWhole))
    bad_space("'" + name + "': int takes two whole numbers; got " + ends.dump() + ".");
  if (r.kind == ParamRange::Kind::LogUniform && !(r.low > 0))
    bad_space("'" + name + "': log_uniform needs low > 0 (it draws the logarithm); got " + ends.dump() + ".");
  return r;
}

std::size_t parse_n_iter(const json& n) {
  const double v = n.is_number() ? n.get<double>() : 0.0;
  if (!(v >= 1) || v > static_cast<double>(kMaxCandidates) || std::floor(v) != v)
    bad_space("'n_iter' is the number of candidates to draw, a whole number from 1 to " +
              std::to_string(kMaxCandidates) + "; got " + n.dump() + ".");
  return static_cast<std::size_t>(v);
}

// e^x from +, -, *, / and ldexp, for the same reason as data::deterministic_log: std::exp of
// glibc and of emscripten's musl may differ in the last bit, and a seed must draw the same
// log-uniform value in the CLI and the page. x = k ln2 + r with |r| <= ln2 / 2 (ln2 split in
// two, fdlibm's constants, so k * kLn2Hi is exact), then e^r by its Taylor series to r^16 / 16!.
// Within 1 ulp of glibc's exp over [-40, 40] (2 million inputs, measured here).
double deterministic_exp(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  const double k = std::floor(x * 1.44269504088896338700 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = 1.0;
  for (int i = 16; i >= 1; --i) p = 1.0 + p * r / i;
  return std::ldexp(p, static_cast<int>(k));
}

json draw(const ParamRange& p, data::Rng& rng) {
  switch (p.kind) {
    case ParamRange::Kind::Values:
      return p.values[static_cast<std::size_t>(rng.uniform_int(p.values.size()))];
    case ParamRange::Kind::Int: {
      const auto span = static_cast<std::uint64_t>(p.high - p.low) + 1;
      return static_cast<std::int64_t>(p.low) + static_cast<std::int64_t>(rng.uniform_int(span));
    }
    case ParamRange::Kind::Uniform:
      return rng.uniform(p.low, p.high);
    case ParamRange::Kind::LogUniform: {
      const double v = deterministic_exp(rng.uniform(data::deterministic_log(p.low), data::deterministic_log(p.high)));
      return std::clamp(v, p.low, p.high);  // rounding may step a hair past an end
    }
  }
  return nullptr;
}

// The number of combinations of the listed values, or kMaxCandidates + 1 when there are more.
std::size_t grid_size(const SearchSpace& s) {
  std::size_t total = 1;
  for (const auto& p : s.params) {
    total *= p.values.size();
    if (total > kMaxCandidates) return kMaxCandidates + 1;
  }
  return total;
}

json combination(const SearchSpace& s, const std::vector<std::size_t>& index) {
  json c = json::object();
  for (std::size_t i = 0; i < s.params.size(); ++i) c[s.params[i].name] = s.params[i].values[index[i]];
  return c;
}

// The entry of `name` for `task`. A family may list a name once per task (criterion is
// gini/entropy or squared_error); resolve_params takes the first entry of a name and drops the
// value when that entry is the other task's, so a search checks and resolves against this one.
const ParamSpec& task_spec(const models::Family& family, const std::string& name, models::Task task) {
  const ParamSpec* spec = models::find_param(family, name, task);
  if (!spec) {
    // An unknown name: resolve_params words the error and lists the known parameters.
    models::resolve_params(family, json{{name, nullptr}}, task);
    bad_space("Unknown parameter '" + name + "'.");  // not reached: resolve_params threw
  }
  if (!spec->tasks.empty() && !std::count(spec->tasks.begin(), spec->tasks.end(), task))
    bad_space("'" + name + "' does not apply to " + models::to_string(task) + " with " + family.name +
              "; leave it out of the search.");
  return *spec;
}

// The canonical value of one parameter for the task, or model.bad_param.
json resolve_one(const models::Family& family, const ParamSpec& spec, const json& value, models::Task task) {
  return models::resolve_params(family, json{{spec.name, value}}, task)[spec.name];
}

}  // namespace

const char* to_string(SearchSpace::Mode mode) { return mode == SearchSpace::Mode::Grid ? "grid" : "random"; }

SearchSpace search_space_from_json(const json& j) {
  if (!j.is_object())
    bad_space("The search space is an object: a grid {\"max_depth\": [2, 4]} or a random search "
              "{\"n_iter\": 10, \"params\": {...}}; got " + j.dump() + ".");
  SearchSpace s;
  if (!j.contains("n_iter")) {
    for (const auto& [name, values] : j.items()) s.params.push_back(values_range(name, values));
    if (grid_size(s) > kMaxCandidates)
      bad_space("The grid has more than " + std::to_string(kMaxCandidates) +
                " combinations; search fewer values or use a random search with n_iter.");
    return s;  // items() of a json object come in key order, ParameterGrid's order
  }
  s.mode = SearchSpace::Mode::Random;
  for (const auto& [key, value] : j.items())
    if (key != "n_iter" && key != "params")
      bad_space("A random search has 'n_iter' and 'params' only; put '" + key + "' inside 'params'.");
  s.n_iter = parse_n_iter(j["n_iter"]);
  if (!j.contains("params") || !j["params"].is_object())
    bad_space("A random search needs 'params', an object of parameter: distribution or list.");
  for (const auto& [name, d] : j["params"].items()) s.params.push_back(distribution(name, d));
  return s;
}

void check_space(const SearchSpace& space, const models::Family& family, models::Task task) {
  for (const auto& p : space.params) {
    const ParamSpec& spec = task_spec(family, p.name, task);
    const bool numeric = spec.kind == ParamSpec::Kind::Int || spec.kind == ParamSpec::Kind::Float;
    if (p.kind == ParamRange::Kind::Int && !numeric)
      bad_space("'" + p.name + "' is not a number; list its values instead of a range.");
    if ((p.kind == ParamRange::Kind::Uniform || p.kind == ParamRange::Kind::LogUniform) &&
        spec.kind != ParamSpec::Kind::Float)
      bad_space("'" + p.name + "' is " + (numeric ? "a whole number: use {\"int\": [a, b]}" : "not a number: list its values") +
                " instead of a real-valued range.");
    if (p.kind == ParamRange::Kind::Values) {
      for (const auto& v : p.values) resolve_one(family, spec, v, task);
    } else {
      // Every range is an interval, and so is every allowed set of numbers: checking both ends
      // checks every value a draw can give.
      resolve_one(family, spec, p.low, task);
      resolve_one(family, spec, p.high, task);
    }
  }
}

json resolve_candidate(const models::Family& family, const json& fixed, const json& candidate, models::Task task) {
  json out = models::resolve_params(family, fixed, task);  // unknown names, defaults, checks
  for (const auto& [name, value] : candidate.items()) out[name] = resolve_one(family, task_spec(family, name, task), value, task);
  return out;
}

std::vector<json> search_candidates(const SearchSpace& space, std::uint64_t seed) {
  std::vector<json> out;
  const bool all_lists = std::all_of(space.params.begin(), space.params.end(),
                                     [](const ParamRange& p) { return p.kind == ParamRange::Kind::Values; });
  if (space.mode == SearchSpace::Mode::Grid) {
    const std::size_t total = grid_size(space);
    std::vector<std::size_t> index(space.params.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
      out.push_back(combination(space, index));
      // Count in mixed radix, the last parameter fastest (itertools.product's order).
      for (std::size_t i = space.params.size(); i-- > 0;) {
        if (++index[i] < space.params[i].values.size()) break;
        index[i] = 0;
      }
    }
    return out;
  }
  data::Rng rng(seed);
  if (all_lists) {
    // Without replacement: redraw a combination already taken. Terminates since n <= the grid.
    const std::size_t n = std::min(space.n_iter, grid_size(space));
    std::set<std::vector<std::size_t>> taken;
    while (out.size() < n) {
      std::vector<std::size_t> index;
      for (const auto& p : space.params) index.push_back(static_cast<std::size_t>(rng.uniform_int(p.values.size())));
      if (taken.insert(index).second) out.push_back(combination(space, index));
    }
    return out;
  }
  for (std::size_t n = 0; n < space.n_iter; ++n) {
    json c = json::object();
    for (const auto& p : space.params) c[p.name] = draw(p, rng);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace mlcore::eval

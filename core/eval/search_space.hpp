// The space a hyper-parameter search explores, read from JSON, and the candidates drawn from it,
// after scikit-learn's ParameterGrid and ParameterSampler:
//
//   grid:   {"max_depth": [2, 4, null], "criterion": ["gini", "entropy"]}
//           every combination; parameters in name order, the last one changing fastest
//           (ParameterGrid sorts the keys too), so the order does not depend on how the JSON
//           was written. {} is one candidate: the defaults.
//   random: {"n_iter": 10, "params": {"max_depth": {"int": [1, 20]},
//                                     "learning_rate": {"log_uniform": [0.01, 0.3]},
//                                     "criterion": ["gini", "entropy"]}}
//           n_iter candidates drawn from data::Rng(seed), each parameter in name order:
//           {"int": [a, b]} a whole number from a to b, both included; {"uniform": [a, b]};
//           {"log_uniform": [a, b]} (a > 0; scipy's loguniform); a list, one of its values.
//           When every parameter is a list, candidates are drawn without replacement
//           (ParameterSampler's rule), so n_iter larger than the grid gives the whole grid once,
//           in random order.
//
// Error codes: search.bad_space (the message names the parameter); the values themselves are
// checked against a family's schema by check_space (model.unknown_param, model.bad_param).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../models/family.hpp"

namespace mlcore::eval {

// More candidates than this is a mistake on a teaching page (each one is k fits), not a search.
inline constexpr std::size_t kMaxCandidates = 10000;

// One searched parameter.
struct ParamRange {
  enum class Kind { Values, Int, Uniform, LogUniform };
  std::string name;
  Kind kind = Kind::Values;
  std::vector<nlohmann::json> values;  // Kind::Values
  double low = 0, high = 0;            // the others, both ends included
};

struct SearchSpace {
  enum class Mode { Grid, Random };
  Mode mode = Mode::Grid;
  std::vector<ParamRange> params;  // sorted by name
  std::size_t n_iter = 0;          // Random only
};

// Either shape above; "n_iter" at the top level makes it a random search.
SearchSpace search_space_from_json(const nlohmann::json& j);
const char* to_string(SearchSpace::Mode mode);  // "grid" | "random"

// Every parameter exists in `family` and applies to `task` (a search over a parameter the task
// ignores would score identical candidates), every listed value and every range end passes
// resolve_params, and a range suits the parameter's kind: "int" for a numeric parameter,
// "uniform" and "log_uniform" for a real-valued one only, lists for any.
void check_space(const SearchSpace& space, const models::Family& family, models::Task task);

// Every parameter of one candidate, for Family::make: `fixed` through resolve_params, then each
// fixed and searched value checked against its parameter's entry for `task` (so max_features=sqrt
// reaches a regression forest rather than being dropped for the classification entry of that
// name, which resolve_params finds first).
nlohmann::json resolve_candidate(const models::Family& family, const nlohmann::json& fixed,
                                 const nlohmann::json& candidate, models::Task task);

// The candidates in order, each an object of the searched parameters only. The grid ignores
// the seed.
std::vector<nlohmann::json> search_candidates(const SearchSpace& space, std::uint64_t seed);

}  // namespace mlcore::eval

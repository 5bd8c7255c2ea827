// Short constructors for parameter specs, so each family's schema reads as a list of one-liners
// (name, default, range, help) instead of positional struct initialisers.
#pragma once
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "family.hpp"

namespace mlcore::models {

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

inline ParamSpec int_param(std::string name, int def, double min, double max, std::string help) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamSpec::Kind::Int;
  p.default_value = def;
  p.min = min;
  p.max = max;
  p.help = std::move(help);
  return p;
}

// above_min: min itself is not allowed (C > 0).
inline ParamSpec float_param(std::string name, double def, double min, double max, std::string help,
                             bool above_min = false) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamSpec::Kind::Float;
  p.default_value = def;
  p.min = min;
  p.max = max;
  p.min_exclusive = above_min;
  p.help = std::move(help);
  return p;
}

inline ParamSpec bool_param(std::string name, bool def, std::string help) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamSpec::Kind::Bool;
  p.default_value = def;
  p.help = std::move(help);
  return p;
}

// An integer whose default is none (null): max_depth = none grows without a depth limit.
inline ParamSpec unlimited_int_param(std::string name, double min, double max, std::string help) {
  ParamSpec p = int_param(std::move(name), 0, min, max, std::move(help));
  p.default_value = nullptr;
  p.nullable = true;
  return p;
}

// tasks: the parameter applies to these tasks only (criterion gini vs squared_error); empty = all.
inline ParamSpec choice_param(std::string name, std::string def, std::vector<std::string> choices,
                              std::string help, std::vector<Task> tasks = {}) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamSpec::Kind::Choice;
  p.default_value = std::move(def);
  p.choices = std::move(choices);
  p.help = std::move(help);
  p.tasks = std::move(tasks);
  return p;
}

}  // namespace mlcore::models

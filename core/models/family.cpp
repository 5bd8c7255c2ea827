// Family lookup and parameter validation: every parameter a user gives (from the page's form, the
// CLI or a saved model) goes through resolve_params, so the messages a student sees about a bad
// value are written once, here, from the family's schema.
#include "family.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "../data/datetime.hpp"
#include "../error.hpp"

namespace mlcore::models {
namespace {

const char* kind_name(ParamSpec::Kind kind) {
  switch (kind) {
    case ParamSpec::Kind::Int:
      return "int";
    case ParamSpec::Kind::Float:
      return "float";
    case ParamSpec::Kind::Choice:
      return "choice";
    case ParamSpec::Kind::Bool:
      return "bool";
  }
  return "float";
}

bool has_task(const std::vector<Task>& tasks, Task task) {
  return std::find(tasks.begin(), tasks.end(), task) != tasks.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "an integer >= 1", "a number > 0", "an integer from 1 to 2", "one of uniform, distance".
std::string describe(const ParamSpec& spec) {
  using data::format_number;
  std::string what;
  switch (spec.kind) {
    case ParamSpec::Kind::Bool:
      what = "true or false";
      break;
    case ParamSpec::Kind::Choice:
      what = "one of " + join(spec.choices);
      break;
    case ParamSpec::Kind::Int:
    case ParamSpec::Kind::Float: {
      what = spec.kind == ParamSpec::Kind::Int ? "an integer" : "a number";
      const bool lo = std::isfinite(spec.min), hi = std::isfinite(spec.max);
      if (lo && hi && !spec.min_exclusive)
        what += " from " + format_number(spec.min) + " to " + format_number(spec.max);
      else {
        if (lo) what += (spec.min_exclusive ? " > " : " >= ") + format_number(spec.min);
        if (hi) what += std::string(lo ? " and" : "") + " <= " + format_number(spec.max);
      }
    }
  }
  if (spec.nullable) what += ", or none (null)";
  return what;
}

[[noreturn]] void bad_value(const ParamSpec& spec, const std::string& shown) {
  throw Error("model.bad_param", "Parameter " + spec.name + " = " + shown + " is not allowed: " +
                                     spec.name + " must be " + describe(spec) + ".");
}

bool in_range(const ParamSpec& spec, double v) {
  if (spec.min_exclusive ? !(v > spec.min) : !(v >= spec.min)) return false;
  return v <= spec.max;
}

// The value checked against the spec, in its canonical JSON type (int64 for Int, double for Float).
nlohmann::json check_value(const ParamSpec& spec, const nlohmann::json& value) {
  if (value.is_null()) {
    if (spec.nullable) return nullptr;
    bad_value(spec, "null");
  }
  switch (spec.kind) {
    case ParamSpec::Kind::Bool:
      if (!value.is_boolean()) bad_value(spec, value.dump());
      return value;
    case ParamSpec::Kind::Choice: {
      if (!value.is_string()) bad_value(spec, value.dump());
      const auto& s = value.get_ref<const std::string&>();
      if (std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end())
        bad_value(spec, "'" + s + "'");
      return value;
    }
    case ParamSpec::Kind::Int: {
      if (!value.is_number()) bad_value(spec, value.dump());
      const double v = value.get<double>();
      // 5.0 from a JSON writer that only knows doubles is still the integer 5.
      if (!std::isfinite(v) || std::floor(v) != v || std::fabs(v) > 9007199254740992.0 ||
          !in_range(spec, v))
        bad_value(spec, value.dump());
      return value.is_number_float() ? nlohmann::json(static_cast<std::int64_t>(v)) : value;
    }
    case ParamSpec::Kind::Float: {
      if (!value.is_number()) bad_value(spec, value.dump());
      const double v = value.get<double>();
      if (!std::isfinite(v) || !in_range(spec, v)) bad_value(spec, value.dump());
      return v;
    }
  }
  return value;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const Family& find_family(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& f : families()) {
    if (f.name == name) return f;
    names.push_back(f.name);
  }
  throw Error("model.unknown_family", "No model family named '" + std::string(name) +
                                          "'; the families are: " + join(names) + ".");
}

const ParamSpec* find_param(const Family& family, std::string_view name, Task task) {
  const ParamSpec* other = nullptr;
  for (const auto& p : family.params) {
    if (p.name != name) continue;
    if (p.tasks.empty() || has_task(p.tasks, task)) return &p;
    if (!other) other = &p;
  }
  return other;
}

nlohmann::json resolve_params(const Family& family, const nlohmann::json& given, Task task) {
  if (!has_task(family.tasks, task)) {
    std::vector<std::string> can;
    for (Task t : family.tasks) can.push_back(to_string(t));
    throw Error("model.bad_task", family.display_name + " (" + family.name + ") cannot do " +
                                      to_string(task) + "; it does " + join(can) +
                                      ". Pick another family or another target.");
  }
  if (!given.is_null() && !given.is_object())
    throw Error("model.bad_param",
                "Parameters must be an object of name: value pairs, got " + given.dump() + ".");
  nlohmann::json out = nlohmann::json::object();
  if (given.is_object()) {
    for (const auto& item : given.items()) {
      // Not a structured binding: clang 14 (em++) cannot capture one in the lambda below.
      const std::string& key = item.key();
      const nlohmann::json& value = item.value();
      const ParamSpec* it = find_param(family, key, task);
      if (!it) {
        std::vector<std::string> known;
        for (const auto& p : family.params) known.push_back(p.name);
        throw Error("model.unknown_param",
                    "Unknown parameter '" + key + "' for " + family.name +
                        "; its parameters are: " +
                        (known.empty() ? std::string("(none)") : join(known)) + ".");
      }
      // A parameter of the other task (criterion=gini given for a regression) is dropped, so
      // one set of form values works whichever task the target implies.
      if (!it->tasks.empty() && !has_task(it->tasks, task)) continue;
      out[key] = check_value(*it, value);
    }
  }
  for (const auto& p : family.params) {
    if (!p.tasks.empty() && !has_task(p.tasks, task)) continue;
    if (!out.contains(p.name)) out[p.name] = p.default_value;
  }
  return out;
}

nlohmann::json schema_json(const Family& family) {
  nlohmann::json tasks = nlohmann::json::array();
  for (Task t : family.tasks) tasks.push_back(to_string(t));
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : family.params) {
    nlohmann::json j = {{"name", p.name},
                        {"kind", kind_name(p.kind)},
                        {"default", p.default_value},
                        {"nullable", p.nullable},
                        {"help", p.help}};
    // Bounds only mean something for numbers; infinite ones are left out because JSON has no
    // infinity (nlohmann would write null).
    if (p.kind == ParamSpec::Kind::Int || p.kind == ParamSpec::Kind::Float) {
      if (std::isfinite(p.min)) j["min"] = p.min;
      if (std::isfinite(p.max)) j["max"] = p.max;
      if (p.min_exclusive) j["min_exclusive"] = true;
    }
    if (p.kind == ParamSpec::Kind::Choice) j["choices"] = p.choices;
    if (!p.tasks.empty()) {
      nlohmann::json pt = nlohmann::json::array();
      for (Task t : p.tasks) pt.push_back(to_string(t));
      j["tasks"] = pt;
    }
    params.push_back(std::move(j));
  }
  return {{"name", family.name}, {"display_name", family.display_name},   {"help", family.help},
          {"tasks", tasks},      {"needs_scaling", family.needs_scaling}, {"params", params}};
}

nlohmann::json parse_param_value(const ParamSpec& spec, const std::string& text) {
  const std::string low = lower(text);
  if (spec.nullable && (low == "none" || low == "null")) return nullptr;
  auto fail = [&]() -> nlohmann::json { bad_value(spec, "'" + text + "'"); };
  switch (spec.kind) {
    case ParamSpec::Kind::Bool:
      if (low == "true" || low == "1" || low == "yes") return true;
      if (low == "false" || low == "0" || low == "no") return false;
      return fail();
    case ParamSpec::Kind::Choice:
      return check_value(spec, text);
    case ParamSpec::Kind::Int:
    case ParamSpec::Kind::Float: {
      if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return fail();
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) return fail();
      // check_value turns an integral double into an int for Int parameters and checks range.
      return check_value(spec, v);
    }
  }
  return fail();
}

}  // namespace mlcore::models

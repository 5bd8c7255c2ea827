// See step_inputs.hpp.
#include "step_inputs.hpp"

#include <cctype>
#include <cmath>

#include "../../error.hpp"
#include "step_registry.hpp"
#include "variables.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

bool number_from_text(const std::string& text, json& out) {
  try {
    json j = json::parse(text);
    if (!j.is_number()) return false;
    out = j;
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string undefined_message(const std::string& step, const std::string& input, const std::string& name,
                              const std::map<std::string, std::string>& variables) {
  std::string hint;
  for (const auto& v : variables)
    if (lower(v.first) == lower(name)) hint = " Did you mean $(" + v.first + ")? Names are case-sensitive here.";
  return "Step '" + step + "' uses $(" + name + ") in its input '" + input +
         "', but no variable defines it: define it in a variable group the pipeline names or in its variables." + hint;
}

}  // namespace

bool convert_input(const json& v, InputType type, json& out) {
  switch (type) {
    case InputType::String:
      if (!v.is_primitive() || v.is_null()) return false;
      out = scalar_text(v);
      return true;
    case InputType::Int: {
      json n = v;
      if (v.is_string() && !number_from_text(v.get<std::string>(), n)) return false;
      if (!n.is_number()) return false;
      const double d = n.get<double>();
      if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 2e9) return false;
      out = static_cast<int>(d);
      return true;
    }
    case InputType::Number: {
      json n = v;
      if (v.is_string() && !number_from_text(v.get<std::string>(), n)) return false;
      if (!n.is_number() || !std::isfinite(n.get<double>())) return false;
      out = n.get<double>();
      return true;
    }
    case InputType::Bool:
      if (v.is_boolean()) out = v;
      else if (v == "true" || v == "false") out = v == "true";
      else return false;
      return true;
    case InputType::StringList:
      if (v.is_string()) {
        out = json::array({v});
        return true;
      }
      if (!v.is_array()) return false;
      out = json::array();
      for (const auto& e : v) {
        if (!e.is_primitive() || e.is_null()) return false;
        out.push_back(scalar_text(e));
      }
      return true;
    case InputType::StringMap:
      if (!v.is_object()) return false;
      out = json::object();
      for (const auto& [k, e] : v.items()) {
        if (!e.is_primitive() || e.is_null()) return false;
        out[k] = scalar_text(e);
      }
      return true;
    case InputType::Object:
      if (!v.is_object()) return false;
      out = v;
      return true;
  }
  return false;
}

json check_step_inputs(const StepKind& kind, const json& given, const std::string& step, const std::string& pointer,
                       const std::map<std::string, std::string>& variables, const IssueSink& issue) {
  json typed = json::object();
  bool complete = true;
  std::string takes;
  for (const InputSpec& in : kind.inputs) takes += (takes.empty() ? "" : ", ") + in.name;
  if (given.is_object())
    for (const auto& [key, value] : given.items()) {
      (void)value;
      bool known = false;
      for (const InputSpec& in : kind.inputs) known = known || in.name == key;
      if (!known)
        issue("pipeline.unknown_input", pointer + "/inputs/" + key,
              "Step '" + step + "' (" + kind.name + ") does not take the input '" + key + "'; it takes " + takes + ".");
    }
  for (const InputSpec& in : kind.inputs) {
    const std::string at = pointer + "/inputs/" + in.name;
    const bool present = given.is_object() && given.contains(in.name) && !given[in.name].is_null();
    if (!present) {
      if (in.required) {
        issue("pipeline.missing_input", pointer,
              "Step '" + step + "' (" + kind.name + ") needs the input '" + in.name + "': " + in.help);
        complete = false;
      }
      typed[in.name] = in.default_value;
      continue;
    }
    std::vector<std::string> undefined;
    const json value = substitute_in_json(given[in.name], variables, undefined);
    for (const auto& name : undefined) issue("pipeline.undefined_variable", at, undefined_message(step, in.name, name, variables));
    if (!undefined.empty()) {
      complete = false;
      continue;
    }
    json converted;
    if (!convert_input(value, in.type, converted)) {
      issue("pipeline.bad_input", at, "Step '" + step + "': the input '" + in.name + "' is " + excerpt_of(value.dump()) +
                                          ", which is not a " + input_type_name(in.type) + ". " + in.help);
      complete = false;
      continue;
    }
    typed[in.name] = converted;
  }
  if (complete && kind.check) {
    std::vector<InputProblem> problems;
    kind.check(typed, problems);
    for (const auto& p : problems)
      issue(p.code, pointer + "/inputs/" + p.input, "Step '" + step + "' (" + kind.name + "): " + p.message);
  }
  return typed;
}

}  // namespace mlcore::ops

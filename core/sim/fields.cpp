// See fields.hpp.
#include "fields.hpp"

#include <algorithm>
#include <cmath>

#include "../error.hpp"

namespace mlcore::sim {
namespace {

using nlohmann::json;

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Number: return "number";
    case FieldType::Count: return "count";
    case FieldType::Text: return "text";
    case FieldType::Flag: return "flag";
    case FieldType::TextList: return "text list";
    case FieldType::Object: return "object";
    case FieldType::Choice: return "choice";
    case FieldType::NumberOrNull: return "number or null";
    case FieldType::List: return "list";
  }
  return "";
}

std::string one_of(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i)
    out += (i ? (i + 1 == choices.size() ? " or " : ", ") : "") + choices[i];
  return out;
}

std::string range_text(const FieldSpec& f) {
  const bool lo = std::isfinite(f.min), hi = std::isfinite(f.max);
  if (lo && hi) return " between " + json(f.min).dump() + " and " + json(f.max).dump();
  if (lo) return " >= " + json(f.min).dump();
  if (hi) return " <= " + json(f.max).dump();
  return "";
}

void check_value(const FieldSpec& f, const json& v, const std::string& path) {
  auto number_in_range = [&](const json& x) {
    if (!x.is_number() || !std::isfinite(x.get<double>()))
      bad_scenario(path, "should be a number" + range_text(f) + ", not " + excerpt_of(x.dump()) + ".");
    const double d = x.get<double>();
    if (d < f.min || d > f.max) bad_scenario(path, "is " + x.dump() + "; it should be a number" + range_text(f) + ".");
  };
  switch (f.type) {
    case FieldType::Number: number_in_range(v); break;
    case FieldType::NumberOrNull:
      if (!v.is_null()) number_in_range(v);
      break;
    case FieldType::Count:
      if (!(v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0)))
        bad_scenario(path, "should be a whole number >= 0, not " + excerpt_of(v.dump()) + ".");
      number_in_range(v);
      break;
    case FieldType::Text:
      if (!v.is_string()) bad_scenario(path, "should be text, not " + excerpt_of(v.dump()) + ".");
      break;
    case FieldType::Flag:
      if (!v.is_boolean()) bad_scenario(path, "should be true or false, not " + excerpt_of(v.dump()) + ".");
      break;
    case FieldType::Object:
      if (!v.is_object()) bad_scenario(path, "should be an object {...}, not " + excerpt_of(v.dump()) + ".");
      break;
    case FieldType::List:
      if (!v.is_array()) bad_scenario(path, "should be a list [...], not " + excerpt_of(v.dump()) + ".");
      break;
    case FieldType::Choice:
      if (!v.is_string() || std::find(f.choices.begin(), f.choices.end(), v.get<std::string>()) == f.choices.end())
        bad_scenario(path, "is " + excerpt_of(v.dump()) + "; it should be " + one_of(f.choices) + ".");
      break;
    case FieldType::TextList:
      if (!v.is_array()) bad_scenario(path, "should be a list of text, not " + excerpt_of(v.dump()) + ".");
      for (const json& item : v) {
        if (!item.is_string()) bad_scenario(path, "should hold text only, not " + excerpt_of(item.dump()) + ".");
        if (!f.choices.empty() && std::find(f.choices.begin(), f.choices.end(), item.get<std::string>()) == f.choices.end())
          bad_scenario(path, "names " + item.dump() + "; its items are " + one_of(f.choices) + ".");
      }
      break;
  }
}

}  // namespace

void bad_scenario(const std::string& path, const std::string& why) {
  throw Error("sim.bad_scenario", "The scenario's field '" + path + "' " + why);
}

json read_fields(const json& obj, const std::string& path, const std::vector<FieldSpec>& fields) {
  const std::string prefix = path.empty() ? "" : path + ".";
  if (!obj.is_null() && !obj.is_object())
    bad_scenario(path.empty() ? "(top level)" : path, "should be an object {...}, not " + excerpt_of(obj.dump()) + ".");
  json out = json::object();
  for (const FieldSpec& f : fields) {
    const bool given = obj.is_object() && obj.contains(f.name) && !obj[f.name].is_null();
    if (!given) {
      if (f.required) bad_scenario(prefix + f.name, "is missing: " + f.help);
      out[f.name] = f.default_value;
      continue;
    }
    check_value(f, obj[f.name], prefix + f.name);
    out[f.name] = obj[f.name];
  }
  if (obj.is_object())
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (out.contains(it.key())) continue;
      std::string names;
      for (const FieldSpec& f : fields) names += (names.empty() ? "" : ", ") + f.name;
      bad_scenario(prefix + it.key(), "is not a field here; the fields are " + names + ".");
    }
  return out;
}

json fields_schema(const std::vector<FieldSpec>& fields) {
  json out = json::array();
  for (const FieldSpec& f : fields) {
    json j = {{"name", f.name}, {"type", type_name(f.type)}, {"default", f.default_value}, {"help", f.help}};
    if (f.required) j["required"] = true;
    if (std::isfinite(f.min)) j["min"] = f.min;
    if (std::isfinite(f.max)) j["max"] = f.max;
    if (!f.choices.empty()) j["choices"] = f.choices;
    out.push_back(j);
  }
  return out;
}

}  // namespace mlcore::sim

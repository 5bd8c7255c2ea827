// Reading optional fields of a command's JSON arguments, with an error that names the field.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "error.hpp"

namespace mlcore {

// `fallback` when the field is absent or null; api.bad_args naming it when of the wrong type.
template <class T>
T optional_field(const nlohmann::json& j, const char* name, T fallback) {
  if (!j.contains(name) || j[name].is_null()) return fallback;
  try {
    return j[name].get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error("api.bad_args", std::string("The argument '") + name + "' has the wrong type: " + j[name].dump() + ".");
  }
}

}  // namespace mlcore

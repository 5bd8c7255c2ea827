// How the workspace commands spell values in their text output: numbers short, simulated times
// in seconds, dataset references as NAME:V, JSON values bare when they are strings.
#pragma once
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace mlplay {

inline std::string format_number(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Simulated clock: the core counts seconds from the start of the workspace.
inline std::string format_time(double seconds) { return "t=" + format_number(seconds) + "s"; }

// "IRIS:1" for {"name", "version", ...}; "-" for none.
inline std::string dataset_text(const nlohmann::json& ds) {
  if (!ds.is_object() || !ds.contains("name")) return "-";
  std::string out = ds["name"].is_string() ? ds["name"].get<std::string>() : ds["name"].dump();
  if (ds.contains("version")) out += ":" + ds["version"].dump();
  return out;
}

inline std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return format_number(v.get<double>());
  return v.dump();
}

// "a=1, b=x" (empty text when the map is empty).
template <class Map, class Text>
std::string joined_pairs(const Map& m, Text text) {
  std::string out;
  for (const auto& [k, v] : m) out += (out.empty() ? "" : ", ") + k + "=" + text(v);
  return out;
}

inline std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace mlplay

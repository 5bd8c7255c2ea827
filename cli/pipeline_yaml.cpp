// See pipeline_yaml.hpp.
#include "pipeline_yaml.hpp"

#include <cstdlib>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "cli.hpp"

namespace mlplay {
namespace {

using nlohmann::json;

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// A plain scalar as YAML 1.2's core schema reads it.
json plain_scalar(const std::string& s) {
  static const std::regex integer("[-+]?[0-9]+");
  static const std::regex real("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, integer)) {
    try {
      return std::stoll(s);
    } catch (const std::exception&) {
      return s;  // too large for an integer: keep the text
    }
  }
  if (std::regex_match(s, real)) return std::strtod(s.c_str(), nullptr);
  return s;
}

json convert(const YAML::Node& node, const std::string& pointer, mlcore::ops::SourceLines& lines) {
  const YAML::Mark mark = node.Mark();
  if (mark.line >= 0) lines[pointer] = mlcore::Location{static_cast<std::size_t>(mark.line) + 1,
                                                        static_cast<std::size_t>(mark.column) + 1, ""};
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (std::size_t i = 0; i < node.size(); ++i) out.push_back(convert(node[i], pointer + "/" + std::to_string(i), lines));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        out[key] = convert(it->second, pointer + "/" + pointer_token(key), lines);
      }
      return out;
    }
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? json(node.Scalar()) : plain_scalar(node.Scalar());
    default:
      return nullptr;
  }
}

}  // namespace

SpecDocument parse_spec_text(const std::string& text) {
  SpecDocument doc;
  try {
    doc.spec = convert(YAML::Load(text), "", doc.lines);
  } catch (const YAML::Exception& e) {
    mlcore::Location at;
    if (e.mark.line >= 0) at = {static_cast<std::size_t>(e.mark.line) + 1, static_cast<std::size_t>(e.mark.column) + 1, ""};
    throw mlcore::Error("pipeline.yaml_syntax", "The spec is not valid YAML: " + e.msg + ".", at);
  }
  return doc;
}

SpecDocument read_spec_file(const std::string& path) {
  try {
    return parse_spec_text(read_file(path));
  } catch (const mlcore::Error& e) {
    throw InputError(path, e);
  }
}

json lines_json(const mlcore::ops::SourceLines& lines) {
  json out = json::object();
  for (const auto& [pointer, at] : lines) out[pointer] = {{"line", at.line}, {"column", at.column}};
  return out;
}

}  // namespace mlplay

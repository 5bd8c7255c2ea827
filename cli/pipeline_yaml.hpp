// A pipeline spec file (YAML, or JSON, which is YAML too) as the core takes it: the spec as JSON
// plus a map from each value's JSON pointer to its line and column, so the core's errors name
// the line the student wrote. Plain scalars read as YAML 1.2's core schema does (null, true,
// 12, 0.9); quoted ones stay strings. yaml-cpp does the parsing (native only: the page uses the
// npm package yaml for the same job).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/ops/pipeline/pipeline_spec.hpp"

namespace mlplay {

struct SpecDocument {
  nlohmann::json spec;
  mlcore::ops::SourceLines lines;
};

// Throws mlcore::Error pipeline.yaml_syntax with the line and column of a syntax error.
SpecDocument parse_spec_text(const std::string& text);
// Reads the file; throws InputError naming it (io.read_failed, pipeline.yaml_syntax).
SpecDocument read_spec_file(const std::string& path);
// {pointer: {"line", "column"}} as pipeline.validate and pipeline.run take it.
nlohmann::json lines_json(const mlcore::ops::SourceLines& lines);

}  // namespace mlplay

// The fields of a scenario file, stated once: each with its type, default, range and help text.
// The same tables fill in defaults when a scenario is read, reject a misspelt or mistyped field
// with its path ("traffic.requests_per_day"), and become the schema the page builds its form from
// (simulation.scenarios) and `mlplay simulate --help` prints.
#pragma once
#include <limits>
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlcore::sim {

enum class FieldType { Number, Count, Text, Flag, TextList, Object, Choice, NumberOrNull, List };

struct FieldSpec {
  FieldSpec(std::string name_, FieldType type_, nlohmann::json default_, std::string help_, bool required_ = false,
            std::vector<std::string> choices_ = {}, double min_ = -std::numeric_limits<double>::infinity(),
            double max_ = std::numeric_limits<double>::infinity())
      : name(std::move(name_)), type(type_), default_value(std::move(default_)), help(std::move(help_)), required(required_),
        choices(std::move(choices_)), min(min_), max(max_) {}

  std::string name;
  FieldType type = FieldType::Number;
  nlohmann::json default_value;  // null with required = false: absent stays null
  std::string help;
  bool required = false;
  std::vector<std::string> choices;  // Choice, and the allowed items of a TextList when not empty
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

// Throws sim.bad_scenario: "The scenario's field 'PATH' WHY".
[[noreturn]] void bad_scenario(const std::string& path, const std::string& why);

// `obj` (an object, or null for "all defaults") with every field of `fields` present: given
// values checked, absent ones set to their defaults. `path` prefixes field names in errors
// ("traffic" -> "traffic.noise"); a field not in the table is an error naming the ones there are.
nlohmann::json read_fields(const nlohmann::json& obj, const std::string& path, const std::vector<FieldSpec>& fields);

// [{"name", "type", "default", "help", "required"?, "min"?, "max"?, "choices"?}] for the page.
nlohmann::json fields_schema(const std::vector<FieldSpec>& fields);

}  // namespace mlcore::sim

// The command lines of the workspace commands: positional arguments plus options, some taking a
// value (--filter F) and some not (--json). Anything else starting with '-' is a usage error.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli.hpp"

namespace mlplay {

struct ArgList {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> switches;

  bool has(const std::string& option) const { return switches.count(option) || values.count(option); }
  std::string value_or(const std::string& option, const std::string& fallback) const {
    auto it = values.find(option);
    return it == values.end() ? fallback : it->second;
  }
};

inline ArgList parse_arg_list(const std::vector<std::string>& a, const std::set<std::string>& with_value,
                              const std::set<std::string>& switches) {
  ArgList out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& k = a[i];
    if (with_value.count(k)) {
      if (out.values.count(k)) throw UsageError("'" + k + "' is given twice.");
      out.values[k] = option_value(a, i);
    } else if (switches.count(k)) {
      out.switches.insert(k);
    } else if (k.size() > 1 && k[0] == '-') {
      throw UsageError("unknown option '" + k + "'.");
    } else {
      out.positional.push_back(k);
    }
  }
  return out;
}

// Throws a UsageError unless there are exactly `names.size()` positional arguments, naming the
// first one missing or the first one too many.
inline void expect_positional(const ArgList& args, const std::vector<std::string>& names) {
  if (args.positional.size() < names.size())
    throw UsageError("missing " + names[args.positional.size()] + ".");
  if (args.positional.size() > names.size())
    throw UsageError("unexpected argument '" + args.positional[names.size()] + "'.");
}

}  // namespace mlplay

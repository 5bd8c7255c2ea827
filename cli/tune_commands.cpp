// `mlplay tune`: a hyper-parameter search from the command line (grid or random, scored by k-fold
// cross-validation), with the same core SearchJob as the page. The flags only build the search
// space JSON; each value is read as its parameter's type by parse_param_value, with the
// parameter found for the target's task (criterion is gini/entropy or squared_error).
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "core/eval/search.hpp"
#include "core/models/family.hpp"
#include "core/models/target.hpp"
#include "data_input.hpp"

namespace mlplay {
namespace {

using nlohmann::json;
using mlcore::models::ParamSpec;

const char* kTuneUsage =
    "Usage: mlplay tune --data FILE|BUILTIN --target COL --model NAME\n"
    "                   (--grid KEY=V1,V2,... ... | --random N [--range KEY=LOW:HIGH[:log]]... [--choice KEY=A,B,...]...)\n"
    "                   [--param KEY=VALUE]... [--cv K] [--seed N] [--features A,B,...]\n"
    "                   [--task classification|regression] [--impute mean|median|most_frequent] [--json]\n\n"
    "Searches hyper-parameters by k-fold cross-validation (stratified for classification, shuffled\n"
    "with the seed) and prints the candidates ranked by mean accuracy (classification) or R²\n"
    "(regression), and the best parameters; --json prints the whole result.\n\n"
    "  --grid KEY=V1,V2   every combination of the listed values (repeat for more parameters)\n"
    "  --random N         N candidates drawn with the seed from:\n"
    "  --range KEY=LOW:HIGH[:log]  a whole number from LOW to HIGH for an integer parameter, a real\n"
    "                     one for a real parameter (uniform, or log-uniform with :log)\n"
    "  --choice KEY=A,B   one of the listed values\n"
    "  --param KEY=VALUE  a parameter fixed for every candidate\n"
    "Values are read as the parameter's type; \"none\" is null (max_depth=none: no limit).\n"
    "Defaults: --cv 5, --seed 0. Run 'mlplay train --help' for the models and their parameters.\n";

long long whole_number(const std::string& flag, const std::string& v) {
  try {
    std::size_t used = 0;
    long long x = std::stoll(v, &used);
    if (used == v.size()) return x;
  } catch (const std::exception&) {
  }
  throw UsageError(flag + " needs a whole number, got '" + v + "'.");
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) out.push_back(s.substr(start, at - start));
  out.push_back(s.substr(start));
  return out;
}

// KEY=REST with a non-empty key and rest, else a usage error naming the flag and its shape.
std::pair<std::string, std::string> key_value(const std::string& flag, const std::string& arg, const char* shape) {
  auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size())
    throw UsageError(flag + " takes " + shape + ", got '" + arg + "'.");
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

// A comma-separated list with no empty item ("1,,3" is a typo, not three values).
std::vector<std::string> value_list(const std::string& flag, const std::string& arg) {
  auto [key, rest] = key_value(flag, arg, "KEY=V1,V2,...");
  std::vector<std::string> values = split(rest, ',');
  if (std::any_of(values.begin(), values.end(), [](const std::string& v) { return v.empty(); }))
    throw UsageError(flag + " has an empty value in '" + arg + "'; separate values with single commas.");
  values.insert(values.begin(), key);
  return values;
}

// The schema entry of `key` for `task` (or for the other task, so resolve_params can drop it
// with its usual rule); an unknown key is model.unknown_param, worded by resolve_params.
const ParamSpec& spec_for(const mlcore::models::Family& f, const std::string& key, mlcore::models::Task task) {
  const ParamSpec* any = nullptr;
  for (const auto& p : f.params)
    if (p.name == key) {
      if (p.tasks.empty() || std::count(p.tasks.begin(), p.tasks.end(), task)) return p;
      if (!any) any = &p;
    }
  if (!any) mlcore::models::resolve_params(f, json{{key, nullptr}}, task);
  return *any;
}

std::string shown(const json& v) {
  if (v.is_null()) return "none";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v.get<double>());
    return buf;
  }
  return v.dump();
}

// A score to 4 decimals; JSON writes an undefined (NaN) score as null.
std::string score(const json& v) {
  if (!v.is_number()) return "  n/a ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v.get<double>());
  return buf;
}

void print_table(const json& r, const std::string& source, const std::string& family_display) {
  const auto& cands = r["candidates"];
  std::vector<std::string> names;
  for (const auto& [k, v] : cands[0]["params"].items()) names.push_back(k);
  std::cout << (r["mode"] == "grid" ? "Grid" : "Random") << " search of " << family_display << " (" << r["task"].get<std::string>()
            << ") on " << source << ": target " << r["target"].get<std::string>() << ", " << cands.size() << " candidates, "
            << "mean " << r["metric"].get<std::string>() << " over " << r["cv"] << "-fold cross-validation, seed " << r["seed"]
            << "\n\n";
  std::vector<std::size_t> widths;
  for (const auto& n : names) {
    std::size_t w = n.size();
    for (const auto& c : cands) w = std::max(w, shown(c["params"][n]).size());
    widths.push_back(w);
  }
  // Left-aligned cells, the last one unpadded so no line ends in spaces.
  auto cell = [&](std::size_t i, const std::string& v) {
    return "  " + v + (i + 1 < names.size() ? std::string(widths[i] - v.size(), ' ') : "");
  };
  std::cout << "rank  mean    std   ";
  for (std::size_t i = 0; i < names.size(); ++i) std::cout << cell(i, names[i]);
  std::cout << "\n";
  std::vector<const json*> by_rank;
  for (const auto& c : cands) by_rank.push_back(&c);
  std::sort(by_rank.begin(), by_rank.end(), [](const json* a, const json* b) { return (*a)["rank"] < (*b)["rank"]; });
  for (const json* c : by_rank) {
    std::string rank = std::to_string((*c)["rank"].get<int>());
    std::cout << std::string(4 - std::min<std::size_t>(4, rank.size()), ' ') << rank << "  "
              << score((*c)["mean"]) << "  " << score((*c)["std"]);
    for (std::size_t i = 0; i < names.size(); ++i) std::cout << cell(i, shown((*c)["params"][names[i]]));
    std::cout << "\n";
  }
  std::string best;
  for (const auto& [k, v] : r["best"]["params"].items()) best += (best.empty() ? "" : " ") + k + "=" + shown(v);
  std::cout << "\nBest: " << (best.empty() ? "the defaults" : best) << " (mean " << r["metric"].get<std::string>() << " "
            << score(r["best"]["mean"]) << ", std " << score(r["best"]["std"]) << ")\n";
  for (const auto& w : r["warnings"])
    std::cout << "warning: " << w["message"].get<std::string>() << " [" << w["code"].get<std::string>() << "]\n";
}

int run_tune(const std::vector<std::string>& a) {
  mlcore::eval::SearchRequest req;
  std::string data;
  bool as_json = false;
  long long n_iter = 0;
  std::vector<std::vector<std::string>> grid, choices, ranges;  // each {KEY, values...}
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& k = a[i];
    if (k == "--data") data = option_value(a, i);
    else if (k == "--target") req.target = option_value(a, i);
    else if (k == "--model") req.family = option_value(a, i);
    else if (k == "--grid") grid.push_back(value_list(k, option_value(a, i)));
    else if (k == "--choice") choices.push_back(value_list(k, option_value(a, i)));
    else if (k == "--random") n_iter = whole_number(k, option_value(a, i));
    else if (k == "--range") {
      std::string arg = option_value(a, i);
      auto [key, rest] = key_value(k, arg, "KEY=LOW:HIGH or KEY=LOW:HIGH:log");
      std::vector<std::string> parts = split(rest, ':');
      if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty() || (parts.size() == 3 && parts[2] != "log"))
        throw UsageError("--range takes KEY=LOW:HIGH or KEY=LOW:HIGH:log, got '" + arg + "'.");
      parts.insert(parts.begin(), key);
      ranges.push_back(parts);
    } else if (k == "--param") params.push_back(key_value(k, option_value(a, i), "KEY=VALUE"));
    else if (k == "--cv") req.cv = static_cast<int>(whole_number(k, option_value(a, i)));
    else if (k == "--seed") {
      const long long seed = whole_number(k, option_value(a, i));
      if (seed < 0) throw UsageError("--seed is a whole number >= 0.");
      req.seed = static_cast<std::uint64_t>(seed);
    }
    else if (k == "--features") req.features = split(option_value(a, i), ',');
    else if (k == "--task") req.task = option_value(a, i);
    else if (k == "--impute") req.impute = option_value(a, i);
    else if (k == "--json") as_json = true;
    else throw UsageError("unknown option '" + k + "'.");
  }
  if (data.empty()) throw UsageError("--data names the CSV file or built-in dataset to search on.");
  if (req.target.empty()) throw UsageError("--target names the column to predict.");
  const bool random = n_iter != 0 || !ranges.empty() || !choices.empty();
  if (grid.empty() == !random) throw UsageError("give either --grid, or --random N with --range and --choice.");
  if (random && n_iter < 1) throw UsageError("--random N draws N >= 1 candidates; --range and --choice need it.");
  if (random && ranges.empty() && choices.empty()) throw UsageError("--random needs at least one --range or --choice.");
  if (req.cv < 2) throw UsageError("--cv is a number of folds of at least 2.");
  std::vector<std::string> keys;
  for (const auto* list : {&grid, &choices, &ranges})
    for (const auto& item : *list) keys.push_back(item[0]);
  std::sort(keys.begin(), keys.end());
  if (auto dup = std::adjacent_find(keys.begin(), keys.end()); dup != keys.end())
    throw UsageError("'" + *dup + "' is searched twice; give each parameter once.");

  const auto& family = mlcore::models::find_family(req.family);
  LoadedInput in = load_input(data);
  auto table = std::make_shared<const mlcore::data::Table>(std::move(in.csv.table));
  const auto task = req.task.empty() ? mlcore::models::infer_task(table->column(req.target))
                                     : mlcore::models::task_from_string(req.task);
  auto parse = [&](const std::string& key, const std::string& text) {
    return mlcore::models::parse_param_value(spec_for(family, key, task), text);
  };
  for (const auto& [key, value] : params) req.params[key] = parse(key, value);
  json space = json::object();
  for (const auto& g : grid)
    for (std::size_t v = 1; v < g.size(); ++v) space[g[0]].push_back(parse(g[0], g[v]));
  if (random) {
    json dists = json::object();
    for (const auto& c : choices)
      for (std::size_t v = 1; v < c.size(); ++v) dists[c[0]].push_back(parse(c[0], c[v]));
    for (const auto& r : ranges) {
      const ParamSpec& spec = spec_for(family, r[0], task);
      if (spec.kind != ParamSpec::Kind::Int && spec.kind != ParamSpec::Kind::Float)
        throw UsageError("--range takes a numeric parameter; give " + r[0] + "'s values with --choice.");
      const bool log = r.size() == 4;
      if (log && spec.kind == ParamSpec::Kind::Int) throw UsageError(r[0] + " takes whole numbers: drop ':log' from its --range.");
      const char* kind = spec.kind == ParamSpec::Kind::Int ? "int" : log ? "log_uniform" : "uniform";
      dists[r[0]] = {{kind, {parse(r[0], r[1]), parse(r[0], r[2])}}};
    }
    space = {{"n_iter", n_iter}, {"params", dists}};
  }
  req.space = space;

  mlcore::eval::SearchJob job(table, req);
  while (!job.step()) {
  }
  if (as_json) {
    std::cout << job.result().dump(2) << "\n";
    return kExitOk;
  }
  print_table(job.result(), in.source, family.display_name);
  return kExitOk;
}

}  // namespace

void register_tune_sub_commands() {
  sub_commands()["tune"] = SubCommand{"Search hyper-parameters by k-fold cross-validation.", kTuneUsage, run_tune};
}

}  // namespace mlplay

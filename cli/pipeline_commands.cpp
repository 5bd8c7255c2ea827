// `mlplay pipeline run|validate`: pipelines as code, headless. The spec (YAML or JSON) becomes
// JSON plus a line map here (pipeline_yaml.cpp); the core checks and runs it exactly as the page
// does, through the session's pipeline.* commands, against a workspace file that is written back
// atomically, run recorded. Exit 1 when the pipeline fails, so it gates a real CI.
#include <fstream>
#include <iostream>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "core/api/workspace_state.hpp"
#include "core/ops/pipeline/step_registry.hpp"
#include "core/ops/pipeline/vm_sizes.hpp"
#include "data_input.hpp"
#include "gzip.hpp"
#include "pipeline_yaml.hpp"
#include "workspace_io.hpp"

namespace mlplay {
namespace {

using nlohmann::json;
namespace api = mlcore::api;

std::string pipeline_usage() {
  std::string u =
      "Usage: mlplay pipeline run SPEC --workspace WS.mlplay.json [--fail FAILURE]... [--trigger manual]\n"
      "                           [--as ROLE] [--json]\n"
      "       mlplay pipeline validate SPEC [--workspace WS.mlplay.json] [--json]\n\n"
      "Pipelines as code (see pipelines/README.md). SPEC is YAML or JSON: name, trigger, variables\n"
      "({group: NAME} from the workspace's variable library, or from variables/NAME.json beside the\n"
      "spec; {name, value}), and stages of jobs of steps {name, kind, inputs}, with $(variable) in\n"
      "the inputs.\n\n"
      "run       runs the pipeline on the simulated clock against the workspace file (created when\n"
      "          it does not exist; gzip when it ends in .gz or was gzip), prints the CI-style log\n"
      "          and writes the workspace back atomically with the run recorded. Exits 1 when the\n"
      "          pipeline fails. Data sources (upload_data's source) are built-in dataset names,\n"
      "          CSV files or dataset versions of the workspace (IRIS:2).\n"
      "  --fail FAILURE       inject a failure (repeat, or a,b): ";
  for (const auto& t : mlcore::ops::failure_toggles()) u += t.name + " ";
  u += "\n"
       "  --trigger manual     what started the run (manual; triggers are for saved pipelines)\n"
       "  --as ROLE            who asked for the run (default \"ML Engineer\")\n"
       "  --json               print {run, triggered} as JSON instead of the log\n"
       "validate  checks the spec and prints each problem as SPEC:LINE:COL: message [code]; exits 1\n"
       "          when there is one.\n\nStep kinds:\n";
  for (const auto* k : mlcore::ops::step_kinds()) {
    u += "  " + k->name + (k->simulated ? " (simulated)" : "") + ": " + k->help + "\n";
    for (const auto& in : k->inputs)
      u += "      " + in.name + (in.required ? " (required)" : " = " + (in.default_value.is_null() ? "none" : in.default_value.dump())) +
           "  " + in.help + "\n";
  }
  u += "\nFailures:\n";
  for (const auto& t : mlcore::ops::failure_toggles()) u += "  " + t.name + " (" + t.step_kind + "): " + t.help + "\n";
  u += "\nCompute prices (USD per node-hour): ";
  for (const auto& v : mlcore::ops::vm_sizes()) u += v.name + " " + mlcore::ops::format_number(v.price_per_hour, 3) + ", ";
  u += "billed per second from node allocation until scale-down (idle seconds after the last job).\n";
  return u;
}

// --fail may repeat; the rest goes to parse_arg_list.
std::vector<std::string> take_failures(std::vector<std::string>& a) {
  std::vector<std::string> failures, rest;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != "--fail") {
      rest.push_back(a[i]);
      continue;
    }
    std::string list = option_value(a, i);
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) failures.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  a = rest;
  return failures;
}

std::string dir_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

// The session with the workspace file loaded (when it exists); true when it was gzip.
bool open_workspace(api::Session& s, const std::string& path) {
  if (path.empty() || !exists(path)) return wants_gzip(path);
  bool gz = false;
  const std::string text = read_input_bytes(path, &gz);
  try {
    api::import_workspace(s, text);
  } catch (const mlcore::Error& e) {
    throw InputError(path, e);
  }
  return gz;
}

// Groups the spec names that the workspace lacks, from variables/NAME.json beside the spec.
json groups_beside(api::Session& s, const json& spec, const std::string& spec_path) {
  json groups = json::object();
  if (!spec.is_object() || !spec.contains("variables") || !spec["variables"].is_array()) return groups;
  for (const json& v : spec["variables"]) {
    if (!v.is_object() || !v.contains("group") || !v["group"].is_string()) continue;
    const std::string name = v["group"].get<std::string>();
    const std::string file = dir_of(spec_path) + "/variables/" + name + ".json";
    if (api::current_workspace(s).pipelines.find_group(name) || !exists(file)) continue;
    groups[name] = load_json(file);
  }
  return groups;
}

// Loads the data sources that are built-in datasets or files into the session.
json load_sources(api::Session& s, const json& sources) {
  json data = json::object();
  for (const json& src : sources) {
    const std::string source = src.get<std::string>();
    if (data.contains(source)) continue;
    try {
      LoadedInput in = load_input(source);
      data[source] = api::keep_table(s, std::move(in.csv), source);
    } catch (const InputError& e) {
      if (e.code() != "data.unknown_dataset") throw;  // a dataset version (IRIS:2): the core resolves it
    }
  }
  return data;
}

int print_issues(const std::string& spec_path, const json& errors) {
  for (const json& e : errors) {
    mlcore::Location at{e.value("line", std::size_t{0}), e.value("column", std::size_t{0}), ""};
    std::cerr << located_message(spec_path, mlcore::Error(e["code"], e["message"], at)) << "\n";
  }
  return errors.empty() ? kExitOk : kExitFailed;
}

int run_validate(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--workspace"}, {"--json"});
  expect_positional(args, {"the pipeline spec"});
  const std::string spec_path = args.positional[0];
  const SpecDocument doc = read_spec_file(spec_path);
  api::Session s;
  open_workspace(s, args.value_or("--workspace", ""));
  const json result = s.call("pipeline.validate", {{"spec", doc.spec}, {"lines", lines_json(doc.lines)},
                                                   {"groups", groups_beside(s, doc.spec, spec_path)}});
  if (args.has("--json")) std::cout << result.dump(2) << "\n";
  if (!result["ok"].get<bool>()) return print_issues(spec_path, result["errors"]);
  if (!args.has("--json")) {
    std::size_t steps = 0;
    for (const auto& st : result["stages"])
      for (const auto& jb : st["jobs"]) steps += jb["steps"].size();
    std::cout << spec_path << ": ok: pipeline " << result["name"].get<std::string>() << ", " << result["stages"].size()
              << " stage(s), " << steps << " steps; failures it can show: " << result["failures"].dump() << "\n";
  }
  return kExitOk;
}

int run_run(const std::vector<std::string>& given) {
  std::vector<std::string> a = given;
  const std::vector<std::string> failures = take_failures(a);
  ArgList args = parse_arg_list(a, {"--workspace", "--trigger", "--as"}, {"--json"});
  expect_positional(args, {"the pipeline spec"});
  if (!args.has("--workspace")) throw UsageError("--workspace WS.mlplay.json is required: the workspace the run is recorded in.");
  if (args.value_or("--trigger", "manual") != "manual")
    throw UsageError("--trigger is manual here; dataset and schedule triggers run saved pipelines (pipeline.tick).");
  const std::string spec_path = args.positional[0], ws_path = args.value_or("--workspace", "");
  const SpecDocument doc = read_spec_file(spec_path);
  api::Session s;
  const bool gz = open_workspace(s, ws_path);
  api::workspace_state(s).actor = args.value_or("--as", "ML Engineer");
  const json groups = groups_beside(s, doc.spec, spec_path);
  const json lines = lines_json(doc.lines);
  const json check = s.call("pipeline.validate", {{"spec", doc.spec}, {"lines", lines}, {"groups", groups}});
  if (!check["ok"].get<bool>()) return print_issues(spec_path, check["errors"]);
  json result;
  try {
    result = s.call("pipeline.run", {{"spec", doc.spec}, {"lines", lines}, {"groups", groups}, {"failures", failures},
                                     {"data", load_sources(s, check["sources"])}});
  } catch (const mlcore::Error& e) {
    throw InputError(spec_path, e);
  }
  const std::string text = api::export_workspace(s);
  write_file_atomic(ws_path, gz ? gzip(text) : text);
  if (args.has("--json")) {
    std::cout << json{{"run", result["run"]}, {"triggered", result["triggered"]}}.dump(2) << "\n";
  } else {
    std::cout << result["text"].get<std::string>();
    for (const json& t : result["triggered"])
      std::cout << "Triggered " << t["id"].get<std::string>() << ": " << t["status"].get<std::string>() << "\n";
    std::cout << "Wrote " << ws_path << ".\n";
  }
  return result["run"]["status"] == "succeeded" ? kExitOk : kExitFailed;
}

int run_pipeline(const std::vector<std::string>& a) {
  if (a.empty()) throw UsageError("name an action: run or validate.");
  std::vector<std::string> rest(a.begin() + 1, a.end());
  if (a[0] == "run") return run_run(rest);
  if (a[0] == "validate") return run_validate(rest);
  throw UsageError("unknown action '" + a[0] + "'; the actions are run and validate.");
}

}  // namespace

void register_pipeline_sub_commands() {
  sub_commands()["pipeline"] = SubCommand{"Run or check a pipeline spec (YAML/JSON) against a workspace file, as a CI would.",
                                          pipeline_usage(), run_pipeline};
}

}  // namespace mlplay

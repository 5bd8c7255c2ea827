// `mlplay runs list` and `mlplay runs show`: the tracked runs of an exported workspace, searched
// with the Runs view's filter grammar, as a readable table or as JSON.
#include <algorithm>
#include <iostream>
#include <set>

#include "arg_list.hpp"
#include "cli.hpp"
#include "core/ops/experiments.hpp"
#include "core/ops/run_filter.hpp"
#include "text_table.hpp"
#include "workspace_io.hpp"
#include "ws_format.hpp"

namespace mlplay {
namespace {

using mlcore::ops::Run;
using mlcore::ops::RunOrder;
using nlohmann::json;

const char* kRunsUsage =
    "Usage: mlplay runs list WORKSPACE [--experiment E] [--filter F] [--order-by METRIC] [--ascending] [--json]\n"
    "       mlplay runs show WORKSPACE RUN-ID [--json]\n\n"
    "The tracked runs of a workspace file (the .mlplay.json the page exports, plain or gzip).\n\n"
    "runs list: one line per run (id, experiment, status, model family, dataset version, key\n"
    "metrics), in run order, or as a JSON list of runs.\n"
    "  --experiment E       only the runs of experiment E\n"
    "  --filter F           conditions joined by 'and', as in the Runs view, e.g.\n"
    "                       \"metrics.accuracy >= 0.9 and params.max_depth = 3 and status = finished\";\n"
    "                       fields: metrics.NAME, params.NAME, tags.NAME, status; operators\n"
    "                       = != < <= > >=\n"
    "  --order-by METRIC    order by a metric's final value, highest first (runs without it last)\n"
    "  --ascending          lowest first\n"
    "  --json               print JSON\n\n"
    "runs show: a run's params, metrics, series lengths, tags, artifacts, dataset, note and times.\n"
    "  --json               print the run as JSON\n\n"
    "An unknown run or experiment, or a bad filter, prints the reason and exits 1; a damaged file\n"
    "prints FILE: message [code] and exits 1.\n";

// Metrics a reader looks at first, in this order; others follow by name.
const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> m = {"accuracy", "balanced_accuracy", "f1_macro", "roc_auc",
                                             "log_loss", "r2", "rmse", "mae"};
  return m;
}

// Up to four metric columns: the ordering metric, then the headline ones, then the rest.
std::vector<std::string> metric_columns(const std::vector<const Run*>& runs, const std::string& order_by) {
  std::set<std::string> present;
  for (const Run* r : runs)
    for (const auto& m : r->metrics) present.insert(m.first);
  std::vector<std::string> out;
  auto take = [&](const std::string& m) {
    if (out.size() < 4 && present.count(m) && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  take(order_by);
  for (const auto& m : headline_metrics()) take(m);
  for (const auto& m : present) take(m);
  return out;
}

int run_list(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {"--experiment", "--filter", "--order-by"}, {"--ascending", "--json"});
  expect_positional(args, {"the workspace file"});
  if (args.has("--ascending") && !args.has("--order-by")) throw UsageError("--ascending needs --order-by METRIC.");
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  RunOrder order{args.value_or("--order-by", ""), !args.has("--ascending")};
  const auto runs = ws.file.workspace.tracking.search_runs(args.value_or("--experiment", ""), args.value_or("--filter", ""), order);
  if (args.has("--json")) {
    json out = json::array();
    for (const Run* r : runs) out.push_back(*r);
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  if (runs.empty()) {
    std::cout << "No runs match.\n";
    return kExitOk;
  }
  const auto metrics = metric_columns(runs, order.metric);
  std::vector<std::string> header = {"run", "experiment", "status", "family", "dataset"};
  header.insert(header.end(), metrics.begin(), metrics.end());
  TextTable table(header);
  for (const Run* r : runs) {
    std::vector<std::string> row = {r->id, r->experiment, mlcore::ops::status_name(r->status), or_dash(r->family),
                                    dataset_text(r->dataset)};
    for (const auto& m : metrics) {
      auto it = r->metrics.find(m);
      row.push_back(it == r->metrics.end() ? "-" : format_number(it->second));
    }
    table.add(std::move(row));
  }
  std::cout << table.str();
  return kExitOk;
}

void print_run(const Run& r) {
  std::cout << r.id << "  experiment " << r.experiment << ", " << or_dash(r.family) << ", "
            << mlcore::ops::status_name(r.status) << "\n";
  std::cout << "  started:    " << format_time(r.start_time) << "\n";
  if (r.end_time)
    std::cout << "  ended:      " << format_time(*r.end_time) << " (took " << format_number(*r.end_time - r.start_time)
              << " s)\n";
  std::cout << "  dataset:    " << dataset_text(r.dataset);
  if (r.dataset.is_object() && r.dataset.contains("hash")) std::cout << " (hash " << value_text(r.dataset["hash"]) << ")";
  std::cout << "\n";
  std::cout << "  params:     " << or_dash(joined_pairs(r.params.items(), [](const json& v) { return value_text(v); }))
            << "\n";
  std::cout << "  metrics:    " << or_dash(joined_pairs(r.metrics, format_number)) << "\n";
  std::cout << "  series:     ";
  if (r.series.empty()) std::cout << "-";
  bool first = true;
  for (const auto& [name, points] : r.series) {
    std::cout << (first ? "" : ", ") << name << " (" << points.size() << " points";
    if (!points.empty()) std::cout << ", steps " << points.front().step << ".." << points.back().step;
    std::cout << ")";
    first = false;
  }
  std::cout << "\n";
  std::cout << "  tags:       " << or_dash(joined_pairs(r.tags, [](const std::string& v) { return v; })) << "\n";
  std::string artifacts;
  for (const auto& a : r.artifacts) artifacts += (artifacts.empty() ? "" : ", ") + a.first;
  std::cout << "  artifacts:  " << or_dash(artifacts) << "\n";
  std::cout << "  note:       " << or_dash(r.note) << "\n";
}

int run_show(const std::vector<std::string>& a) {
  ArgList args = parse_arg_list(a, {}, {"--json"});
  expect_positional(args, {"the workspace file", "the run id (e.g. run-1)"});
  LoadedWorkspace ws = load_workspace(args.positional[0]);
  const Run& r = ws.file.workspace.tracking.run(args.positional[1]);  // tracking.unknown_run
  if (args.has("--json")) {
    json j = r;
    json lengths = json::object();
    for (const auto& [name, points] : r.series) lengths[name] = points.size();
    j["series_lengths"] = lengths;
    std::cout << j.dump(2) << "\n";
  } else {
    print_run(r);
  }
  return kExitOk;
}

int run_runs(const std::vector<std::string>& a) {
  if (a.empty()) throw UsageError("name an action: list or show.");
  std::vector<std::string> rest(a.begin() + 1, a.end());
  if (a[0] == "list") return run_list(rest);
  if (a[0] == "show") return run_show(rest);
  throw UsageError("unknown action '" + a[0] + "'; the actions are list and show.");
}

}  // namespace

void register_runs_sub_commands() {
  sub_commands()["runs"] = SubCommand{"List and show the tracked runs of a workspace file.", kRunsUsage, run_runs};
}

}  // namespace mlplay

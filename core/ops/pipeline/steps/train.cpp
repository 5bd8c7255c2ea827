// See train.hpp.
#include "train.hpp"

#include <algorithm>
#include <cmath>

#include "../../../data/random.hpp"
#include "../../../models/family.hpp"

namespace mlcore::ops {
namespace {

using nlohmann::json;

void check_inputs(const json& in, std::vector<InputProblem>& problems) {
  const models::Family* family = nullptr;
  for (const auto& f : models::families())
    if (f.name == in["model"].get<std::string>()) family = &f;
  if (!family) {
    std::string known;
    for (const auto& f : models::families()) known += (known.empty() ? "" : ", ") + f.name;
    problems.push_back({"model", "pipeline.bad_input", "there is no model family '" + in["model"].get<std::string>() +
                                                           "'; the families are " + known + "."});
  } else {
    for (const auto& [key, value] : in["params"].items()) {
      (void)value;
      if (!models::find_param(*family, key, family->tasks.front()))
        problems.push_back({"params", "pipeline.bad_input", family->name + " has no parameter '" + key + "'."});
    }
  }
  const double test_size = in["test_size"].get<double>();
  if (!(test_size > 0 && test_size < 1))
    problems.push_back({"test_size", "pipeline.bad_input", "test_size is a share of the rows between 0 and 1 (exclusive)."});
  const int cv = in["cv"].get<int>();
  if (cv == 1 || cv < 0) problems.push_back({"cv", "pipeline.bad_input", "cv is 0 (none) or a number of folds >= 2."});
  if (in["nodes"].get<int>() < 1) problems.push_back({"nodes", "pipeline.bad_input", "nodes is 1 or more."});
  if (in["seed"].get<int>() < 0) problems.push_back({"seed", "pipeline.bad_input", "seed is 0 or more."});
}

// The quality_gate_miss failure: a labelling bug shuffles the target of 60% of the rows (a
// seeded permutation among them), so the model learns and is tested on wrong labels.
void shuffle_labels(data::Table& t, const std::string& target, std::uint64_t seed) {
  const int col = t.find(target);
  if (col < 0) return;
  auto& c = t.columns[static_cast<std::size_t>(col)];
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < t.rows(); ++i)
    if (i % 5 < 3) rows.push_back(i);
  std::vector<std::size_t> order = rows;
  data::Rng rng(seed ^ 0x9e3779b97f4a7c15ULL);
  rng.shuffle(order);
  if (c.type == data::ColumnType::Categorical) {
    const auto codes = c.codes;
    for (std::size_t k = 0; k < rows.size(); ++k) c.codes[rows[k]] = codes[order[k]];
  } else {
    const auto numbers = c.numbers;
    for (std::size_t k = 0; k < rows.size(); ++k) c.numbers[rows[k]] = numbers[order[k]];
  }
}

std::string metrics_text(const json& metrics) {
  std::string out;
  for (const char* k : {"accuracy", "f1_macro", "roc_auc", "r2", "rmse", "mae"})
    if (metrics.contains(k)) out += (out.empty() ? "" : ", ") + std::string(k) + " " + format_number(metrics[k].get<double>());
  return out.empty() ? "no headline metrics" : out;
}

}  // namespace

const StepKind& train_step() {
  static const StepKind kind = [] {
    StepKind k;
    k.name = "train";
    k.display_name = "Train";
    k.help = "Train a model on a dataset version and log the run, optionally on a compute cluster (real: the core's training).";
    k.inputs = {
        {"dataset", InputType::String, true, nullptr, "The dataset version: IRIS (the latest) or IRIS:2."},
        {"target", InputType::String, true, nullptr, "The column to predict, e.g. Species."},
        {"experiment", InputType::String, true, nullptr, "The experiment the run is logged in, e.g. IRISExperiment."},
        {"model", InputType::String, false, "decision_tree", "The model family."},
        {"params", InputType::Object, false, json::object(), "The family's parameters, e.g. {max_depth: 3}."},
        {"test_size", InputType::Number, false, 0.25, "Share of rows held out for the test metrics."},
        {"seed", InputType::Int, false, 0, "The seed of the split and the model."},
        {"cv", InputType::Int, false, 0, "Folds of cross-validation on the training part; 0 = none."},
        {"features", InputType::StringList, false, json::array(), "Feature columns; empty = all but the target."},
        {"compute", InputType::String, false, nullptr, "The compute cluster to run on; none = the build agent."},
        {"nodes", InputType::Int, false, 1, "Nodes the job uses (at most the cluster's max_nodes)."},
        {"model_file", InputType::String, false, "models/model.json", "Where the model file is written on the agent."},
    };
    k.check = check_inputs;
    k.run = [](StepRun& r) {
      json ref;
      const auto shared = r.host().dataset_table(r.text("dataset"), ref);
      const std::string version = ref["name"].get<std::string>() + ":" + std::to_string(ref["version"].get<int>());
      eval::TrainRequest req;
      req.family = r.text("model");
      req.params = r.input("params");
      req.target = r.text("target");
      req.features = r.input("features").get<std::vector<std::string>>();
      req.test_size = r.input("test_size").get<double>();
      req.seed = static_cast<std::uint64_t>(r.input("seed").get<int>());
      req.cv = r.input("cv").get<int>();
      req.dataset = ref;
      req.source = version;
      std::shared_ptr<const data::Table> table = shared;
      json tags = {{"pipeline", r.ctx().pipeline}, {"pipeline_run", r.ctx().pipeline + "#" + std::to_string(r.ctx().number)}};
      if (r.injected("quality_gate_miss")) {
        auto broken = std::make_shared<data::Table>(*shared);
        shuffle_labels(*broken, req.target, req.seed);
        table = broken;
        tags["failure_injection"] = "quality_gate_miss";
        r.log("(injected failure quality_gate_miss: a labelling bug shuffled the " + req.target + " of 60% of the rows)");
      }
      const std::string experiment = r.text("experiment");
      ComputeCluster* cluster = nullptr;
      int nodes = r.input("nodes").get<int>();
      if (r.has("compute")) {
        const std::string name = r.text("compute");
        auto it = r.ctx().cloud.computes.find(name);
        if (it == r.ctx().cloud.computes.end())
          r.fail("pipeline.compute_not_found", "ComputeTargetNotFound: there is no compute '" + name +
                                                   "' in the workspace; create it with a create_compute step first.");
        cluster = &it->second;
        nodes = std::min(nodes, cluster->max_nodes);
      }
      r.log("$ az ml run submit-script -e " + experiment + (cluster ? " --ct " + cluster->name : std::string()) +
            " train.py --dataset " + version + " --target " + req.target + " --model " + req.family);
      const double job_start = r.now();
      if (cluster) {
        const double wait = provisioning_seconds(*cluster, nodes, job_start);
        if (wait > 0) {
          r.log("Scaling " + cluster->name + " from " + std::to_string(nodes_at(*cluster, job_start)) + " to " +
                std::to_string(std::max(nodes, cluster->min_nodes)) + " node(s) of " + cluster->vm_size + ".");
          r.wait(wait);
          r.log("Nodes ready.");
        } else {
          r.log("Using the node(s) already up on " + cluster->name + ".");
        }
      } else {
        r.log("Running on the build agent.");
      }
      r.log("Preparing the environment (cached image).");
      r.wait(45);
      r.log("Training " + req.family + " on " + version + " (" + std::to_string(table->rows()) + " rows, seed " +
            std::to_string(req.seed) + ").");
      r.wait(20 + std::ceil(static_cast<double>(table->rows() * table->cols()) / 500));
      const std::string run = r.host().train(table, req, experiment, tags, r.now());
      r.catch_up();
      const auto& logged = r.host().workspace().tracking.run(run);
      json metrics = logged.metrics;
      r.log("Logged run " + run + " in " + experiment + ": " + metrics_text(metrics) + ".");
      if (cluster) {
        const auto charges = charge_job(*cluster, nodes, job_start, r.now());
        for (const auto& c : charges) {
          const std::string why = c.kind == "standing"
                                      ? "the always-on min nodes since they were last billed"
                                      : "the job's nodes until they scale down " + format_number(cluster->idle_seconds) +
                                            " s after it";
          r.log("Billed " + cluster->name + ": " + std::to_string(c.nodes) + " x " + c.vm_size + " for " +
                format_number(c.to - c.from, 0) + " s (" + why + ") at " + format_number(c.price_per_hour, 3) +
                " USD/h = " + format_number(c.cost) + " USD.");
          r.ctx().charges.push_back(c);
        }
      }
      auto art = logged.artifacts.find("model");
      const json model_file = art == logged.artifacts.end() ? json(nullptr) : art->second;
      r.ctx().last_train = {{"run", run}, {"experiment", experiment}, {"dataset", ref}, {"metrics", metrics},
                            {"model_file", model_file}, {"family", req.family}};
      if (r.ctx().folders.count("metadata")) r.ctx().files["metadata/run.json"] = {{"run", run}, {"experiment", experiment}};
      const std::string path = r.text("model_file");
      const std::string folder = path.substr(0, path.find('/'));
      if (path.find('/') == std::string::npos || r.ctx().folders.count(folder))
        r.ctx().files[path] = {{"artifact", model_file}};
      else
        r.log("##[warning]" + folder + "/ does not exist on the agent; the model file stays in the run's artifacts only.");
      r.outputs() = {{"run", run}, {"experiment", experiment}, {"trained_on", ref}, {"metrics", metrics}};
      if (cluster) r.outputs()["compute"] = cluster->name;
    };
    return k;
  }();
  return kind;
}

}  // namespace mlcore::ops

// Training commands: the model families and their parameter schemas, a training run advanced a
// unit at a time (begin, step, finish, cancel), the test part's predictions, and model files
// saved, loaded and used to predict.
#include <algorithm>
#include <cmath>

#include "../error.hpp"
#include "../eval/training_job.hpp"
#include "../models/family.hpp"
#include "../models/model_file.hpp"
#include "data_commands.hpp"
#include "registry.hpp"
#include "session.hpp"
#include "training_run.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

struct ModelEntry {
  models::ModelBundle bundle;
  std::vector<eval::TrainingJob::TestPrediction> test;
  std::shared_ptr<const data::Table> table;  // where the test rows come from
  Json result;                                // the training's report, for logging it as a run
  std::string run;                            // the run it was logged as, once logged
};

struct TrainState {
  int next_id = 1;
  std::map<int, std::unique_ptr<eval::TrainingJob>> jobs;
  std::map<int, std::shared_ptr<ModelEntry>> models;
};

TrainState& state(Session& s) { return s.state<TrainState>(); }

eval::TrainingJob& job_of(Session& s, const Json& args) {
  int id = require_field(args, "job").get<int>();
  auto it = state(s).jobs.find(id);
  if (it == state(s).jobs.end()) throw Error("train.unknown_job", "No training run with id " + std::to_string(id) + ".");
  return *it->second;
}

ModelEntry& model_of(Session& s, const Json& args) {
  int id = require_field(args, "model").get<int>();
  auto it = state(s).models.find(id);
  if (it == state(s).models.end()) throw Error("model.unknown_model", "No model with id " + std::to_string(id) + " in this session.");
  return *it->second;
}

eval::TrainRequest request_of(Session& s, const Json& args) {
  eval::TrainRequest r = eval::train_request_from_json(args);
  if (args.contains("dataset_version")) {
    std::string ref = args["dataset_version"].get<std::string>();
    const auto& v = current_workspace(s).datasets.resolve(ref);
    r.dataset = {{"name", ref.substr(0, ref.find(':'))}, {"version", v.number}, {"hash", v.hash}};
  }
  return r;
}

Json model_info(int id, const models::ModelBundle& b) {
  Json features = Json::array();
  for (const auto& f : b.pre.features()) features.push_back(models::feature_spec_to_json(f));
  return {{"model", id}, {"family", b.family}, {"task", models::to_string(b.task)}, {"target", b.target.name()},
          {"classes", b.target.classes()}, {"features", features}, {"params", b.params}, {"dataset", b.dataset},
          {"metrics", b.metrics}};
}

int keep_model(Session& s, std::shared_ptr<ModelEntry> entry) {
  int id = state(s).next_id++;
  state(s).models[id] = std::move(entry);
  return id;
}

Json finish(Session& s, int job_id) {
  auto& st = state(s);
  auto& job = *st.jobs.at(job_id);
  if (!job.done()) throw Error("train.not_done", "The training run is still going; step it to the end first.");
  auto entry = std::make_shared<ModelEntry>();
  entry->bundle = std::move(job.model());
  entry->test = job.test_predictions();
  entry->table = job.table();
  Json result = job.result();
  entry->result = result;
  st.jobs.erase(job_id);
  result["model"] = keep_model(s, entry);
  return result;
}

}  // namespace

void register_train_commands(Session& s) {
  s.add_command("train.families", "The model families with their parameter schemas.", [](Session&, const Json&) {
    Json out = Json::array();
    for (const auto& f : models::families()) out.push_back(models::schema_json(f));
    return out;
  });
  s.add_command("train.task", "The task the core infers for a target: {table, target} -> {task, classes}.",
                [](Session& self, const Json& args) {
                  auto table = shared_table(self, args);
                  const auto& col = table->column(require_field(args, "target").get<std::string>());
                  models::Task task = models::infer_task(col);
                  Json out = {{"task", models::to_string(task)}};
                  if (task == models::Task::Classification) {
                    models::TargetEncoder enc;
                    enc.fit(col, task);
                    out["classes"] = enc.classes();
                  }
                  return out;
                });
  s.add_command("train.begin", "Start a training run: {table, target, family, params, features?, task?, test_size, split, cv, seed}.",
                [](Session& self, const Json& args) {
                  auto job = std::make_unique<eval::TrainingJob>(shared_table(self, args), request_of(self, args));
                  int id = state(self).next_id++;
                  state(self).jobs[id] = std::move(job);
                  return Json{{"job", id}};
                });
  s.add_command("train.step", "Advance a training run: {job, steps?}. Returns {done, progress, message}.",
                [](Session& self, const Json& args) {
                  auto& job = job_of(self, args);
                  int steps = std::max(1, args.value("steps", 1));
                  for (int i = 0; i < steps && !job.step(); ++i) {
                  }
                  return Json{{"done", job.done()}, {"progress", job.progress()}, {"message", job.message()}};
                });
  s.add_command("train.finish", "The result of a finished run: {job}. Keeps its model; returns the metrics and {model}.",
                [](Session& self, const Json& args) {
                  job_of(self, args);
                  return finish(self, args["job"].get<int>());
                });
  s.add_command("train.cancel", "Drop a training run: {job}.", [](Session& self, const Json& args) {
    state(self).jobs.erase(require_field(args, "job").get<int>());
    return Json::object();
  });
  s.add_command("train.run", "A whole training run in one call (for scripts): the same arguments as train.begin.",
                [](Session& self, const Json& args) {
                  auto job = std::make_unique<eval::TrainingJob>(shared_table(self, args), request_of(self, args));
                  while (!job->step()) {
                  }
                  int id = state(self).next_id++;
                  state(self).jobs[id] = std::move(job);
                  return finish(self, id);
                });
  s.add_command("train.log_run",
                "Log a trained model as a finished run of an experiment: {model, experiment, tags?, note?}. "
                "Registers its data as a dataset version when it is not one yet. Returns {run, dataset}.",
                [](Session& self, const Json& args) {
                  auto& m = model_of(self, args);
                  if (!m.run.empty())
                    throw Error("train.already_logged", "This model is already logged as " + m.run + ".");
                  if (!m.table) throw Error("train.no_data", "A loaded model file has no training run to log.");
                  Json out = log_training_run(self, m.bundle, m.result, *m.table, args);
                  m.run = out["run"].get<std::string>();
                  return out;
                });
  s.add_command("train.predictions", "The test part's predictions of a trained model: {model, offset, limit<=1000}.",
                [](Session& self, const Json& args) {
                  auto& m = model_of(self, args);
                  const bool classify = m.bundle.task == models::Task::Classification;
                  std::size_t offset = args.value("offset", std::size_t{0});
                  std::size_t end = std::min(m.test.size(), offset + std::min<std::size_t>(args.value("limit", std::size_t{50}), 1000));
                  Json rows = Json::array();
                  for (std::size_t i = offset; i < end; ++i) {
                    const auto& p = m.test[i];
                    Json r = {{"row", p.row + 1}};
                    if (classify) {
                      r["actual"] = m.bundle.target.decode(static_cast<int>(std::lround(p.actual)));
                      r["predicted"] = m.bundle.target.decode(static_cast<int>(std::lround(p.predicted)));
                      r["correct"] = std::lround(p.actual) == std::lround(p.predicted);
                      r["confidence"] = p.confidence;
                    } else {
                      r["actual"] = p.actual;
                      r["predicted"] = p.predicted;
                      r["error"] = p.predicted - p.actual;
                    }
                    rows.push_back(r);
                  }
                  return Json{{"total", m.test.size()}, {"offset", offset}, {"rows", rows}};
                });
  s.add_command("model.save", "The model file (versioned JSON) of a model: {model}.",
                [](Session& self, const Json& args) { return models::save_model(model_of(self, args).bundle); });
  s.add_command("model.load", "Load a model file: {file: object or text}. Returns the model's id and schema.",
                [](Session& self, const Json& args) {
                  const Json& f = require_field(args, "file");
                  auto entry = std::make_shared<ModelEntry>();
                  entry->bundle = f.is_string() ? models::load_model_text(f.get<std::string>()) : models::load_model(f);
                  int id = keep_model(self, entry);
                  return model_info(id, state(self).models[id]->bundle);
                });
  s.add_command("model.info", "A model's family, task, target, classes, features and metrics: {model}.",
                [](Session& self, const Json& args) {
                  return model_info(args["model"].get<int>(), model_of(self, args).bundle);
                });
  s.add_command("model.predict", "Predict every row of a loaded table: {model, table}. Returns {classes, predictions, probabilities}.",
                [](Session& self, const Json& args) {
                  auto& m = model_of(self, args);
                  return models::predictions_to_json(models::predict_table(m.bundle, *shared_table(self, args)));
                });
}

}  // namespace mlcore::api

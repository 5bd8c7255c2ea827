// Hyper-parameter search commands: a search over a loaded table advanced a unit at a time
// (begin, step, finish, cancel), the same pattern as a training run, so the page can show
// "candidate 3 of 12, fold 2 of 5" and stop between units.
#include <algorithm>
#include <map>
#include <memory>

#include "../error.hpp"
#include "../eval/search.hpp"
#include "data_commands.hpp"
#include "registry.hpp"
#include "session.hpp"

namespace mlcore::api {
namespace {

struct SearchState {
  int next_id = 1;
  std::map<int, std::unique_ptr<eval::SearchJob>> jobs;
};

SearchState& state(Session& s) { return s.state<SearchState>(); }

int job_id(const Json& args) {
  const Json& id = require_field(args, "job");
  if (!id.is_number_integer()) throw Error("api.bad_args", "'job' is the id search.begin returned, got " + id.dump() + ".");
  return id.get<int>();
}

eval::SearchJob& job_of(Session& s, const Json& args) {
  const int id = job_id(args);
  auto it = state(s).jobs.find(id);
  if (it == state(s).jobs.end()) throw Error("search.unknown_job", "No search with id " + std::to_string(id) + ".");
  return *it->second;
}

}  // namespace

void register_search_commands(Session& s) {
  s.add_command("search.begin",
                "Start a hyper-parameter search: {table, target, family, space, params?, features?, task?, cv?, seed?, "
                "impute?} -> {job, candidates}.",
                [](Session& self, const Json& args) {
                  auto job = std::make_unique<eval::SearchJob>(shared_table(self, args), eval::search_request_from_json(args));
                  const std::size_t count = job->candidate_count();
                  int id = state(self).next_id++;
                  state(self).jobs[id] = std::move(job);
                  return Json{{"job", id}, {"candidates", count}};
                });
  s.add_command("search.step", "Advance a search: {job, steps?}. Returns {done, progress, message}.",
                [](Session& self, const Json& args) {
                  auto& job = job_of(self, args);
                  int steps = std::max(1, args.value("steps", 1));
                  for (int i = 0; i < steps && !job.step(); ++i) {
                  }
                  return Json{{"done", job.done()}, {"progress", job.progress()}, {"message", job.message()}};
                });
  s.add_command("search.finish", "The ranked candidates of a finished search: {job}. Drops the search.",
                [](Session& self, const Json& args) {
                  auto& job = job_of(self, args);
                  if (!job.done()) throw Error("search.not_done", "The search is still going; step it to the end first.");
                  Json result = job.result();
                  state(self).jobs.erase(job_id(args));
                  return result;
                });
  s.add_command("search.cancel", "Drop a search: {job}.", [](Session& self, const Json& args) {
    state(self).jobs.erase(job_id(args));
    return Json::object();
  });
}

}  // namespace mlcore::api

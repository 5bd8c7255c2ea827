// The search commands through the Session, as the page's worker calls them: begin on a loaded
// table, step to the end, finish with the ranked candidates; errors as stable codes.
#include <catch2/catch.hpp>

#include "core/api/data_commands.hpp"
#include "core/api/session.hpp"
#include "test_model_support.hpp"

using mlcore::api::Json;
using mlcore::api::Session;

namespace {

int load_iris(Session& s) {
  std::ifstream in(std::string(MLPLAY_SOURCE_DIR) + "/datasets/iris.csv", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return mlcore::api::keep_table(s, mlcore::data::read_csv(ss.str()), "iris.csv");
}

std::string code_of(Session& s, const std::string& command, const Json& args) {
  return s.call_safe(command, args)["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("search.begin, step and finish rank a grid over a loaded table", "[search]") {
  Session s;
  const int table = load_iris(s);
  Json begun = s.call("search.begin", {{"table", table}, {"target", "Species"}, {"family", "decision_tree"},
                                       {"space", {{"max_depth", {1, 3}}}}, {"cv", 3}});
  const int job = begun["job"];
  CHECK(begun["candidates"] == 2);
  CHECK(code_of(s, "search.finish", {{"job", job}}) == "search.not_done");
  Json step = s.call("search.step", {{"job", job}, {"steps", 2}});
  CHECK(step["done"] == false);
  CHECK(step["message"] == "candidate 1 of 2, fold 3 of 3");
  CHECK(step["progress"].get<double>() == Approx(2.0 / 6));
  step = s.call("search.step", {{"job", job}, {"steps", 100}});
  CHECK(step["done"] == true);
  CHECK(step["progress"] == 1.0);
  Json result = s.call("search.finish", {{"job", job}});
  CHECK(result["best"]["params"] == Json{{"max_depth", 3}});
  CHECK(result["candidates"][0]["rank"] == 2);
  CHECK(code_of(s, "search.step", {{"job", job}}) == "search.unknown_job");  // finish drops it
}

TEST_CASE("search.cancel drops a search, a missing table or a bad space is an error code", "[search]") {
  Session s;
  const int table = load_iris(s);
  const int job = s.call("search.begin", {{"table", table}, {"target", "Species"}, {"space", {{"max_depth", {1, 2}}}}})["job"];
  s.call("search.cancel", {{"job", job}});
  CHECK(code_of(s, "search.step", {{"job", job}}) == "search.unknown_job");
  CHECK(code_of(s, "search.begin", {{"table", 99}, {"target", "Species"}}) == "data.unknown_table");
  CHECK(code_of(s, "search.begin", {{"table", table}, {"target", "Species"}, {"space", {{"max_depth", {0}}}}}) ==
        "model.bad_param");
  CHECK(code_of(s, "search.begin", {{"table", table}, {"target", "Species"}, {"space", {{"max_depth", 2}}}}) ==
        "search.bad_space");
}

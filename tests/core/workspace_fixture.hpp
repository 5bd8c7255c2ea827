// A small IRIS session built through the workspace commands, as the page would log it, with its
// artifacts (the dataset table and two model files) in the blob store; plus temporary files and
// gzip for the tests that hand such a file to mlplay.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include "core/data/schema.hpp"
#include "core/data/table_hash.hpp"
#include "core/ops/workspace_file.hpp"
#include "table_builders.hpp"

namespace mlplay_test {

struct SessionStep {
  nlohmann::json command;
  std::string actor;
};

// The session's artifacts: the five-row iris table and two tiny model files.
inline mlcore::ops::BlobStore session_blobs() {
  mlcore::ops::BlobStore blobs;
  blobs.put_table(iris_like());
  blobs.put_model(R"({"format":"mlplay.model","family":"decision_tree","max_depth":3})");
  blobs.put_model(R"({"format":"mlplay.model","family":"logistic_regression","C":0.5})");
  return blobs;
}

// Register the data, record two runs, register IRIS:1 and IRIS:2, put IRIS:1 in Production,
// then (steps 7 and 8) promote IRIS:2 over it with archive_existing and name it champion.
inline std::vector<SessionStep> session_steps() {
  using nlohmann::json;
  const mlcore::data::Table table = iris_like();
  const std::string hash = mlcore::data::content_hash(table);
  const json schema = mlcore::data::schema_of(table);
  const std::string tree = mlcore::ops::model_key(R"({"format":"mlplay.model","family":"decision_tree","max_depth":3})");
  const std::string logreg = mlcore::ops::model_key(R"({"format":"mlplay.model","family":"logistic_regression","C":0.5})");
  const json iris1 = {{"name", "IRIS"}, {"version", 1}};
  return {
      {{{"type", "dataset.register_version"}, {"name", "IRIS"}, {"hash", hash}, {"schema", schema}, {"rows", 5},
        {"source", "iris.csv"}, {"description", "Fisher's irises"}, {"tags", {{"format", "CSV"}}}},
       "Data Scientist"},
      {{{"type", "run.record"}, {"experiment", "IRISExperiment"}, {"family", "decision_tree"},
        {"params", {{"max_depth", 3}}}, {"dataset", iris1}, {"metrics", {{"accuracy", 0.9}}},
        {"series", {{"train_loss", {0.9, 0.5, 0.3}}}}, {"tags", {{"model", "Decision Tree"}}},
        {"artifacts", {{"model", tree}}}, {"note", "baseline"}, {"duration", 30}},
       "Data Scientist"},
      {{{"type", "run.record"}, {"experiment", "IRISExperiment"}, {"family", "logistic_regression"},
        {"params", {{"C", 0.5}}}, {"dataset", iris1}, {"metrics", {{"accuracy", 0.96}}},
        {"artifacts", {{"model", logreg}}}},
       "Data Scientist"},
      {{{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-1"}, {"tags", {{"team", "green"}}},
        {"description", "depth-3 tree"}},
       "Data Scientist"},
      {{{"type", "model.register"}, {"name", "IRIS"}, {"run", "run-2"}, {"tags", {{"team", "blue"}}},
        {"description", "logistic regression, C=0.5"}},
       "Data Scientist"},
      {{{"type", "model.transition"}, {"name", "IRIS"}, {"version", 1}, {"stage", "Production"},
        {"comment", "first release"}},
       "Approver"},
      {{{"type", "model.transition"}, {"name", "IRIS"}, {"version", 2}, {"stage", "Production"},
        {"comment", "better accuracy"}, {"archive_existing", true}},
       "Approver"},
      {{{"type", "model.set_alias"}, {"name", "IRIS"}, {"alias", "champion"}, {"version", 2}}, "ML Engineer"},
  };
}

// The workspace after the first `steps` steps of the session (all by default), with its blobs.
inline mlcore::ops::WorkspaceFile session_file(std::size_t steps = 8) {
  mlcore::ops::WorkspaceFile f;
  const auto all = session_steps();
  for (std::size_t i = 0; i < steps && i < all.size(); ++i)
    mlcore::ops::apply(f.workspace, all[i].command, all[i].actor);
  f.blobs = session_blobs();
  return f;
}

// A path under /tmp unique to the calling test (CTest runs test cases in parallel).
inline std::string temp_path(const std::string& name) { return "/tmp/mlplay_test_ws_" + name; }

inline std::string write_temp(const std::string& name, const std::string& bytes) {
  const std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The bytes as one gzip member, as the page's CompressionStream('gzip') writes them.
inline std::string gzip_bytes(const std::string& bytes) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace mlplay_test

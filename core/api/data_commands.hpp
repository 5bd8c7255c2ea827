// Commands over datasets: stream a CSV into a table, preview and profile it, register it as a
// dataset version, diff versions. The streaming feed is a plain function because its bytes come
// as a typed array through the wasm layer, not as JSON.
#pragma once
#include <cstddef>
#include <map>
#include <memory>

#include "../data/csv_reader.hpp"
#include "../ops/dataset_registry.hpp"
#include "session.hpp"

namespace mlcore::api {

struct LoadedTable {
  data::Table table;
  std::vector<Warning> warnings;
  std::string source;
  char delimiter = ',';
  bool header = true;
  char decimal = '.';
  std::size_t skipped_rows = 0;
  std::size_t bytes = 0;
};

// Everything the data commands keep between calls.
struct DataState {
  int next_id = 1;
  std::map<int, std::unique_ptr<data::CsvReader>> uploads;
  std::map<int, std::shared_ptr<LoadedTable>> tables;
  // Tables of dataset versions by content hash: those registered in this session, and those
  // read back from the workspace's artifact store when first asked for.
  std::map<std::string, std::shared_ptr<LoadedTable>> version_tables;
};

// Options of data.csv.begin as JSON -> CsvOptions (throws api.bad_args naming the field).
data::CsvOptions csv_options_from_json(const Json& j);
// Feeds bytes to an upload started with data.csv.begin (throws data.unknown_upload).
void feed_upload(Session& s, int upload, const char* bytes, std::size_t size);
// Keeps a parsed table in the session and returns its id (used by the CLI and tests).
int keep_table(Session& s, data::CsvResult result, std::string source);
// A row's values as JSON: numbers as numbers, booleans as booleans, datetimes as ISO text,
// categories as text, missing as null.
Json row_to_json(const data::Table& t, std::size_t row);
Json table_summary(const LoadedTable& t);
// The loaded table named by args["table"], sharing ownership with the session so a run that
// holds it stays safe when the table is dropped (data.unknown_table when there is none).
std::shared_ptr<const data::Table> shared_table(Session& s, const Json& args);

// The table of a dataset version, from this session or the workspace's artifacts; nullptr when
// the workspace does not hold it (a workspace rebuilt from its command log alone).
std::shared_ptr<LoadedTable> version_table(Session& s, const ops::DatasetVersion& v);

void register_data_commands(Session& session);

}  // namespace mlcore::api

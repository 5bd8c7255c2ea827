// The data commands (see data_commands.hpp). Handlers only translate JSON to core calls.
#include "data_commands.hpp"

#include <algorithm>

#include "../data/datetime.hpp"
#include "../data/profile.hpp"
#include "../data/table_hash.hpp"
#include "../error.hpp"
#include "registry.hpp"
#include "workspace_state.hpp"

namespace mlcore::api {
namespace {

DataState& state(Session& s) { return s.state<DataState>(); }

char one_char(const Json& j, const char* field) {
  if (!j.contains(field) || j[field].is_null()) return 0;
  std::string v = j[field].get<std::string>();
  if (v == "auto" || v.empty()) return 0;
  if (v == "\\t" || v == "tab") return '\t';
  if (v.size() != 1) throw Error("api.bad_args", std::string("'") + field + "' must be one character, got '" + v + "'.");
  return v[0];
}

std::shared_ptr<LoadedTable> loaded_table(Session& s, const Json& args) {
  int id = require_field(args, "table").get<int>();
  auto it = state(s).tables.find(id);
  if (it == state(s).tables.end())
    throw Error("data.unknown_table", "No loaded table with id " + std::to_string(id) + "; load a dataset first.");
  return it->second;
}

LoadedTable& table_arg(Session& s, const Json& args) { return *loaded_table(s, args); }

Json warnings_json(const std::vector<Warning>& ws) {
  Json out = Json::array();
  for (const auto& w : ws) {
    Json j = {{"code", w.code}, {"message", w.message}};
    if (w.where.line) j["line"] = w.where.line;
    if (w.where.column) j["column"] = w.where.column;
    if (!w.where.excerpt.empty()) j["excerpt"] = w.where.excerpt;
    out.push_back(j);
  }
  return out;
}

std::string char_name(char c) { return c == '\t' ? "\\t" : std::string(1, c); }

}  // namespace

std::shared_ptr<const data::Table> shared_table(Session& s, const Json& args) {
  auto loaded = loaded_table(s, args);
  return std::shared_ptr<const data::Table>(loaded, &loaded->table);
}

data::CsvOptions csv_options_from_json(const Json& j) {
  data::CsvOptions o;
  if (!j.is_object()) return o;
  o.delimiter = one_char(j, "delimiter");
  o.decimal = one_char(j, "decimal");
  if (j.contains("header") && !j["header"].is_null()) {
    const auto& h = j["header"];
    o.header = h.is_boolean() ? (h.get<bool>() ? 1 : 0) : h.get<int>();
  }
  if (j.contains("missing")) o.missing = j["missing"].get<std::vector<std::string>>();
  if (j.contains("ragged")) {
    std::string r = j["ragged"].get<std::string>();
    if (r == "skip") o.ragged = data::RaggedPolicy::Skip;
    else if (r == "error") o.ragged = data::RaggedPolicy::Error;
    else throw Error("api.bad_args", "'ragged' must be \"error\" or \"skip\", got '" + r + "'.");
  }
  if (j.contains("types"))
    for (const auto& [col, type] : j["types"].items())
      o.types[col] = data::column_type_from_string(type.get<std::string>());
  if (j.contains("source")) o.source = j["source"].get<std::string>();
  return o;
}

void feed_upload(Session& s, int upload, const char* bytes, std::size_t size) {
  auto& ups = state(s).uploads;
  auto it = ups.find(upload);
  if (it == ups.end())
    throw Error("data.unknown_upload", "No upload in progress with id " + std::to_string(upload) + ".");
  try {
    it->second->feed(bytes, size);
  } catch (...) {
    ups.erase(it);  // a reader that threw is spent
    throw;
  }
}

int keep_table(Session& s, data::CsvResult r, std::string source) {
  auto t = std::make_shared<LoadedTable>();
  t->table = std::move(r.table);
  t->warnings = std::move(r.warnings);
  t->source = std::move(source);
  t->delimiter = r.delimiter;
  t->header = r.header;
  t->decimal = r.decimal;
  t->skipped_rows = r.skipped_rows;
  t->bytes = r.bytes;
  int id = state(s).next_id++;
  state(s).tables[id] = std::move(t);
  return id;
}

Json row_to_json(const data::Table& t, std::size_t row) {
  Json out = Json::array();
  for (const auto& c : t.columns) {
    if (c.is_missing(row)) { out.push_back(nullptr); continue; }
    switch (c.type) {
      case data::ColumnType::Integer: out.push_back(static_cast<long long>(c.numbers[row])); break;
      case data::ColumnType::Float: out.push_back(c.numbers[row]); break;
      case data::ColumnType::Boolean: out.push_back(c.numbers[row] != 0); break;
      default: out.push_back(c.text(row));
    }
  }
  return out;
}

Json table_summary(const LoadedTable& t) {
  Json cols = Json::array();
  for (const auto& c : t.table.columns) cols.push_back({{"name", c.name}, {"type", data::to_string(c.type)}});
  return {{"rows", t.table.rows()}, {"columns", cols}, {"warnings", warnings_json(t.warnings)},
          {"source", t.source}, {"delimiter", char_name(t.delimiter)}, {"header", t.header},
          {"decimal", char_name(t.decimal)}, {"skipped_rows", t.skipped_rows}, {"bytes", t.bytes}};
}

void register_data_commands(Session& s) {
  s.add_command("data.csv.begin", "Start reading a CSV: {options}. Returns {upload}; feed bytes, then data.csv.finish.",
                [](Session& self, const Json& args) {
                  auto& st = state(self);
                  int id = st.next_id++;
                  st.uploads[id] = std::make_unique<data::CsvReader>(
                      csv_options_from_json(args.value("options", Json::object())));
                  return Json{{"upload", id}};
                });
  s.add_command("data.csv.feed", "Feed text to an upload: {upload, text} (the page feeds bytes as typed arrays).",
                [](Session& self, const Json& args) {
                  std::string text = require_field(args, "text").get<std::string>();
                  feed_upload(self, require_field(args, "upload").get<int>(), text.data(), text.size());
                  return Json::object();
                });
  s.add_command("data.csv.finish", "Finish an upload: {upload, source?}. Returns {table, summary}.",
                [](Session& self, const Json& args) {
                  auto& ups = state(self).uploads;
                  int up = require_field(args, "upload").get<int>();
                  auto it = ups.find(up);
                  if (it == ups.end())
                    throw Error("data.unknown_upload", "No upload in progress with id " + std::to_string(up) + ".");
                  auto reader = std::move(it->second);
                  ups.erase(it);
                  int id = keep_table(self, reader->finish(), args.value("source", std::string()));
                  return Json{{"table", id}, {"summary", table_summary(*state(self).tables[id])}};
                });
  s.add_command("data.csv.abort", "Drop an upload in progress: {upload}.", [](Session& self, const Json& args) {
    state(self).uploads.erase(require_field(args, "upload").get<int>());
    return Json::object();
  });
  s.add_command("data.table.summary", "Rows, columns with types, warnings of a loaded table: {table}.",
                [](Session& self, const Json& args) { return table_summary(table_arg(self, args)); });
  s.add_command("data.table.rows", "A window of rows: {table, offset, limit<=1000}. Values as parsed, missing as null.",
                [](Session& self, const Json& args) {
                  const auto& t = table_arg(self, args).table;
                  std::size_t offset = args.value("offset", std::size_t{0});
                  std::size_t limit = std::min<std::size_t>(args.value("limit", std::size_t{100}), 1000);
                  std::size_t end = std::min(t.rows(), offset + limit);
                  Json rows = Json::array();
                  for (std::size_t r = offset; r < end; ++r) rows.push_back(row_to_json(t, r));
                  return Json{{"offset", offset}, {"total", t.rows()}, {"rows", rows}};
                });
  s.add_command("data.table.profile", "Profile and quality warnings of a loaded table: {table, target?}.",
                [](Session& self, const Json& args) {
                  data::QualityOptions q;
                  q.target = args.value("target", std::string());
                  return data::to_json(data::profile_table(table_arg(self, args).table, q));
                });
  s.add_command("data.table.drop", "Forget a loaded table: {table}.", [](Session& self, const Json& args) {
    state(self).tables.erase(require_field(args, "table").get<int>());
    return Json::object();
  });
  s.add_command("data.dataset.register",
                "Register a loaded table as a dataset version: {table, name, description?, tags?}.",
                [](Session& self, const Json& args) {
                  auto loaded = loaded_table(self, args);
                  const std::string name = require_field(args, "name").get<std::string>();
                  const ops::Dataset* before = current_workspace(self).datasets.find(name);
                  const int previous = before ? before->latest().number : 0;
                  Json extra = {{"profile", data::to_json(data::profile_table(loaded->table))}};
                  if (args.contains("description")) extra["description"] = args["description"];
                  if (args.contains("tags")) extra["tags"] = args["tags"];
                  const std::string hash = data::content_hash(loaded->table);
                  DatasetRegistration reg = register_dataset(self, loaded->table, name, loaded->source, extra, hash);
                  state(self).version_tables[hash] = loaded;
                  const auto& version = current_workspace(self).datasets.version(name, reg.number);
                  Json out = {{"reference", ops::version_reference(name, reg.number)}, {"number", reg.number},
                              {"created", reg.created}, {"hash", hash}, {"rows", version.rows}};
                  if (reg.created && previous > 0) {
                    const auto& from = current_workspace(self).datasets.version(name, previous);
                    auto from_table = version_table(self, from);
                    Json d;
                    to_json(d, ops::diff_versions(from, version, from_table ? &from_table->table : nullptr, &loaded->table));
                    out["diff"] = d;
                  }
                  return out;
                });
  s.add_command("data.dataset.list", "The dataset registry: datasets, their versions, tags and descriptions.",
                [](Session& self, const Json&) {
                  Json j;
                  to_json(j, current_workspace(self).datasets);
                  for (auto& d : j["datasets"])
                    for (auto& v : d["versions"]) v.erase("profile");  // ask data.dataset.version for it
                  return j;
                });
  s.add_command("data.dataset.version", "One dataset version with its profile: {reference: \"NAME:N\"}.",
                [](Session& self, const Json& args) {
                  Json j;
                  to_json(j, current_workspace(self).datasets.resolve(require_field(args, "reference").get<std::string>()));
                  return j;
                });
  s.add_command("data.dataset.table", "Load a dataset version's table to work on: {reference: \"NAME:N\"}. Returns {table, summary}.",
                [](Session& self, const Json& args) {
                  auto& st = state(self);
                  const auto& v = current_workspace(self).datasets.resolve(require_field(args, "reference").get<std::string>());
                  auto table = version_table(self, v);
                  if (!table)
                    throw Error("dataset.no_table", "The table of this dataset version is not in this workspace; load and register it again.");
                  int id = st.next_id++;
                  st.tables[id] = table;
                  return Json{{"table", id}, {"summary", table_summary(*table)}};
                });
  s.add_command("data.dataset.diff", "Diff two versions of a dataset: {name, from, to}.",
                [](Session& self, const Json& args) {
                  const auto& reg = current_workspace(self).datasets;
                  std::string name = require_field(args, "name").get<std::string>();
                  const auto& a = reg.version(name, require_field(args, "from").get<int>());
                  const auto& b = reg.version(name, require_field(args, "to").get<int>());
                  auto ta = version_table(self, a);
                  auto tb = version_table(self, b);
                  Json d;
                  to_json(d, ops::diff_versions(a, b, ta ? &ta->table : nullptr, tb ? &tb->table : nullptr));
                  return d;
                });
}

std::shared_ptr<LoadedTable> version_table(Session& s, const ops::DatasetVersion& v) {
  auto& cache = state(s).version_tables;
  auto it = cache.find(v.hash);
  if (it != cache.end()) return it->second;
  const auto& blobs = workspace_state(s).blobs;
  if (!blobs.contains(v.hash)) return nullptr;
  auto loaded = std::make_shared<LoadedTable>();
  loaded->table = blobs.table(v.hash);
  loaded->source = v.source;
  cache[v.hash] = loaded;
  return loaded;
}

}  // namespace mlcore::api
